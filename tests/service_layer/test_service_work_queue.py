"""EM orders, the work queue and re-sending: every order is acknowledged or in front of a court admin.

The dispatcher sets orders' states in the running platform; here rows are set directly, so each test says
exactly which state the court admin is looking at.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import update

from reference_system.adapters.orm import EmOrderRow, NotificationRow
from reference_system.domain.errors import ValidationFailed
from reference_system.service_layer import orders
from reference_system.service_layer.errors import NotFound
from reference_system.service_layer.unit_of_work import UnitOfWork


def _set(database, table, row_id: int, **values) -> None:
    with database.writing() as session, session.begin():
        session.execute(update(table).where(table.id == row_id).values(**values))


@pytest.fixture
def em_order(court, outcomes) -> EmOrderRow:
    """A NEW EM order for a bailed defendant at MAG01, still pending in the outbox."""
    case, hearing = court.case_with_hearing()
    court.draft_and_share(hearing.id, (case.defendants[0].id, outcomes.conditional_bail_with_curfew()))
    [order] = court.orders()
    return order


def test_a_pending_order_that_is_not_late_is_not_on_the_work_queue(court, court_admin, em_order):
    assert court.read(orders.work_queue, court_admin) == []


def test_an_overdue_order_is_on_the_work_queue(court, database, court_admin, em_order):
    overdue_since = datetime(2026, 7, 14, 18, 1, tzinfo=UTC)
    _set(database, EmOrderRow, em_order.id, overdue=True, overdue_since=overdue_since)

    [item] = court.read(orders.work_queue, court_admin)

    assert (item.kind, item.em_order_id, item.urn, item.defendant_id) == (
        "EM_ORDER_OVERDUE", em_order.id, em_order.urn, em_order.defendant_id)
    assert item.since == overdue_since
    assert "deadline" in item.detail


def test_a_rejected_order_is_on_the_work_queue_with_the_providers_reason(court, database, court_admin, em_order):
    _set(database, EmOrderRow, em_order.id, status="REJECTED", last_error="HTTP 422: postcode not recognised",
         rejected_at=datetime(2026, 7, 14, 9, 5, tzinfo=UTC))

    [item] = court.read(orders.work_queue, court_admin)

    assert (item.kind, item.em_order_id) == ("EM_ORDER_REJECTED", em_order.id)
    assert "postcode not recognised" in item.detail


def test_an_acknowledged_order_leaves_the_work_queue_even_if_it_was_late(court, database, court_admin, em_order):
    _set(database, EmOrderRow, em_order.id, overdue=True, status="ACKNOWLEDGED", provider_ref="EM-000001")

    assert court.read(orders.work_queue, court_admin) == []


def test_a_notification_that_keeps_failing_is_on_the_work_queue(court, database, court_admin, outcomes):
    case, hearing = court.case_with_hearing()
    court.draft_and_share(hearing.id, (case.defendants[0].id, outcomes.remanded_in_custody()))
    [notification] = court.notifications()
    _set(database, NotificationRow, notification.id, attempts=5, last_error="HTTP 503: down",
         failing_since=datetime(2026, 7, 14, 9, 30, tzinfo=UTC))

    [item] = court.read(orders.work_queue, court_admin)

    assert (item.kind, item.notification_id) == ("NOTIFICATION_FAILING", notification.id)


def test_an_em_orders_message_that_keeps_failing_is_on_the_work_queue(court, database, court_admin, em_order):
    [notification] = court.notifications()
    _set(database, NotificationRow, notification.id, attempts=5, last_error="HTTP 503: down",
         failing_since=datetime(2026, 7, 14, 9, 30, tzinfo=UTC))

    [item] = court.read(orders.work_queue, court_admin)

    assert (item.kind, item.notification_id, item.urn) == ("NOTIFICATION_FAILING", notification.id, em_order.urn)


def test_a_rejected_orders_message_is_on_the_work_queue_once_as_the_rejected_order(court, database, court_admin,
                                                                                  em_order):
    _set(database, EmOrderRow, em_order.id, status="REJECTED")
    [notification] = court.notifications()
    _set(database, NotificationRow, notification.id, status="FAILED", attempts=1,
         failing_since=datetime(2026, 7, 14, 9, 30, tzinfo=UTC))

    assert [i.kind for i in court.read(orders.work_queue, court_admin)] == ["EM_ORDER_REJECTED"]


def test_the_work_queue_shows_only_the_admins_own_court_centre(court, database, southbridge_admin, em_order):
    _set(database, EmOrderRow, em_order.id, status="REJECTED")

    assert court.read(orders.work_queue, southbridge_admin) == []


def test_a_rejected_order_can_be_sent_again(court, database, clock, court_admin, em_order):
    _set(database, EmOrderRow, em_order.id, status="REJECTED", last_error="HTTP 422: bad postcode")
    [outbox] = court.notifications()
    _set(database, NotificationRow, outbox.id, status="FAILED", attempts=1,
         failing_since=datetime(2026, 7, 14, 9, 30, tzinfo=UTC))

    with UnitOfWork(database, write=True) as uow:
        orders.resend_order(uow, clock, court_admin, em_order.id)

    [order] = court.orders()
    [notification] = court.notifications()
    assert (order.status, order.last_error) == ("PENDING", None)
    assert notification.status == "PENDING"
    assert notification.idempotency_key == outbox.idempotency_key
    assert court.read(orders.work_queue, court_admin) == []
    assert court.audit_actions()[-1] == "EM_ORDER_RESENT"


@pytest.mark.parametrize("status", ["PENDING", "SENT", "ACKNOWLEDGED"])
def test_only_a_rejected_order_can_be_sent_again(court, database, clock, court_admin, em_order, status):
    _set(database, EmOrderRow, em_order.id, status=status)

    with UnitOfWork(database, write=True) as uow, pytest.raises(ValidationFailed) as refused:
        orders.resend_order(uow, clock, court_admin, em_order.id)

    assert [e.field for e in refused.value.errors] == ["status"]
    assert court.orders()[0].status == status
    assert "EM_ORDER_RESENT" not in court.audit_actions()


def test_an_order_of_another_court_centre_is_reported_as_not_found(court, southbridge_adviser, southbridge_admin,
                                                                    database, clock, em_order):
    with pytest.raises(NotFound):
        court.read(orders.get_order, southbridge_adviser, em_order.id)
    with UnitOfWork(database, write=True) as uow, pytest.raises(NotFound):
        orders.resend_order(uow, clock, southbridge_admin, em_order.id)


def test_orders_can_be_listed_by_status_and_case(court, legal_adviser, em_order):
    pending, total = court.read(orders.list_orders, legal_adviser, status="PENDING", urn=em_order.urn, court_centre=None)
    acknowledged, _ = court.read(orders.list_orders, legal_adviser, status="ACKNOWLEDGED", urn=None, court_centre=None)

    assert ([o.id for o in pending], total) == ([em_order.id], 1)
    assert acknowledged == []
