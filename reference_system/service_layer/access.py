"""Who is acting, and the role checks every use case applies before touching data."""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.model import Role
from .errors import Forbidden, NotFound


@dataclass(frozen=True)
class Principal:
    username: str
    role: Role
    court_centre: str


ACTIONS: dict[str, set[Role]] = {
    "create_case": {Role.LISTING_OFFICER},
    "list_hearing": {Role.LISTING_OFFICER},
    "draft_result": {Role.LEGAL_ADVISER},
    "share_results": {Role.LEGAL_ADVISER},
    "read_work_queue": {Role.COURT_ADMIN},
    "resend_order": {Role.COURT_ADMIN},
    "read_audit": {Role.COURT_ADMIN},
    "read_cases": set(Role),
}

_ACTION_WORDS = {
    "create_case": "create cases",
    "list_hearing": "list hearings",
    "draft_result": "record results",
    "share_results": "share results",
    "read_work_queue": "see the work queue",
    "resend_order": "re-send EM orders",
    "read_audit": "read the audit trail",
    "read_cases": "read cases",
}


def require(user: Principal, action: str) -> None:
    if user.role not in ACTIONS[action]:
        raise Forbidden(f"A {user.role.value.replace('_', ' ').lower()} cannot {_ACTION_WORDS[action]}")


def require_centre(user: Principal, court_centre: str, not_found: str) -> None:
    """Another centre's record is reported exactly as a missing one (same status, same words), so its
    existence is not disclosed."""
    if court_centre != user.court_centre:
        raise NotFound(not_found)
