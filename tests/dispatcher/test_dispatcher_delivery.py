"""The dispatcher against a fake provider: delivery, retry with back-off, idempotency, leases, rejection."""

from __future__ import annotations

import random
import time
from datetime import timedelta

import httpx
from dispatch_samples import BAIL_WITH_EM, REMAND
from sqlalchemy import select

from reference_system.adapters.orm import EmOrderRow, NotificationRow
from reference_system.dispatcher import Claimed, retry_delay
from reference_system.domain.model import Role
from reference_system.service_layer.access import Principal
from reference_system.service_layer.orders import work_queue
from reference_system.service_layer.unit_of_work import UnitOfWork

ADMIN = Principal("admin@MAG01", Role.COURT_ADMIN, "MAG01")


def order_and_notification(database):
    with database.reading() as session:
        order = session.scalars(select(EmOrderRow)).one()
        notification = session.scalars(select(NotificationRow).where(NotificationRow.em_order_id == order.id)).one()
        return order, notification


def make_due_now(database):
    with database.writing() as session, session.begin():
        for row in session.scalars(select(NotificationRow)):
            row.next_attempt_at = row.created_at - timedelta(days=1)


def test_an_order_is_acknowledged_with_the_providers_reference(database, share, provider, make_dispatcher):
    share(BAIL_WITH_EM)
    make_dispatcher().run_once()
    order, notification = order_and_notification(database)
    assert (order.status, order.provider_ref, order.attempts) == ("ACKNOWLEDGED", "EMS-000001", 1)
    assert notification.status == "SENT"
    assert provider.requests[0].headers["Idempotency-Key"] == notification.idempotency_key
    assert provider.bodies()[0]["kind"] == "NEW"
    assert provider.bodies()[0]["curfew"]["start_time"] == "19:00"


def test_an_outage_keeps_the_order_pending_and_the_retry_reuses_the_idempotency_key(database, share, provider, make_dispatcher):
    share(BAIL_WITH_EM)
    provider.script = [503]
    dispatcher = make_dispatcher(backoff_base_s=60, backoff_max_s=60)
    dispatcher.run_once()
    order, notification = order_and_notification(database)
    assert (order.status, order.attempts, notification.status) == ("PENDING", 1, "PENDING")
    assert "503" in order.last_error
    dispatcher.run_once()  # not due yet: back-off holds it
    assert len(provider.requests) == 1
    make_due_now(database)
    dispatcher.run_once()
    order, _ = order_and_notification(database)
    assert order.status == "ACKNOWLEDGED"
    keys = {r.headers["Idempotency-Key"] for r in provider.requests}
    assert len(provider.requests) == 2 and len(keys) == 1


def test_a_time_out_marks_the_order_sent_and_retries_with_the_same_key(database, share, provider, make_dispatcher):
    share(BAIL_WITH_EM)
    provider.script = [httpx.ReadTimeout("slow")]
    dispatcher = make_dispatcher()
    dispatcher.run_once()
    order, _ = order_and_notification(database)
    assert order.status == "SENT"
    dispatcher.run_once()
    order, _ = order_and_notification(database)
    assert order.status == "ACKNOWLEDGED"
    assert len({r.headers["Idempotency-Key"] for r in provider.requests}) == 1


def test_a_refused_connection_is_retried(database, share, provider, make_dispatcher):
    share(BAIL_WITH_EM)
    provider.script = [httpx.ConnectError("refused")]
    dispatcher = make_dispatcher()
    dispatcher.run_once()
    assert order_and_notification(database)[0].status == "PENDING"
    dispatcher.run_once()
    assert order_and_notification(database)[0].status == "ACKNOWLEDGED"


def test_a_rejection_is_not_retried_and_goes_on_the_work_queue(database, share, provider, make_dispatcher):
    share(BAIL_WITH_EM)
    provider.script = [422]
    dispatcher = make_dispatcher()
    dispatcher.run_once()
    dispatcher.run_once()
    order, notification = order_and_notification(database)
    assert (order.status, notification.status, len(provider.requests)) == ("REJECTED", "FAILED", 1)
    with UnitOfWork(database) as uow:
        assert [item.kind for item in work_queue(uow, ADMIN)] == ["EM_ORDER_REJECTED"]


def test_a_crashed_dispatchers_rows_are_reclaimed_when_its_lease_expires(database, share, provider, make_dispatcher):
    share(BAIL_WITH_EM)
    crashed = make_dispatcher(lease_seconds=0.3)
    claimed = crashed.claim()  # claims, then "dies" before delivering
    assert len(claimed) == 1
    survivor = make_dispatcher(lease_seconds=0.3)
    assert survivor.claim() == []  # the lease still holds
    time.sleep(0.35)
    survivor.run_once()
    assert order_and_notification(database)[0].status == "ACKNOWLEDGED"
    crashed.deliver(claimed[0])  # the crashed one wakes up late: its answer is ignored, not double-counted
    order, _ = order_and_notification(database)
    assert order.attempts == 1


def test_two_dispatchers_never_claim_the_same_row(database, share, make_dispatcher):
    for _ in range(5):
        share(BAIL_WITH_EM)
    first, second = make_dispatcher(), make_dispatcher()
    a, b = first.claim(), second.claim()
    assert {c.id for c in a}.isdisjoint({c.id for c in b})
    assert len(a) + len(b) == 5


def test_a_notification_failing_five_times_goes_on_the_work_queue_and_keeps_retrying(database, share, provider, make_dispatcher):
    share(REMAND)
    provider.script = [503] * 5
    dispatcher = make_dispatcher(failing_after_attempts=5)
    for _ in range(5):
        dispatcher.run_once()
    with UnitOfWork(database) as uow:
        items = work_queue(uow, ADMIN)
    assert [item.kind for item in items] == ["NOTIFICATION_FAILING"]
    dispatcher.run_once()
    with database.reading() as session:
        assert session.scalars(select(NotificationRow.status)).one() == "SENT"


def test_an_order_not_acknowledged_by_its_deadline_is_flagged_overdue(database, share, provider, clock, make_dispatcher):
    share(BAIL_WITH_EM)
    provider.script = [503, 503]
    dispatcher = make_dispatcher(backoff_base_s=60, backoff_max_s=60)
    dispatcher.run_once()
    assert not order_and_notification(database)[0].overdue
    clock.advance(timedelta(hours=8))  # past 19:00, the first curfew
    dispatcher.run_once()
    order, _ = order_and_notification(database)
    assert order.overdue and order.status == "PENDING"
    with UnitOfWork(database) as uow:
        assert [item.kind for item in work_queue(uow, ADMIN)] == ["EM_ORDER_OVERDUE"]


def test_the_notification_id_travels_with_the_payload(database, share, make_dispatcher):
    share(REMAND)
    claimed = make_dispatcher().claim()
    assert isinstance(claimed[0], Claimed) and claimed[0].payload["notification_id"] == claimed[0].id


def test_back_off_doubles_up_to_its_cap_with_jitter():
    assert retry_delay(1, 0.5, 30, 0.999).total_seconds() < 0.5
    assert retry_delay(1, 0.5, 30, 0.0).total_seconds() == 0.25
    assert retry_delay(4, 0.5, 30, 0.0).total_seconds() == 2.0
    assert retry_delay(20, 0.5, 30, 0.0).total_seconds() == 15.0
    rng = random.Random(7)
    delays = {retry_delay(3, 0.5, 30, rng.random()) for _ in range(20)}
    assert len(delays) > 10, "jitter spreads retries"
