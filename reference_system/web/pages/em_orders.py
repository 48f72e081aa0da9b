"""One EM order: what was sent, its status and the provider's reference; a rejected one can be re-sent."""

from __future__ import annotations

from fastapi import Request

from ...service_layer import cases, orders
from ..deps import ReadUoW
from .rendering import render
from .routing import PageUser, page_router

router = page_router()


@router.get("/em-orders/{order_id}")
def em_order_page(request: Request, order_id: int, user: PageUser, uow: ReadUoW):
    order = orders.get_order(uow, user, order_id)
    case = cases.get_case(uow, user, order.urn)
    defendant = next((f"{d.first_name} {d.last_name}" for d in case.defendants if d.id == order.defendant_id), "")
    return render(request, "em_order.html", {
        "section": "cases", "order": order, "defendant": defendant,
        "is_admin": user.role.value == "COURT_ADMIN",
    })
