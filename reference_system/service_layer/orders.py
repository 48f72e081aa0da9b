"""EM orders, agency notifications and the work queue: where nothing may fail silently."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select

from ..adapters.clock import Clock
from ..adapters.orm import EmOrderRow, NotificationRow, utcnow
from ..domain.errors import FieldError, ValidationFailed
from ..domain.model import NotificationStatus, OrderStatus, WorkItemKind
from . import audit
from .access import Principal, require, require_centre
from .errors import NotFound, require_row_id
from .unit_of_work import UnitOfWork


@dataclass(frozen=True)
class WorkItem:
    kind: WorkItemKind
    urn: str
    defendant_id: int
    em_order_id: int | None
    notification_id: int | None
    since: datetime
    detail: str


def list_orders(uow: UnitOfWork, user: Principal, *, status: str | None, urn: str | None,
                court_centre: str | None, page: int = 1, page_size: int = 500) -> tuple[list[EmOrderRow], int]:
    require(user, "read_cases")
    centre = court_centre or user.court_centre
    require_centre(user, centre, f"No court centre {centre} for you")
    query = select(EmOrderRow).where(EmOrderRow.court_centre == centre)
    if status:
        query = query.where(EmOrderRow.status == status)
    if urn:
        query = query.where(EmOrderRow.urn == urn)
    total = uow.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = uow.session.scalars(query.order_by(EmOrderRow.id).offset((page - 1) * page_size).limit(page_size)).all()
    return list(rows), total


def get_order(uow: UnitOfWork, user: Principal, order_id: int) -> EmOrderRow:
    require(user, "read_cases")
    require_row_id(order_id, "EM order")
    order = uow.session.get(EmOrderRow, order_id)
    if order is None:
        raise NotFound(f"No EM order {order_id}")
    require_centre(user, order.court_centre, f"No EM order {order_id}")
    return order


def resend_order(uow: UnitOfWork, clock: Clock, user: Principal, order_id: int) -> EmOrderRow:
    """A court admin sends a rejected order again once the cause is fixed (same idempotency key)."""
    require(user, "resend_order")
    order = get_order(uow, user, order_id)
    if order.status != OrderStatus.REJECTED:
        raise ValidationFailed([FieldError("status", f"Only a rejected order can be re-sent; this one is {order.status}")])
    notification = uow.session.scalar(select(NotificationRow).where(NotificationRow.em_order_id == order.id))
    order.status, order.last_error = OrderStatus.PENDING, None
    notification.status, notification.next_attempt_at = NotificationStatus.PENDING, utcnow()
    notification.lease_owner = notification.lease_until = notification.failing_since = None
    audit.record(uow.session, clock.now(), user.username, "EM_ORDER_RESENT", order.urn, order.court_centre, em_order_id=order.id)
    uow.commit()
    return order


def list_notifications(uow: UnitOfWork, user: Principal, *, urn: str | None, agency: str | None,
                       status: str | None, page: int = 1, page_size: int = 500) -> tuple[list[NotificationRow], int]:
    require(user, "read_cases")
    query = select(NotificationRow).where(NotificationRow.court_centre == user.court_centre)
    if urn:
        query = query.where(NotificationRow.urn == urn)
    if agency:
        query = query.where(NotificationRow.agency == agency)
    if status:
        query = query.where(NotificationRow.status == status)
    total = uow.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = uow.session.scalars(query.order_by(NotificationRow.id).offset((page - 1) * page_size).limit(page_size)).all()
    return list(rows), total


def work_queue(uow: UnitOfWork, user: Principal) -> list[WorkItem]:
    """Orders overdue or rejected, and notifications that keep failing, oldest first."""
    require(user, "read_work_queue")
    centre = user.court_centre
    items: list[WorkItem] = []
    orders = uow.session.scalars(
        select(EmOrderRow).where(
            EmOrderRow.court_centre == centre,
            or_(EmOrderRow.status == OrderStatus.REJECTED,
                (EmOrderRow.overdue.is_(True)) & (EmOrderRow.status != OrderStatus.ACKNOWLEDGED)),
        )
    ).all()
    for order in orders:
        if order.status == OrderStatus.REJECTED:
            items.append(WorkItem(WorkItemKind.EM_ORDER_REJECTED, order.urn, order.defendant_id, order.id, None,
                                  order.rejected_at or order.created_at,
                                  f"{order.kind} EM order rejected by the provider: {order.last_error or 'no reason given'}"))
        else:
            items.append(WorkItem(WorkItemKind.EM_ORDER_OVERDUE, order.urn, order.defendant_id, order.id, None,
                                  order.overdue_since or order.deadline,
                                  f"{order.kind} EM order not acknowledged by its deadline {order.deadline.isoformat()}"))
    # Any message still being retried after failing repeatedly, the EM provider's included; a refused message
    # (FAILED) only when it is not an EM order's, which is on the queue as a rejected order already.
    failing = uow.session.scalars(
        select(NotificationRow).where(
            NotificationRow.court_centre == centre,
            or_((NotificationRow.status == NotificationStatus.FAILED) & NotificationRow.em_order_id.is_(None),
                (NotificationRow.status == NotificationStatus.PENDING) & NotificationRow.failing_since.is_not(None)),
        )
    ).all()
    for n in failing:
        items.append(WorkItem(WorkItemKind.NOTIFICATION_FAILING, n.urn, n.defendant_id, None, n.id,
                              n.failing_since or n.created_at,
                              f"{n.agency} notification undelivered after {n.attempts} attempts: {n.last_error or ''}".strip()))
    return sorted(items, key=lambda item: item.since)
