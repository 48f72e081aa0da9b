"""Test-mode controls: move the platform clock, reset case data. Not mounted outside test mode (404)."""

from datetime import UTC, datetime

from fastapi import APIRouter
from sqlalchemy import delete

from ...adapters.orm import (
    AuditEventRow,
    CaseRow,
    DefendantRow,
    EmOrderRow,
    HearingRow,
    NotificationRow,
    ResultRow,
)
from ...domain.calendar import as_london
from ...domain.errors import FieldError, ValidationFailed
from ...seed import seed_court_day
from ..deps import PlatformDep
from ..schemas import ClockChange, ClockPublic

router = APIRouter(prefix="/__test", tags=["test mode"], include_in_schema=False)


@router.post("/clock", response_model=ClockPublic)
def set_clock(body: ClockChange, platform: PlatformDep):
    if (body.advance_seconds is None) == (body.now is None):
        raise ValidationFailed([FieldError("advance_seconds", "Give either advance_seconds or now")])
    clock = platform.clock
    if body.now is not None:
        offset = (as_london(body.now) - datetime.now(UTC)).total_seconds()
    else:
        offset = clock.offset() + body.advance_seconds
    clock.set_offset(offset)
    platform.dispatcher.wake()
    return {"now": clock.now(), "offset_seconds": offset}


@router.get("/clock", response_model=ClockPublic)
def get_clock(platform: PlatformDep):
    return {"now": platform.clock.now(), "offset_seconds": platform.clock.offset()}


@router.post("/reset")
def reset(platform: PlatformDep):
    """Remove every case, order, notification and audit event; reset the clock; re-seed the court day."""
    with platform.database.writing() as session, session.begin():
        for table in (NotificationRow, EmOrderRow, ResultRow, HearingRow, DefendantRow, CaseRow, AuditEventRow):
            session.execute(delete(table))
    platform.clock.set_offset(0.0)
    if platform.settings.seed == "court-day":
        with platform.database.writing() as session, session.begin():
            now = platform.clock.now()
            seed_court_day(session, as_london(now).date(), now)
    return {"status": "reset"}
