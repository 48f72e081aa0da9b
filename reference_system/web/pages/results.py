"""Recording results: the form per defendant, checking the answers, sharing, and the confirmation.

The routes are thin: they parse the form, build the same `DraftResult` / `ShareResults` commands as the
API, call the same use cases, and render. A stale `version` (someone else saved first) is refused by the
service; the page then keeps what this user typed and shows what the other person saved.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request

from ...domain.errors import NothingToShare, StaleVersion, ValidationFailed
from ...service_layer import hearings, orders, results
from ...service_layer.access import require
from ...service_layer.commands import DraftResult, ShareResults
from ...service_layer.errors import NotFound
from ..deps import PlatformDep, ReadUoW, WriteUoW
from . import result_form
from .forms import error_list
from .rendering import page_context, render
from .routing import CheckedForm, PageUser, page_router, see_other
from .summaries import address_text, result_rows

router = page_router()
CONFLICT = ("This hearing was changed by someone else while you were working on it, so your changes have not "
            "been saved. Your answers are still on this page: check what they saved, then save again.")
SHARE_CONFLICT = ("This hearing was changed by someone else after you opened this page, so nothing was shared. "
                  "Check the results below, which now include their changes, then share again.")


def _hearing_view(hearing) -> dict[str, Any]:
    return {"id": hearing.id, "urn": hearing.case.urn, "type": hearing.type, "courtroom": hearing.courtroom,
            "starts_at": hearing.starts_at, "state": hearing.state, "version": hearing.version}


def _defendant(hearing, defendant_id: int):
    defendant = next((d for d in hearing.case.defendants if d.id == defendant_id), None)
    if defendant is None:
        raise NotFound(f"No defendant {defendant_id} on this hearing")
    return defendant


def _saved(hearing, defendant_id: int):
    return next((r for r in hearing.results if r.defendant_id == defendant_id), None)


def _form_page(request: Request, hearing, defendant, values: dict[str, Any], version: int,
               errors: result_form.FormErrors | None = None, conflict: dict[str, Any] | None = None,
               status_code: int = 200):
    errors = errors or result_form.FormErrors(None)
    summary = errors.summary()
    if conflict:
        summary.insert(0, {"text": CONFLICT, "href": "#their-changes", "attributes": {"data-field": "version"}})
    return render(request, "result_form.html", {
        "section": "court-list", "hearing": _hearing_view(hearing), "version": version,
        "defendant": {"id": defendant.id, "name": f"{defendant.first_name} {defendant.last_name}",
                      "date_of_birth": defendant.date_of_birth, "address": address_text(defendant.address),
                      "offences": defendant.offences},
        "values": values, "errors": errors.messages, "error_list": summary, "conflict": conflict,
    }, status_code=status_code)


@router.get("/hearings/{hearing_id}/results/{defendant_id}")
def result_page(request: Request, hearing_id: int, defendant_id: int, user: PageUser, uow: ReadUoW):
    require(user, "draft_result")
    hearing = hearings.get_hearing(uow, user, hearing_id)
    defendant = _defendant(hearing, defendant_id)
    saved = _saved(hearing, defendant_id)
    values = result_form.values_of(saved.draft if saved else None, defendant.address)
    return _form_page(request, hearing, defendant, values, hearing.version)


@router.post("/hearings/{hearing_id}/results/{defendant_id}")
def save_result(request: Request, hearing_id: int, defendant_id: int, form: CheckedForm, user: PageUser,
                uow: WriteUoW, platform: PlatformDep):
    require(user, "draft_result")
    hearing = hearings.get_hearing(uow, user, hearing_id)
    defendant = _defendant(hearing, defendant_id)
    version = int(form.get("version")) if str(form.get("version") or "").isdigit() else 0
    parsed = result_form.parse(form)
    document = parsed.document and result_form.as_contract(parsed.document, max(version, 1), parsed.errors)
    if document is not None:
        try:
            hearing = results.draft_result(uow, platform.clock, user, DraftResult(
                hearing_id=hearing_id, defendant_id=defendant_id, version=version, result=document))
        except ValidationFailed as refused:
            parsed.errors.add_domain(refused.errors)
        except StaleVersion:
            uow.session.rollback()
            return _conflict(request, uow, user, hearing_id, defendant_id, parsed.values)
        else:
            name = f"{defendant.first_name} {defendant.last_name}"
            if form.get("action") == "draft":
                page_context(request).session.flash(f"Draft result saved for {name}.")
                return see_other(f"/cases/{hearing.case.urn}")
            page_context(request).session.flash(f"Result saved for {name}. Check the results, then share them.")
            return see_other(f"/hearings/{hearing_id}/results")
    return _form_page(request, hearing, defendant, parsed.values, version, parsed.errors, status_code=422)


def _conflict(request: Request, uow, user, hearing_id: int, defendant_id: int, values: dict[str, Any]):
    """Re-read the hearing as it is now; keep the user's answers and show what the other person saved."""
    hearing = hearings.get_hearing(uow, user, hearing_id)
    defendant = _defendant(hearing, defendant_id)
    saved = _saved(hearing, defendant_id)
    conflict = {"rows": result_rows(saved.draft) if saved else None,
                "by": saved.drafted_by if saved else None, "at": saved.drafted_at if saved else None}
    return _form_page(request, hearing, defendant, values, hearing.version, conflict=conflict, status_code=409)


def _results_page(request: Request, hearing, user, error: tuple[str, str] | None = None, status_code: int = 200):
    saved = {r.defendant_id: r for r in hearing.results}
    defendants = []
    for d in hearing.case.defendants:
        row = saved.get(d.id)
        defendants.append({"id": d.id, "name": f"{d.first_name} {d.last_name}",
                           "status": row.status if row else None, "rows": result_rows(row.draft) if row else []})
    to_share = sum(1 for r in hearing.results if r.status == "DRAFT")
    return render(request, "results.html", {
        "section": "court-list", "hearing": _hearing_view(hearing), "defendants": defendants,
        "to_share": to_share, "can_record": user.role.value == "LEGAL_ADVISER",
        "error_list": error_list({"share": error[1]}, {"share": error[0]}) if error else None,
    }, status_code=status_code)


@router.get("/hearings/{hearing_id}/results")
def results_page(request: Request, hearing_id: int, user: PageUser, uow: ReadUoW):
    return _results_page(request, hearings.get_hearing(uow, user, hearing_id), user)


@router.post("/hearings/{hearing_id}/share")
def share(request: Request, hearing_id: int, form: CheckedForm, user: PageUser, uow: WriteUoW,
          platform: PlatformDep):
    version = int(form.get("version")) if str(form.get("version") or "").isdigit() else 0
    try:
        results.share_results(uow, platform.clock, user, ShareResults(hearing_id=hearing_id, version=version))
    except StaleVersion:
        uow.session.rollback()
        return _results_page(request, hearings.get_hearing(uow, user, hearing_id), user,
                             ("version", SHARE_CONFLICT), status_code=409)
    except NothingToShare as nothing:
        uow.session.rollback()
        return _results_page(request, hearings.get_hearing(uow, user, hearing_id), user,
                             ("results", str(nothing)), status_code=422)
    platform.dispatcher.wake()
    return see_other(f"/hearings/{hearing_id}/shared")


@router.get("/hearings/{hearing_id}/shared")
def shared_page(request: Request, hearing_id: int, user: PageUser, uow: ReadUoW):
    hearing = hearings.get_hearing(uow, user, hearing_id)
    names = {d.id: f"{d.first_name} {d.last_name}" for d in hearing.case.defendants}
    rows, _ = orders.list_orders(uow, user, status=None, urn=hearing.case.urn, court_centre=None)
    em_orders = [{"id": o.id, "defendant": names.get(o.defendant_id, ""), "kind": o.kind, "status": o.status,
                  "provider_ref": o.provider_ref, "deadline": o.deadline}
                 for o in rows if o.hearing_id == hearing.id]
    return render(request, "shared.html", {"section": "court-list", "hearing": _hearing_view(hearing),
                                           "em_orders": em_orders})
