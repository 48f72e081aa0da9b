"""Who may sign in: checks a username and password against the stored argon2 hash."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from ..adapters.orm import UserRow
from ..domain.model import Role
from .access import Principal
from .errors import BadCredentials
from .unit_of_work import UnitOfWork


@dataclass(frozen=True)
class Account:
    principal: Principal
    display_name: str
    password_hash: str


def find_account(uow: UnitOfWork, username: str) -> Account | None:
    """The account to check a password against, read in a short transaction that ends at once."""
    user = uow.session.scalar(select(UserRow).where(UserRow.username == username))
    account = None if user is None else Account(
        Principal(username=user.username, role=Role(user.role), court_centre=user.court_centre),
        user.display_name, user.password_hash,
    )
    # End the read before the deliberately slow hash check, so a burst of sign-ins never holds the
    # database connections every other request needs.
    uow.session.rollback()
    return account


def check_password(account: Account | None, verified: bool) -> tuple[Principal, str]:
    """The principal when the password was verified against this account (never says which part was wrong)."""
    if not verified or account is None:
        raise BadCredentials()
    return account.principal, account.display_name


def authenticate(uow: UnitOfWork, username: str, password: str, verify) -> tuple[Principal, str]:
    """The signed-in principal and display name, or BadCredentials (never says which part was wrong)."""
    account = find_account(uow, username)
    return check_password(account, verify(password, account.password_hash if account else None))
