"""Curfews and exclusion zones, and the legal limits a court order must respect.

Limits are judged on the wall-clock window the court orders (19:00-07:00 is a 12-hour curfew); the real
length of a night differs by an hour when the clocks change, which `real_hours_on` reports.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from .calendar import WEEKDAYS, add_months, as_london, elapsed_hours, london
from .errors import FieldError
from .people import Address, address_errors

MIN_DAILY_HOURS = 2
MAX_DAILY_HOURS = 20
MAX_WEEKLY_HOURS = 112
MAX_REQUIREMENT_YEARS = 2
DESCRIPTION_MAX_LENGTH = 500


@dataclass(frozen=True)
class Curfew:
    """A daily window at an address, from `starts_at` (when tagging starts) to `ends_on` if fixed."""

    address: Address
    start_time: time
    end_time: time
    starts_at: datetime
    ends_on: date | None = None
    days: tuple[str, ...] | None = None
    electronically_monitored: bool = True

    @property
    def crosses_midnight(self) -> bool:
        return self.end_time <= self.start_time

    @property
    def daily_hours(self) -> float:
        """Wall-clock hours of the window: the figure the law limits."""
        start = self.start_time.hour * 60 + self.start_time.minute
        end = self.end_time.hour * 60 + self.end_time.minute
        return ((end - start) % (24 * 60)) / 60

    @property
    def days_per_week(self) -> int:
        return 7 if self.days is None else len(set(self.days))

    @property
    def weekly_hours(self) -> float:
        """The most curfew hours in any 7 consecutive days."""
        return self.daily_hours * self.days_per_week

    def applies_on(self, day: date) -> bool:
        return self.days is None or WEEKDAYS[day.weekday()] in self.days

    def period_starting_on(self, day: date) -> tuple[datetime, datetime]:
        """The curfew period that begins on `day` (ending the next morning when it crosses midnight)."""
        end_day = day + timedelta(days=1) if self.crosses_midnight else day
        return london(day, self.start_time), london(end_day, self.end_time)

    def real_hours_on(self, day: date) -> float:
        """Real hours spent under curfew in the period starting on `day` (11 or 13 on clock-change nights)."""
        return elapsed_hours(*self.period_starting_on(day))

    def first_period_start(self) -> datetime:
        """When the first curfew period begins: the EM order must be acknowledged by then."""
        starts_at = as_london(self.starts_at)
        day = starts_at.date() - timedelta(days=1)
        for _ in range(9):
            if self.applies_on(day):
                start, end = self.period_starting_on(day)
                if end > starts_at:
                    return max(start, starts_at)
            day += timedelta(days=1)
        return starts_at  # unreachable for a valid curfew: every week has a curfew day


@dataclass(frozen=True)
class ExclusionZone:
    """An area the person must keep out of between two dates."""

    description: str
    starts_on: date
    ends_on: date | None = None
    electronically_monitored: bool = True


def curfew_errors(
    curfew: Curfew, *, community_order: bool, order_ends_on: date | None, field: str = "curfew"
) -> list[FieldError]:
    """Every legal limit this curfew breaks, for bail (daily limits) or a community order (all limits)."""
    errors = address_errors(curfew.address, f"{field}.address")
    if curfew.days is not None:
        unknown = [d for d in curfew.days if d not in WEEKDAYS]
        if unknown:
            errors.append(FieldError(f"{field}.days", f"Unknown day {unknown[0]!r}: use MON to SUN"))
        elif not curfew.days:
            errors.append(FieldError(f"{field}.days", "Choose at least one day, or leave empty for every day"))
    errors += _daily_hours_errors(curfew, field)
    if community_order and not errors and curfew.weekly_hours > MAX_WEEKLY_HOURS:
        errors.append(
            FieldError(
                f"{field}.days" if curfew.days is not None else f"{field}.end_time",
                f"A curfew can be no more than {MAX_WEEKLY_HOURS} hours in any 7 days "
                f"(this one is {_in_words(curfew.weekly_hours)})",
            )
        )
    errors += _end_date_errors(curfew.starts_at, curfew.ends_on, community_order, order_ends_on, field)
    return errors


def exclusion_zone_errors(
    zone: ExclusionZone, *, community_order: bool, order_ends_on: date | None, field: str = "exclusion_zone"
) -> list[FieldError]:
    errors: list[FieldError] = []
    if not zone.description or not zone.description.strip():
        errors.append(FieldError(f"{field}.description", "Describe the area the person must keep out of"))
    elif len(zone.description) > DESCRIPTION_MAX_LENGTH:
        errors.append(
            FieldError(f"{field}.description", f"Must be {DESCRIPTION_MAX_LENGTH} characters or fewer")
        )
    starts_at = datetime.combine(zone.starts_on, time(0, 0))
    errors += _end_date_errors(starts_at, zone.ends_on, community_order, order_ends_on, field)
    return errors


def _daily_hours_errors(curfew: Curfew, field: str) -> list[FieldError]:
    hours = curfew.daily_hours
    if hours == 0:
        return [FieldError(f"{field}.end_time", "The curfew must end at a different time from when it starts")]
    if hours < MIN_DAILY_HOURS:
        return [
            FieldError(f"{field}.end_time", f"A curfew must be at least {MIN_DAILY_HOURS} hours a day (this one is {_in_words(hours)})")
        ]
    if hours > MAX_DAILY_HOURS:
        return [
            FieldError(f"{field}.end_time", f"A curfew can be no more than {MAX_DAILY_HOURS} hours a day (this one is {_in_words(hours)})")
        ]
    return []


def _in_words(hours: float) -> str:
    """A length of time as people say it: '1 hour 59 minutes', not '1.98333'."""
    whole, minutes = divmod(round(hours * 60), 60)
    parts = [f"{whole} hour{'s' if whole != 1 else ''}"] if whole else []
    if minutes:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    return " ".join(parts) or "0 minutes"


def _end_date_errors(
    starts_at: datetime, ends_on: date | None, community_order: bool, order_ends_on: date | None, field: str
) -> list[FieldError]:
    start_day = as_london(starts_at).date()
    if ends_on is not None and ends_on <= start_day:
        return [FieldError(f"{field}.ends_on", "The end date must be after the start date")]
    if not community_order:
        return []
    end = ends_on or order_ends_on
    if end is not None and end > add_months(start_day, 12 * MAX_REQUIREMENT_YEARS):
        return [FieldError(f"{field}.ends_on", f"A requirement can last no more than {MAX_REQUIREMENT_YEARS} years")]
    if ends_on is not None and order_ends_on is not None and ends_on > order_ends_on:
        return [FieldError(f"{field}.ends_on", "The requirement must end by the end of the community order")]
    return []
