"""Calendar arithmetic the rules need: Europe/London wall-clock, months, weekdays."""

from __future__ import annotations

import calendar as _calendar
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
WEEKDAYS = ("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, _calendar.monthrange(year, month)[1]))


def london(day: date, at: time) -> datetime:
    """A wall-clock time in London on a given day, as an aware date-time.

    In the spring gap (01:00-02:00 does not exist) zoneinfo moves forward, which is what a curfew monitor
    does too; in the autumn overlap the first (summer-time) occurrence is taken.
    """
    return datetime.combine(day, at, tzinfo=LONDON)


def elapsed_hours(start: datetime, end: datetime) -> float:
    """Real hours between two aware date-times, across any clock change."""
    return (end.astimezone(UTC) - start.astimezone(UTC)) / timedelta(hours=1)


def as_london(moment: datetime) -> datetime:
    """Read a naive date-time as London wall-clock; convert an aware one to London."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=LONDON)
    return moment.astimezone(LONDON)
