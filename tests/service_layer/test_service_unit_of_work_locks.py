"""A unit of work holds the database's write lock only while it writes, never while presenting its result."""

from __future__ import annotations

from sqlalchemy import event, select

from reference_system.adapters.orm import CaseRow
from reference_system.service_layer import cases, hearings
from reference_system.service_layer.commands import ListHearing
from reference_system.service_layer.unit_of_work import UnitOfWork
from reference_system.web import presenters


def test_reading_after_the_commit_does_not_take_the_write_lock_again(database, clock, listing_officer, new_case):
    began = []
    event.listen(database.engine, "begin",
                 lambda connection: began.append(bool(connection.get_execution_options().get("write_transaction"))))

    with UnitOfWork(database, write=True) as uow:
        cases.create_case(uow, clock, listing_officer, new_case())
        uow.session.scalar(select(CaseRow.id))  # e.g. a lazy load while presenting what was written

    assert began == [True, False]


def test_presenting_a_new_case_or_hearing_needs_no_query_after_the_commit(database, clock, listing_officer, new_case):
    statements = []
    event.listen(database.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    with UnitOfWork(database, write=True) as uow:
        case = cases.create_case(uow, clock, listing_officer, new_case())
        statements.clear()
        presenters.case(case)
    with UnitOfWork(database, write=True) as uow:
        hearing = hearings.list_hearing(uow, clock, listing_officer, ListHearing(
            urn=case.urn, type="PLEA", courtroom="1", starts_at=clock.now()))
        statements.clear()
        presenters.hearing(hearing)

    assert statements == []
