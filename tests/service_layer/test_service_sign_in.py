"""Signing in: a seed user's password gives their role and court centre; a wrong one says nothing more."""

from __future__ import annotations

import pytest
from pwdlib import PasswordHash

from reference_system.domain.model import Role
from reference_system.service_layer.auth import authenticate
from reference_system.service_layer.errors import BadCredentials
from reference_system.service_layer.unit_of_work import UnitOfWork

_hashes = PasswordHash.recommended()


def _verify(password: str, stored_hash: str | None) -> bool:
    return stored_hash is not None and _hashes.verify(password, stored_hash)


def test_a_seed_user_signs_in_with_their_role_and_court_centre(database):
    with UnitOfWork(database) as uow:
        principal, display_name = authenticate(uow, "adviser@MAG02", "court-test-password", _verify)

    assert (principal.username, principal.role, principal.court_centre) == ("adviser@MAG02", Role.LEGAL_ADVISER, "MAG02")
    assert "MAG02" in display_name


@pytest.mark.parametrize(("username", "password"), [("adviser@MAG01", "wrong-password"), ("nobody@MAG01", "court-test-password")])
def test_a_wrong_password_and_an_unknown_user_are_refused_alike(database, username, password):
    with UnitOfWork(database) as uow, pytest.raises(BadCredentials) as refused:
        authenticate(uow, username, password, _verify)

    assert str(refused.value) == ""
