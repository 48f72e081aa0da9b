"""A unit of work holds the database's write lock only while it writes, never while presenting its result."""

from __future__ import annotations

from sqlalchemy import event

from reference_system.service_layer import cases
from reference_system.service_layer.unit_of_work import UnitOfWork
from reference_system.web import presenters


def test_reading_what_was_written_after_the_commit_does_not_take_the_write_lock_again(database, clock, listing_officer,
                                                                                     new_case):
    began = []
    event.listen(database.engine, "begin",
                 lambda connection: began.append(bool(connection.get_execution_options().get("write_transaction"))))

    with UnitOfWork(database, write=True) as uow:
        case = cases.create_case(uow, clock, listing_officer, new_case())
        presenters.case(case)  # loads the new case's (empty) hearings after the commit

    assert began == [True, False]
