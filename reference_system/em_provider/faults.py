"""The fault injector: which outages, delays, time-outs and rejections the provider is currently acting out.

It only holds state and answers questions; `intake` decides what each fault does to a request.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal

Mode = Literal["outage", "latency", "timeout", "reject", "lose-response"]
Target = Literal["all", "orders", "notifications", "prison", "probation"]


@dataclass(frozen=True)
class Fault:
    """One active fault. Timed faults carry `until` (monotonic seconds); counted faults carry `remaining`."""

    mode: Mode
    target: Target = "all"
    status: int | None = None
    ms: int | None = None
    hang_seconds: float | None = None
    until: float | None = None
    remaining: int | None = None

    def is_over(self, now: float) -> bool:
        return self.until is not None and self.until <= now

    def hits(self, channel: str) -> bool:
        """Whether the fault applies to a channel: `orders`, `prison` or `probation`."""
        if self.target == "all":
            return True
        if self.target == "notifications":
            return channel != "orders"
        return self.target == channel


class FaultInjector:
    """The active faults, at most one per mode and target; a new one replaces the old."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._faults: dict[tuple[str, str], Fault] = {}
        # endpoints run on the event loop, but the lock keeps this safe if one is ever moved to a thread
        self._lock = threading.Lock()

    def now(self) -> float:
        return self._clock()

    def add(self, fault: Fault, seconds: float | None = None) -> Fault:
        """Start a fault, for `seconds` when given, otherwise until it is cleared (or its count runs out)."""
        if seconds is not None:
            fault = replace(fault, until=self._clock() + seconds)
        with self._lock:
            self._faults[(fault.mode, fault.target)] = fault
        return fault

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def active(self) -> list[Fault]:
        with self._lock:
            self._expire()
            return list(self._faults.values())

    def latency_ms(self, channel: str) -> int:
        """The delay to add before answering, in milliseconds (0 when none)."""
        return max((fault.ms or 0 for fault in self._matching("latency", channel)), default=0)

    def hang_seconds(self, channel: str) -> float | None:
        """How long to hang before giving up, when a time-out is being acted out."""
        return max((fault.hang_seconds or 0.0 for fault in self._matching("timeout", channel)), default=None)

    def outage_status(self, channel: str) -> int | None:
        """The status to answer with while an outage lasts."""
        return next((fault.status for fault in self._matching("outage", channel)), None)

    def take(self, mode: Literal["reject", "lose-response"], channel: str) -> bool:
        """Use up one of a counted fault's requests; False when none is left for this channel."""
        with self._lock:
            self._expire()
            for key, fault in self._faults.items():
                if fault.mode == mode and fault.hits(channel):
                    remaining = (fault.remaining or 1) - 1
                    if remaining > 0:
                        self._faults[key] = replace(fault, remaining=remaining)
                    else:
                        del self._faults[key]
                    return True
        return False

    def _matching(self, mode: Mode, channel: str) -> list[Fault]:
        with self._lock:
            self._expire()
            return [fault for fault in self._faults.values() if fault.mode == mode and fault.hits(channel)]

    def _expire(self) -> None:
        now = self._clock()
        for key in [key for key, fault in self._faults.items() if fault.is_over(now)]:
            del self._faults[key]
