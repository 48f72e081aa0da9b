"""EM orders, agency notifications, the work queue and the audit trail."""

from typing import Literal

from fastapi import APIRouter, Query

from ...service_layer import audit, orders
from .. import presenters
from ..deps import CurrentUser, PlatformDep, ReadUoW, WriteUoW
from ..schemas import AuditEventList, EmOrderList, EmOrderPublic, NotificationList, WorkQueue

router = APIRouter(prefix="/api/v1", tags=["em-orders"])
ERRORS = {401: {}, 403: {}, 404: {}, 422: {}}
OrderStatusParam = Literal["PENDING", "SENT", "ACKNOWLEDGED", "REJECTED"]


@router.get("/em-orders", response_model=EmOrderList, responses=ERRORS)
def list_orders(user: CurrentUser, uow: ReadUoW, status: OrderStatusParam | None = None,
                urn: str | None = Query(default=None, max_length=20),
                court_centre: str | None = Query(default=None, max_length=10),
                page: int = Query(default=1, ge=1, le=100_000), page_size: int = Query(default=500, ge=1, le=1000)):
    rows, total = orders.list_orders(uow, user, status=status, urn=urn, court_centre=court_centre,
                                     page=page, page_size=page_size)
    return {"items": [presenters.em_order(r) for r in rows], "total": total}


@router.get("/em-orders/{order_id}", response_model=EmOrderPublic, responses=ERRORS)
def get_order(order_id: int, user: CurrentUser, uow: ReadUoW):
    return presenters.em_order(orders.get_order(uow, user, order_id))


@router.post("/em-orders/{order_id}/resend", response_model=EmOrderPublic, responses=ERRORS)
def resend(order_id: int, user: CurrentUser, uow: WriteUoW, platform: PlatformDep):
    order = orders.resend_order(uow, platform.clock, user, order_id)
    platform.dispatcher.wake()
    return presenters.em_order(order)


@router.get("/notifications", response_model=NotificationList, responses=ERRORS)
def list_notifications(user: CurrentUser, uow: ReadUoW, urn: str | None = Query(default=None, max_length=20),
                       agency: Literal["em-provider", "prison", "probation"] | None = None,
                       status: Literal["PENDING", "SENT", "FAILED"] | None = None,
                       page: int = Query(default=1, ge=1, le=100_000), page_size: int = Query(default=500, ge=1, le=1000)):
    rows, total = orders.list_notifications(uow, user, urn=urn, agency=agency, status=status,
                                            page=page, page_size=page_size)
    return {"items": [presenters.notification(r) for r in rows], "total": total}


@router.get("/work-queue", response_model=WorkQueue, responses=ERRORS)
def work_queue(user: CurrentUser, uow: ReadUoW):
    items = orders.work_queue(uow, user)
    return {"items": [presenters.work_item(i) for i in items], "total": len(items)}


@router.get("/audit-events", response_model=AuditEventList, responses=ERRORS)
def audit_events(user: CurrentUser, uow: ReadUoW, urn: str | None = Query(default=None, max_length=20)):
    rows, total = audit.audit_events(uow, user, urn)
    return {"items": [presenters.audit_event(r) for r in rows], "total": total}
