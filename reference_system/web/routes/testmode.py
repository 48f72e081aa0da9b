"""Test-mode controls: move the platform clock, reset case data, add a year of case history. Not mounted
outside test mode (404)."""

import secrets
import time
from datetime import UTC, datetime

from fastapi import APIRouter
from sqlalchemy import delete, select

from ...adapters.orm import (
    AuditEventRow,
    CaseRow,
    CourtCentreRow,
    DefendantRow,
    EmOrderRow,
    HearingRow,
    NotificationRow,
    ResultRow,
)
from ...domain.calendar import as_london
from ...domain.errors import FieldError, ValidationFailed
from ...seed import seed_case_history, seed_court_day
from ..deps import PlatformDep
from ..schemas import CaseHistory, ClockChange, ClockPublic

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


@router.post("/history")
def add_history(body: CaseHistory, platform: PlatformDep):
    """Past cases for one centre (load tests: a search or a list that scans every case shows only at volume)."""
    started = time.perf_counter()
    with platform.database.writing() as session, session.begin():
        if session.scalar(select(CourtCentreRow.code).where(CourtCentreRow.code == body.court_centre)) is None:
            raise ValidationFailed([FieldError("court_centre", f"No court centre {body.court_centre}")])
        seed_case_history(session, body.court_centre, body.cases, secrets.token_hex(3).upper(), platform.clock.now())
    return {"court_centre": body.court_centre, "cases": body.cases, "seconds": round(time.perf_counter() - started, 2)}
