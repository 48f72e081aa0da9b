"""Today's court list for the signed-in user's court centre (or another day's, by `?date=`)."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import groupby

from fastapi import Query, Request

from ...adapters.orm import CourtCentreRow
from ...domain.calendar import LONDON
from ...service_layer import hearings
from ..deps import PlatformDep, ReadUoW
from .rendering import render
from .routing import PageUser, page_router

router = page_router()


@router.get("/court-list")
def court_list(request: Request, user: PageUser, uow: ReadUoW, platform: PlatformDep, date: date | None = None,
               court_centre: str | None = Query(default=None, max_length=10)):
    today = platform.clock.now().astimezone(LONDON).date()
    day = date or today
    rows = hearings.court_list(uow, platform.clock, user, court_centre, day)
    courtrooms = [
        {"name": room, "hearings": [_listing(h) for h in listed]}
        for room, listed in groupby(rows, key=lambda h: h.courtroom)
    ]
    return render(request, "court_list.html", {
        "section": "court-list", "day": day, "is_today": day == today, "courtrooms": courtrooms,
        "previous_day": day - timedelta(days=1), "next_day": day + timedelta(days=1),
        "can_record": user.role.value == "LEGAL_ADVISER",
    })


def _listing(hearing) -> dict:
    shared = sum(1 for r in hearing.results if r.status == "SHARED")
    drafts = sum(1 for r in hearing.results if r.status == "DRAFT")
    return {
        "id": hearing.id, "starts_at": hearing.starts_at, "type": hearing.type, "state": hearing.state,
        "urn": hearing.case.urn, "defendants": [f"{d.first_name} {d.last_name}" for d in hearing.case.defendants],
        "drafts": drafts, "shared": shared,
    }


@router.get("/court-centres")
def court_centres(request: Request, user: PageUser, uow: ReadUoW):
    """The court centres the platform serves (every signed-in user may see the directory)."""
    rows = uow.session.query(CourtCentreRow).order_by(CourtCentreRow.code).all()
    return render(request, "court_centres.html", {"centres": [{"code": r.code, "name": r.name, "kind": r.kind}
                                                              for r in rows]})
