"""The court admin's work queue: EM orders overdue or rejected, notifications that keep failing; re-send."""

from __future__ import annotations

from typing import Literal

from fastapi import Request

from ...domain.errors import ValidationFailed
from ...service_layer import cases, orders
from ...service_layer.access import require
from ..deps import PlatformDep, ReadUoW, WriteUoW
from .rendering import page_context, render
from .routing import CheckedForm, PageUser, page_router, see_other

router = page_router()
VIEWS = {
    "all": ("All", None),
    "rejected": ("Rejected orders", "EM_ORDER_REJECTED"),
    "overdue": ("Overdue orders", "EM_ORDER_OVERDUE"),
    "failing": ("Failing notifications", "NOTIFICATION_FAILING"),
}


@router.get("/work-queue")
def work_queue(request: Request, user: PageUser, uow: ReadUoW,
               view: Literal["all", "rejected", "overdue", "failing"] = "all"):
    items = orders.work_queue(uow, user)
    counts = {key: sum(1 for i in items if kind is None or i.kind == kind) for key, (_, kind) in VIEWS.items()}
    kind = VIEWS[view][1]
    shown = [i for i in items if kind is None or i.kind == kind]
    names: dict[int, str] = {}
    for urn in {i.urn for i in shown}:
        names.update({d.id: f"{d.first_name} {d.last_name}" for d in cases.get_case(uow, user, urn).defendants})
    return render(request, "work_queue.html", {
        "section": "work-queue", "view": view, "views": VIEWS, "counts": counts,
        "items": [{"kind": i.kind.value, "urn": i.urn, "defendant": names.get(i.defendant_id, ""),
                   "em_order_id": i.em_order_id, "notification_id": i.notification_id, "since": i.since,
                   "detail": i.detail} for i in shown],
    })


@router.post("/work-queue/em-orders/{order_id}/resend")
def resend(request: Request, order_id: int, form: CheckedForm, user: PageUser, uow: WriteUoW, platform: PlatformDep):
    require(user, "resend_order")
    try:
        order = orders.resend_order(uow, platform.clock, user, order_id)
    except ValidationFailed as refused:  # e.g. acknowledged meanwhile, or re-sent already from another tab
        page_context(request).session.flash(refused.errors[0].message, success=False)
        return see_other(f"/em-orders/{order_id}")
    platform.dispatcher.wake()
    page_context(request).session.flash(f"EM order {order.id} for case {order.urn} has been sent to the provider again.")
    return see_other("/work-queue")
