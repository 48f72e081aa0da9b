"""Signing in under load: the slow password check must not hold a database connection."""

from __future__ import annotations

from reference_system.service_layer.auth import authenticate
from reference_system.service_layer.unit_of_work import UnitOfWork


def test_the_password_is_checked_only_after_the_read_of_the_account_has_ended(database):
    seen = {}
    with UnitOfWork(database) as uow:

        def verify(password: str, stored_hash: str | None) -> bool:
            seen["in_transaction"] = uow.session.in_transaction()
            return stored_hash is not None

        authenticate(uow, "adviser@MAG01", "court-test-password", verify)

    assert seen == {"in_transaction": False}
