"""The outbox dispatcher: delivers every notification at least once, and each exactly once at the agency.

Rows are claimed with a lease (SKIP LOCKED on PostgreSQL; a conditional update everywhere), so several
dispatchers can run side by side and a crashed one's rows are re-claimed when the lease expires. Delivery
carries the row's idempotency key, so a retry after a lost response is not a duplicate at the agency.
"""

from __future__ import annotations

import logging
import random
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update

from .adapters.agencies import AgencyClient, Delivery, DeliveryOutcome
from .adapters.clock import Clock
from .adapters.database import Database
from .adapters.orm import EmOrderRow, NotificationRow, utcnow
from .domain.model import NotificationStatus, OrderStatus
from .service_layer import audit

log = logging.getLogger("reference_system.dispatcher")
# Only a row still waiting for delivery may have an agency's answer recorded against it.
RECORDABLE_STATUSES = {NotificationStatus.PENDING}


@dataclass(frozen=True)
class DispatchSettings:
    interval_s: float = 0.2
    batch_size: int = 50
    concurrency: int = 4
    lease_seconds: float = 30.0
    backoff_base_s: float = 0.5
    backoff_max_s: float = 30.0
    failing_after_attempts: int = 5


@dataclass(frozen=True)
class Claimed:
    id: int
    agency: str
    payload: dict[str, Any]
    idempotency_key: str


def retry_delay(attempts: int, base: float, cap: float, jitter: float) -> timedelta:
    """Exponential back-off with jitter (`jitter` in [0, 1)), so retries after an outage do not stampede."""
    delay = min(cap, base * 2 ** max(0, attempts - 1))
    return timedelta(seconds=delay * (0.5 + 0.5 * jitter))


class Dispatcher:
    def __init__(self, database: Database, clock: Clock, client: AgencyClient, settings: DispatchSettings,
                 rng: random.Random | None = None):
        self._db = database
        self._clock = clock
        self._client = client
        self._settings = settings
        self._rng = rng or random.Random()
        self._owner = uuid.uuid4().hex
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._pool = ThreadPoolExecutor(max_workers=settings.concurrency, thread_name_prefix="deliver")

    # -- running ---------------------------------------------------------------------------------------
    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="dispatcher", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread:
            self._thread.join(timeout=10)
        self._pool.shutdown(wait=True, cancel_futures=True)

    def wake(self) -> None:
        """Called after a share commits, so delivery starts now rather than at the next tick."""
        self._wake.set()

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                busy = self.run_once()
            except Exception:  # keep dispatching whatever one cycle hit; the row stays in the outbox
                log.exception("dispatcher cycle failed")
                busy = False
            if not busy:
                self._wake.wait(self._settings.interval_s)
                self._wake.clear()

    def run_once(self) -> bool:
        """One cycle: flag overdue orders, claim due rows, deliver them. True when there was work."""
        self.flag_overdue()
        claimed = self.claim()
        list(self._pool.map(self.deliver, claimed))
        return len(claimed) == self._settings.batch_size

    # -- steps -----------------------------------------------------------------------------------------
    def claim(self) -> list[Claimed]:
        now = utcnow()
        lease_until = now + timedelta(seconds=self._settings.lease_seconds)
        claimable = (
            NotificationRow.status == NotificationStatus.PENDING,
            NotificationRow.next_attempt_at <= now,
            or_(NotificationRow.lease_until.is_(None), NotificationRow.lease_until < now),
        )
        due = select(NotificationRow.id).where(*claimable).order_by(NotificationRow.next_attempt_at)
        with self._db.reading() as session:  # a cheap look first: most ticks find nothing to do
            if session.scalar(due.limit(1)) is None:
                return []
        with self._db.writing() as session, session.begin():
            query = due.limit(self._settings.batch_size)
            if not self._db.is_sqlite:
                query = query.with_for_update(skip_locked=True)
            ids = list(session.scalars(query))
            if not ids:
                return []
            # The repeated conditions make the claim safe even without row locks (SQLite).
            session.execute(
                update(NotificationRow)
                .where(NotificationRow.id.in_(ids), *claimable)
                .values(lease_owner=self._owner, lease_until=lease_until)
            )
            rows = session.execute(
                select(NotificationRow.id, NotificationRow.agency, NotificationRow.payload, NotificationRow.idempotency_key)
                .where(NotificationRow.id.in_(ids), NotificationRow.lease_owner == self._owner)
            ).all()
        return [Claimed(r.id, r.agency, {**r.payload, "notification_id": r.id}, r.idempotency_key) for r in rows]

    def deliver(self, claimed: Claimed) -> None:
        delivery = self._client.deliver(claimed.agency, claimed.payload, claimed.idempotency_key)
        self.record(claimed.id, delivery)

    def record(self, notification_id: int, delivery: Delivery) -> None:
        """Write down what the agency said; only the lease holder may (a re-claimer may have taken over)."""
        with self._db.writing() as session, session.begin():
            row = session.get(NotificationRow, notification_id)
            if row is None or row.lease_owner != self._owner or row.status not in RECORDABLE_STATUSES:
                return
            order = session.get(EmOrderRow, row.em_order_id) if row.em_order_id else None
            row.attempts += 1
            row.lease_owner = row.lease_until = None
            if order is not None:
                order.attempts += 1
            if delivery.outcome is DeliveryOutcome.DELIVERED:
                self._delivered(session, row, order, delivery)
            elif delivery.outcome is DeliveryOutcome.REJECTED:
                self._rejected(session, row, order, delivery)
            else:
                self._retry_later(row, order, delivery)

    def _delivered(self, session, row: NotificationRow, order: EmOrderRow | None, delivery: Delivery) -> None:
        now = self._clock.now()
        row.status, row.sent_at, row.reference, row.last_error = NotificationStatus.SENT, now, delivery.reference, None
        if order is not None:
            order.status, order.provider_ref, order.acknowledged_at = OrderStatus.ACKNOWLEDGED, delivery.reference, now
            order.last_error = None
            audit.record(session, now, "dispatcher", "EM_ORDER_ACKNOWLEDGED", order.urn, order.court_centre,
                         em_order_id=order.id, provider_ref=delivery.reference)

    def _rejected(self, session, row: NotificationRow, order: EmOrderRow | None, delivery: Delivery) -> None:
        now = self._clock.now()
        row.status, row.last_error, row.failing_since = NotificationStatus.FAILED, delivery.error, now
        if order is not None:
            order.status, order.rejected_at, order.last_error = OrderStatus.REJECTED, now, delivery.error
            audit.record(session, now, "dispatcher", "EM_ORDER_REJECTED", order.urn, order.court_centre,
                         em_order_id=order.id, error=delivery.error)

    def _retry_later(self, row: NotificationRow, order: EmOrderRow | None, delivery: Delivery) -> None:
        s = self._settings
        row.last_error = delivery.error
        row.next_attempt_at = utcnow() + retry_delay(row.attempts, s.backoff_base_s, s.backoff_max_s, self._rng.random())
        if row.attempts >= s.failing_after_attempts and row.failing_since is None:
            row.failing_since = self._clock.now()
        if order is not None:
            order.last_error = delivery.error
            if delivery.outcome is DeliveryOutcome.UNKNOWN:
                order.status = OrderStatus.SENT

    def flag_overdue(self) -> int:
        """Orders not acknowledged by their deadline go on the work queue, never silently late."""
        now: datetime = self._clock.now()
        late_orders = select(EmOrderRow).where(
            EmOrderRow.overdue.is_(False), EmOrderRow.status != OrderStatus.ACKNOWLEDGED, EmOrderRow.deadline < now
        )
        with self._db.reading() as session:
            if session.scalar(late_orders.with_only_columns(EmOrderRow.id).limit(1)) is None:
                return 0
        with self._db.writing() as session, session.begin():
            late = session.scalars(late_orders).all()
            for order in late:
                order.overdue, order.overdue_since = True, now
                audit.record(session, now, "dispatcher", "EM_ORDER_OVERDUE", order.urn, order.court_centre,
                             em_order_id=order.id, deadline=order.deadline.isoformat())
        return len(late)
