"""Listing hearings and reading the court list."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..adapters.clock import Clock
from ..adapters.orm import CaseRow, HearingRow
from ..domain.calendar import LONDON, as_london
from ..domain.model import HearingState
from . import audit
from .access import Principal, require, require_centre
from .cases import get_case
from .commands import ListHearing
from .errors import NotFound, require_row_id
from .unit_of_work import UnitOfWork


def list_hearing(uow: UnitOfWork, clock: Clock, user: Principal, command: ListHearing) -> HearingRow:
    require(user, "list_hearing")
    case = get_case(uow, user, command.urn, hearings=False)
    hearing = HearingRow(
        case=case, type=command.type, court_centre=case.court_centre, courtroom=command.courtroom,
        starts_at=as_london(command.starts_at), state=HearingState.LISTED, version=1, created_at=clock.now(),
        results=[],  # a new hearing has none: presenting it needs no query
    )
    uow.session.add(hearing)
    audit.record(uow.session, clock.now(), user.username, "HEARING_LISTED", case.urn, case.court_centre,
                 type=command.type, starts_at=hearing.starts_at.isoformat())
    uow.commit()
    return hearing


def get_hearing(uow: UnitOfWork, user: Principal, hearing_id: int, *, for_update: bool = False) -> HearingRow:
    """The hearing with its results and defendants. `for_update` before checking its `version` and writing:
    on PostgreSQL the row is locked, so a concurrent draft or share waits and then sees the version the first
    one wrote (SQLite's BEGIN IMMEDIATE already makes writers take turns)."""
    require(user, "read_cases")
    require_row_id(hearing_id, "hearing")
    query = select(HearingRow).where(HearingRow.id == hearing_id).options(
        selectinload(HearingRow.results), selectinload(HearingRow.case).selectinload(CaseRow.defendants)
    )
    if for_update:
        query = query.with_for_update(of=HearingRow).execution_options(populate_existing=True)
    hearing = uow.session.scalar(query)
    if hearing is None:
        raise NotFound(f"No hearing {hearing_id}")
    require_centre(user, hearing.court_centre, f"No hearing {hearing_id}")
    return hearing


def court_list(uow: UnitOfWork, clock: Clock, user: Principal, court_centre: str | None, day: date | None) -> list[HearingRow]:
    """Hearings of one court centre on one day (today by the platform clock), by courtroom and time."""
    require(user, "read_cases")
    centre = court_centre or user.court_centre
    require_centre(user, centre, f"No court centre {centre} for you")
    day = day or clock.now().astimezone(LONDON).date()
    start = datetime.combine(day, time(0, 0), tzinfo=LONDON)
    end = datetime.combine(day + timedelta(days=1), time(0, 0), tzinfo=LONDON)
    rows = uow.session.scalars(
        select(HearingRow)
        .where(HearingRow.court_centre == centre, HearingRow.starts_at >= start, HearingRow.starts_at < end)
        .options(selectinload(HearingRow.case).selectinload(CaseRow.defendants), selectinload(HearingRow.results))
        .order_by(HearingRow.courtroom, HearingRow.starts_at)
    ).all()
    return list(rows)
