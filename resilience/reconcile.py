"""Reconciliation: what the platform said it shared, what exists on the platform, and what the EM provider
received, compared order by order. Pure functions over plain dictionaries, so they are tested on their own.

A share is *complete* when the hearing is resulted, the result shared, and there is exactly one EM order for
the hearing with exactly one outbox message to the provider for it; *absent* when none of that exists; and
*half-written* otherwise. Every share the platform answered 2xx must be complete; a share that got no answer
may be either complete or absent, never half-written.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

COMPLETE, ABSENT, HALF = "complete", "absent", "half-written"


@dataclass
class Observed:
    """One prepared hearing as the platform shows it after recovery."""

    hearing_id: int
    urn: str
    state: str
    result_status: str | None
    orders: list[Mapping[str, Any]]
    notifications: list[Mapping[str, Any]]
    answers: list[str] = field(default_factory=list)  # every share attempt's answer, in order
    ok_orders: list[int] = field(default_factory=list)  # order ids the 2xx answers named

    @property
    def acknowledged(self) -> bool:
        return "ok" in self.answers


def completeness(seen: Observed) -> str:
    orders = [o for o in seen.orders if o.get("hearing_id") == seen.hearing_id]
    messages = [n for n in seen.notifications if n.get("hearing_id") == seen.hearing_id and n.get("agency") == "em-provider"]
    shared = seen.state in ("RESULTED", "AMENDED") and seen.result_status == "SHARED"
    if shared and len(orders) == 1 and [n.get("em_order_id") for n in messages] == [orders[0]["id"]]:
        return COMPLETE
    if seen.state == "LISTED" and seen.result_status == "DRAFT" and not orders and not messages:
        return ABSENT
    return HALF


@dataclass
class Figures:
    hearings: int = 0
    shares_acknowledged: int = 0  # hearings whose share got a 2xx
    shares_unanswered: int = 0  # hearings with a share that got no answer (before any 2xx)
    orders_shared: int = 0  # orders named by 2xx answers
    orders_recorded: int = 0  # orders the platform holds for these hearings
    orders_delivered: int = 0  # of those, received by the provider (at least once)
    missing: int = 0
    duplicates: int = 0
    half_written: int = 0
    unacknowledged: int = 0  # recorded orders not ACKNOWLEDGED at the end
    p50_delivery_s: float | None = None
    p95_delivery_s: float | None = None
    max_delivery_s: float | None = None
    problems: list[str] = field(default_factory=list)
    delays: list[float] = field(default_factory=list, repr=False)  # seconds from order to provider, each order

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if k != "delays"}

    def add(self, other: Figures) -> Figures:
        """Two scenarios' figures together: counts summed, delivery percentiles over both scenarios' orders."""
        total = Figures()
        for name, value in asdict(self).items():
            if isinstance(value, int):
                setattr(total, name, value + getattr(other, name))
        total.problems = self.problems + other.problems
        total.delays = self.delays + other.delays
        total.set_delivery_times()
        return total

    def set_delivery_times(self) -> None:
        self.p50_delivery_s = _round(percentile(self.delays, 50))
        self.p95_delivery_s = _round(percentile(self.delays, 95))
        self.max_delivery_s = _round(max(self.delays) if self.delays else None)


def percentile(values: Sequence[float], p: float) -> float | None:
    """Nearest-rank percentile (p in 0..100)."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def reconcile(observed: Iterable[Observed], ledger: Sequence[Mapping[str, Any]]) -> Figures:
    figures = Figures()
    by_order: Counter[str] = Counter(str(item.get("platform_order_id")) for item in ledger)
    first_received: dict[str, datetime] = {}
    for item in ledger:
        key, at = str(item.get("platform_order_id")), _instant(item.get("received_at"))
        if at is not None and (key not in first_received or at < first_received[key]):
            first_received[key] = at
    delays: list[float] = []
    for seen in observed:
        figures.hearings += 1
        state = completeness(seen)
        if seen.acknowledged:
            figures.shares_acknowledged += 1
            figures.orders_shared += len(seen.ok_orders)
        elif "no-answer" in seen.answers:
            figures.shares_unanswered += 1
        if state == HALF or (seen.acknowledged and state != COMPLETE):
            figures.half_written += 1
            figures.problems.append(f"hearing {seen.hearing_id} ({seen.urn}) is {state} after answers "
                                    f"{seen.answers}: {len(seen.orders)} orders, {len(seen.notifications)} messages")
        orders = [o for o in seen.orders if o.get("hearing_id") == seen.hearing_id]
        if len(orders) > 1:
            figures.duplicates += len(orders) - 1
            figures.problems.append(f"hearing {seen.hearing_id} has {len(orders)} EM orders on the platform")
        ids = {o["id"] for o in orders}
        for lost in set(seen.ok_orders) - ids:
            figures.missing += 1
            figures.problems.append(f"order {lost} was confirmed to the court (2xx) but is not on the platform")
        for order in orders:
            figures.orders_recorded += 1
            key = str(order["id"])
            received = by_order.get(key, 0)
            if received == 0:
                figures.missing += 1
                figures.problems.append(f"order {key} ({seen.urn}) never reached the provider "
                                        f"(status {order.get('status')})")
            else:
                figures.orders_delivered += 1
                figures.duplicates += received - 1
                if received > 1:
                    figures.problems.append(f"order {key} ({seen.urn}) reached the provider {received} times")
                created = _instant(order.get("created_at"))
                if created is not None and key in first_received:
                    delays.append(max(0.0, (first_received[key] - created).total_seconds()))
            if order.get("status") != "ACKNOWLEDGED":
                figures.unacknowledged += 1
    figures.delays = delays
    figures.set_delivery_times()
    return figures


def _instant(text: Any) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError:
        return None


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)
