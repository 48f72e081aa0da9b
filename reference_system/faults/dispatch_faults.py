"""Faults in the outbox dispatcher: the volume and failure paths where the 2022 notifications were lost."""

from __future__ import annotations

import uuid

from sqlalchemy import select, update

from ..adapters.orm import EmOrderRow, NotificationRow
from ..dispatcher import Claimed, Dispatcher
from ..domain.model import NotificationStatus, OrderStatus

SHED_ABOVE = 20


def notifications_dropped_under_load(patch) -> None:
    correct = Dispatcher.claim

    def claim(self: Dispatcher) -> list[Claimed]:
        claimed = correct(self)
        if len(claimed) <= SHED_ABOVE:
            return claimed
        kept, shed = claimed[:SHED_ABOVE], claimed[SHED_ABOVE:]
        with self._db.writing() as session, session.begin():  # "we'll catch up later" — it never does
            session.execute(update(NotificationRow).where(NotificationRow.id.in_([c.id for c in shed]))
                            .values(status=NotificationStatus.SENT, lease_owner=None, lease_until=None))
        return kept

    patch(Dispatcher, "claim", claim)


def no_retry_on_outage(patch) -> None:
    def _retry_later(self: Dispatcher, row, order, delivery) -> None:
        row.status, row.last_error = NotificationStatus.FAILED, delivery.error  # treated as final, silently

    patch(Dispatcher, "_retry_later", _retry_later)


def duplicate_on_retry(patch) -> None:
    correct = Dispatcher.deliver

    def deliver(self: Dispatcher, claimed: Claimed) -> None:
        with self._db.reading() as session:
            attempts = session.get(NotificationRow, claimed.id).attempts
        if attempts:  # a retry builds a fresh request and forgets the original key
            claimed = Claimed(claimed.id, claimed.agency, claimed.payload, uuid.uuid4().hex)
        correct(self, claimed)

    patch(Dispatcher, "deliver", deliver)


def crash_loses_outbox(patch) -> None:
    import reference_system.dispatcher as dispatcher_module

    correct = Dispatcher.claim

    def claim(self: Dispatcher) -> list[Claimed]:
        claimed = correct(self)
        if claimed:
            ids = [c.id for c in claimed]
            with self._db.writing() as session, session.begin():  # marked sent before it is sent
                order_ids = list(session.scalars(select(NotificationRow.em_order_id).where(
                    NotificationRow.id.in_(ids), NotificationRow.em_order_id.is_not(None))))
                session.execute(update(NotificationRow).where(NotificationRow.id.in_(ids))
                                .values(status=NotificationStatus.SENT))
                session.execute(update(EmOrderRow).where(EmOrderRow.id.in_(order_ids)).values(status=OrderStatus.SENT))
        return claimed

    patch(Dispatcher, "claim", claim)
    patch(dispatcher_module, "RECORDABLE_STATUSES", {NotificationStatus.PENDING, NotificationStatus.SENT})
