"""Who may sign in: checks a username and password against the stored argon2 hash."""

from __future__ import annotations

from sqlalchemy import select

from ..adapters.orm import UserRow
from ..domain.model import Role
from .access import Principal
from .errors import BadCredentials
from .unit_of_work import UnitOfWork


def authenticate(uow: UnitOfWork, username: str, password: str, verify) -> tuple[Principal, str]:
    """The signed-in principal and display name, or BadCredentials (never says which part was wrong)."""
    user = uow.session.scalar(select(UserRow).where(UserRow.username == username))
    account = None if user is None else (
        Principal(username=user.username, role=Role(user.role), court_centre=user.court_centre),
        user.display_name, user.password_hash,
    )
    # End the read before the deliberately slow hash check, so a burst of sign-ins never holds the
    # database connections every other request needs.
    uow.session.rollback()
    if not verify(password, account[2] if account else None) or account is None:
        raise BadCredentials()
    return account[0], account[1]
