"""The court's calendar for one scenario: days named in Gherkin ("tomorrow", "the evening before the clocks
go back"), resolved against the platform's clock so that test-mode clock moves never put a scenario in the
past."""

from __future__ import annotations

import calendar as _calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from fixtures.builders import LONDON, london

_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def last_sunday(year: int, month: int) -> date:
    last = date(year, month, _calendar.monthrange(year, month)[1])
    return last - timedelta(days=(last.weekday() - 6) % 7)


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class CourtCalendar:
    now: datetime

    @property
    def today(self) -> date:
        return self.now.astimezone(LONDON).date()

    def at(self, day: date, hh_mm: str) -> datetime:
        return london(day, hh_mm)

    def day(self, phrase: str) -> date:
        """The date a Gherkin day phrase means, always after today."""
        phrase = phrase.lower()
        if phrase == "tomorrow":
            return self.today + timedelta(days=1)
        if phrase.startswith("in ") and phrase.endswith(" days"):
            return self.today + timedelta(days=int(phrase.split()[1]))
        if phrase.startswith("next ") and phrase.split()[1] in _WEEKDAY_NAMES:
            return self._next_weekday(_WEEKDAY_NAMES.index(phrase.split()[1]))
        if phrase == "the saturday after next wednesday":
            return self._next_weekday(2) + timedelta(days=3)
        if phrase.startswith("the evening before the clocks go "):
            return self.clock_change_sunday(phrase.rsplit(" ", 1)[1]) - timedelta(days=1)
        if phrase.startswith("the night the clocks go "):
            return self.clock_change_sunday(phrase.rsplit(" ", 1)[1])
        if phrase == "on the first monday of next july":
            year = self.today.year + (1 if self.today.month >= 7 else 0)
            first = date(year, 7, 1)
            return first + timedelta(days=(0 - first.weekday()) % 7)
        raise ValueError(f"no day is known as '{phrase}'")

    def clock_change_sunday(self, direction: str) -> date:
        """The next last Sunday of March ('forward') or October ('back') whose Saturday is after today."""
        month = 3 if direction == "forward" else 10
        for year in (self.today.year, self.today.year + 1):
            sunday = last_sunday(year, month)
            if sunday - timedelta(days=1) > self.today:
                return sunday
        raise AssertionError("unreachable: a clock change happens every year")

    def _next_weekday(self, weekday: int) -> date:
        ahead = (weekday - self.today.weekday()) % 7 or 7
        return self.today + timedelta(days=ahead)
