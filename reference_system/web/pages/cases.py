"""Finding a case, and the case page: defendants, offences, hearings and results, EM orders, messages."""

from __future__ import annotations

from fastapi import Query, Request

from ...service_layer import audit, cases, orders
from ..deps import ReadUoW
from .rendering import render
from .routing import PageUser, page_router
from .summaries import address_text, result_rows

router = page_router()
PAGE_SIZE = 20


@router.get("/cases")
def find_case(request: Request, user: PageUser, uow: ReadUoW, q: str = Query(default="", max_length=100),
              page: int = Query(default=1, ge=1, le=10_000)):
    rows, total = cases.search_cases(uow, user, court_centre=None, text=q.strip() or None, page=page, page_size=PAGE_SIZE)
    return render(request, "find_case.html", {
        "section": "cases", "q": q, "total": total, "page": page, "pages": max(1, -(-total // PAGE_SIZE)),
        "can_open": user.role.value == "LISTING_OFFICER",
        "cases": [{"urn": c.urn, "prosecutor": c.prosecutor, "status": c.status,
                   "defendants": [f"{d.first_name} {d.last_name}" for d in c.defendants]} for c in rows],
    })


@router.get("/cases/{urn}")
def case_page(request: Request, urn: str, user: PageUser, uow: ReadUoW):
    case = cases.get_case(uow, user, urn)
    names = {d.id: f"{d.first_name} {d.last_name}" for d in case.defendants}
    em_orders, _ = orders.list_orders(uow, user, status=None, urn=case.urn, court_centre=None)
    messages, _ = orders.list_notifications(uow, user, urn=case.urn, agency=None, status=None)
    hearings = []
    for h in sorted(case.hearings, key=lambda h: (h.starts_at, h.id)):
        results = {r.defendant_id: r for r in h.results}
        hearings.append({
            "id": h.id, "type": h.type, "courtroom": h.courtroom, "starts_at": h.starts_at, "state": h.state,
            "results": [
                {"defendant": names[d.id], "defendant_id": d.id, "status": results[d.id].status,
                 "rows": result_rows(results[d.id].draft)}
                for d in case.defendants if d.id in results
            ],
        })
    role = user.role.value
    return render(request, "case.html", {
        "section": "cases", "case": case, "hearings": hearings,
        "defendants": [
            {"id": d.id, "name": names[d.id], "first_name": d.first_name, "last_name": d.last_name,
             "date_of_birth": d.date_of_birth, "address": address_text(d.address), "pnc_id": d.pnc_id,
             "custody_status": d.custody_status, "offences": d.offences}
            for d in case.defendants
        ],
        "em_orders": [
            {"id": o.id, "defendant": names.get(o.defendant_id, str(o.defendant_id)), "defendant_id": o.defendant_id,
             "kind": o.kind, "status": o.status, "overdue": o.overdue, "provider_ref": o.provider_ref,
             "deadline": o.deadline, "created_at": o.created_at, "acknowledged_at": o.acknowledged_at,
             "attempts": o.attempts, "last_error": o.last_error}
            for o in em_orders
        ],
        "messages": [
            {"id": m.id, "agency": m.agency, "kind": m.kind, "status": m.status, "attempts": m.attempts,
             "last_error": m.last_error, "defendant": names.get(m.defendant_id, ""), "em_order_id": m.em_order_id,
             "created_at": m.created_at, "sent_at": m.sent_at}
            for m in messages
        ],
        "can_record": role == "LEGAL_ADVISER", "can_list": role == "LISTING_OFFICER", "can_audit": role == "COURT_ADMIN",
    })


@router.get("/cases/{urn}/audit")
def audit_trail(request: Request, urn: str, user: PageUser, uow: ReadUoW):
    """Who did what to the case, newest first (court admins only, like the API)."""
    events, total = audit.audit_events(uow, user, urn)
    if not total:
        cases.get_case(uow, user, urn)  # no events at all: another centre's case (or none) is not found
    return render(request, "audit_trail.html", {"section": "cases", "urn": urn, "events": events, "total": total})
