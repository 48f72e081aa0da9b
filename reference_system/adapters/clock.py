"""The platform clock: real time, shifted by an offset that tests can move (test mode only)."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta
from typing import Protocol

from sqlalchemy import select

from .database import Database
from .orm import ClockRow

_CACHE_SECONDS = 0.5


class Clock(Protocol):
    def now(self) -> datetime: ...


class DatabaseClock:
    """Keeps the offset in the database so every worker process agrees on the time."""

    def __init__(self, database: Database):
        self._database = database
        self._lock = threading.Lock()
        self._offset = 0.0
        self._read_at = float("-inf")

    def now(self) -> datetime:
        return datetime.now(UTC) + timedelta(seconds=self._current_offset())

    def set_offset(self, seconds: float) -> None:
        with self._database.writing() as session, session.begin():
            row = session.get(ClockRow, 1)
            if row is None:
                session.add(ClockRow(id=1, offset_seconds=seconds))
            else:
                row.offset_seconds = seconds
        with self._lock:
            self._offset, self._read_at = seconds, time.monotonic()

    def offset(self) -> float:
        return self._current_offset()

    def _current_offset(self) -> float:
        with self._lock:
            if time.monotonic() - self._read_at < _CACHE_SECONDS:
                return self._offset
        with self._database.reading() as session:
            offset = session.scalar(select(ClockRow.offset_seconds).where(ClockRow.id == 1)) or 0.0
        with self._lock:
            self._offset, self._read_at = offset, time.monotonic()
        return offset


class FixedClock:
    """A clock for unit tests: stands still until told to move."""

    def __init__(self, now: datetime):
        self._now = now

    def now(self) -> datetime:
        return self._now

    def advance(self, delta: timedelta) -> None:
        self._now += delta
