"""Which EM order a shared result calls for, and by when the provider must acknowledge it.

The rule that failed in 2022: a result with electronic monitoring must always produce an order, and a
later result that changes or ends the monitoring must produce the follow-up. Latest shared result wins.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from .calendar import london
from .curfew import Curfew, ExclusionZone
from .model import OrderKind
from .results import Result

REVOCATION_DEADLINE = timedelta(hours=2)


@dataclass(frozen=True)
class MonitoredRequirements:
    """The electronically monitored parts of a result: what the provider must enforce."""

    curfew: Curfew | None
    exclusion_zone: ExclusionZone | None

    @property
    def any(self) -> bool:
        return self.curfew is not None or self.exclusion_zone is not None


def monitored_requirements(result: Result | None) -> MonitoredRequirements:
    if result is None:
        return MonitoredRequirements(None, None)
    curfew = result.curfew if result.curfew and result.curfew.electronically_monitored else None
    zone = result.exclusion_zone if result.exclusion_zone and result.exclusion_zone.electronically_monitored else None
    return MonitoredRequirements(curfew, zone)


def order_kind_for(previous: Result | None, current: Result) -> OrderKind | None:
    """The order a newly shared result needs, given the result shared before it (None if unchanged)."""
    before, after = monitored_requirements(previous), monitored_requirements(current)
    if not before.any and not after.any:
        return None
    if not before.any:
        return OrderKind.NEW
    if not after.any:
        return OrderKind.REVOCATION
    if before == after and previous.order_ends_on() == current.order_ends_on():
        return None
    return OrderKind.VARIATION


def order_deadline(kind: OrderKind, result: Result, shared_at: datetime) -> datetime:
    """The provider must acknowledge before monitoring is due to start (or soon after a revocation)."""
    requirements = monitored_requirements(result)
    if kind is OrderKind.REVOCATION or not requirements.any:
        return shared_at + REVOCATION_DEADLINE
    if requirements.curfew is not None:
        start = requirements.curfew.first_period_start()
        # A variation shared after the original start is due at the next period, not in the past.
        while start < shared_at:
            start += timedelta(days=1)
        return start
    start = london(requirements.exclusion_zone.starts_on, time(0, 0))
    return max(start, shared_at + REVOCATION_DEADLINE) if start < shared_at else start
