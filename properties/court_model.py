"""A small in-memory model of what the contract promises, written from DESIGN.md and docs/contract.md
rather than from the platform's code: which EM order a shared result calls for, by when, and who is in
custody afterwards. The stateful suite compares the platform with it after every step."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from fixtures.strategies import WEEKDAYS, add_months

LONDON = ZoneInfo("Europe/London")
REVOCATION_DEADLINE = timedelta(hours=2)
CUSTODY_AFTER = {
    "ADJOURNED_UNCONDITIONAL_BAIL": "UNCONDITIONAL_BAIL",
    "ADJOURNED_CONDITIONAL_BAIL": "CONDITIONAL_BAIL",
    "REMANDED_IN_CUSTODY": "IN_CUSTODY",
    "CUSTODIAL_SENTENCE": "IN_CUSTODY",
}


def monitored(result: dict[str, Any] | None) -> tuple[dict | None, dict | None]:
    """The electronically monitored requirements of a result: what the provider must enforce."""
    if result is None:
        return None, None
    curfew, zone = result.get("curfew"), result.get("exclusion_zone")
    return (curfew if curfew and curfew["electronically_monitored"] else None,
            zone if zone and zone["electronically_monitored"] else None)


def order_ends_on(result: dict[str, Any]) -> date | None:
    """Bail EM ends at the next hearing (open-ended without one); a community order at start + length."""
    if result["outcome"] == "COMMUNITY_ORDER":
        curfew, zone = result.get("curfew"), result.get("exclusion_zone")
        if curfew:
            start = datetime.fromisoformat(curfew["starts_at"]).astimezone(LONDON).date()
        elif zone:
            start = date.fromisoformat(zone["starts_on"])
        else:
            return None
        return add_months(start, result["order_length_months"])
    next_hearing = result.get("next_hearing")
    return date.fromisoformat(next_hearing["date"]) if next_hearing else None


def expected_order_kind(previous: dict[str, Any] | None, current: dict[str, Any]) -> str | None:
    """NEW when monitoring starts, REVOCATION when it stops (custody, acquittal, EM removed), VARIATION when
    it changes (hours, area, end), nothing when it stays as it was. Latest shared result wins."""
    before, after = monitored(previous), monitored(current)
    if before == (None, None) and after == (None, None):
        return None
    if before == (None, None):
        return "NEW"
    if after == (None, None):
        return "REVOCATION"
    if before == after and order_ends_on(previous) == order_ends_on(current):
        return None
    return "VARIATION"


def first_curfew_period_start(curfew: dict[str, Any]) -> datetime:
    """The start of the first curfew period at or after the curfew's `starts_at` (a period that is already
    running at `starts_at` counts from `starts_at`)."""
    starts_at = datetime.fromisoformat(curfew["starts_at"]).astimezone(LONDON)
    start_time, end_time = time.fromisoformat(curfew["start_time"]), time.fromisoformat(curfew["end_time"])
    days = curfew.get("days")
    day = starts_at.date() - timedelta(days=1)
    for _ in range(9):
        if days is None or WEEKDAYS[day.weekday()] in days:
            begins = datetime.combine(day, start_time, tzinfo=LONDON)
            end_day = day + timedelta(days=1) if end_time <= start_time else day
            ends = datetime.combine(end_day, end_time, tzinfo=LONDON)
            if ends > starts_at:
                return max(begins, starts_at)
        day += timedelta(days=1)
    raise AssertionError(f"no curfew period within a week of {starts_at}")


def expected_deadline(kind: str, result: dict[str, Any], shared_at: datetime) -> datetime | None:
    """By when the provider must acknowledge, where the contract fixes it: a revocation two hours after
    sharing; a new order or variation at the first curfew period (or the zone's first day at 00:00) when that
    is still ahead. None when the contract leaves it open (monitoring that should already have started)."""
    if kind == "REVOCATION":
        return shared_at + REVOCATION_DEADLINE
    curfew, zone = monitored(result)
    if curfew is not None:
        start = first_curfew_period_start(curfew)
    else:
        start = datetime.combine(date.fromisoformat(zone["starts_on"]), time(0), tzinfo=LONDON)
    return start if start >= shared_at else None


def instant(value: str) -> datetime:
    """An ISO 8601 date-time from the API as an aware UTC moment."""
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return (moment if moment.tzinfo else moment.replace(tzinfo=LONDON)).astimezone(UTC)


# --- the model's state -----------------------------------------------------------------------------------


@dataclass
class HearingModel:
    id: int
    urn: str
    centre: str
    day: date
    version: int = 1
    state: str = "LISTED"
    drafts: dict[int, dict[str, Any]] = field(default_factory=dict)   # defendant id -> last saved draft
    shared: dict[int, dict[str, Any]] = field(default_factory=dict)   # defendant id -> last shared here

    def changed(self) -> list[int]:
        """Defendants whose draft differs from what this hearing last shared for them."""
        return [d for d, draft in self.drafts.items() if self.shared.get(d) != draft]


@dataclass
class OrderModel:
    id: int
    urn: str
    centre: str
    defendant_id: int
    kind: str
    deadline: datetime
    acknowledged: bool = False


@dataclass
class CourtModel:
    """Cases, hearings and orders created in one sequence, and what the contract says they must look like."""

    cases: dict[str, dict[str, Any]] = field(default_factory=dict)          # urn -> case as created
    hearings: dict[int, HearingModel] = field(default_factory=dict)
    latest_shared: dict[int, dict[str, Any]] = field(default_factory=dict)  # defendant id -> latest shared
    orders: list[OrderModel] = field(default_factory=list)
    expected_kinds: dict[int, list[str]] = field(default_factory=dict)      # defendant id -> kinds, in order
    dirty: set[int] = field(default_factory=set)                             # hearings to read back

    def defendants_of(self, urn: str) -> list[int]:
        return [d["id"] for d in self.cases[urn]["defendants"]]

    def anything_drafted(self) -> bool:
        """Whether anything has been drafted yet (before that, an outage changes nothing)."""
        return any(h.drafts for h in self.hearings.values())

    def touch_case(self, urn: str) -> None:
        self.dirty.update(h.id for h in self.hearings.values() if h.urn == urn)
