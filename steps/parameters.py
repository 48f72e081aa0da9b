"""Typed step parameters: the court's words in Gherkin, turned into contract values.

Each type is a small regular expression of the phrases the features use, so a step either reads a phrase
it knows or does not match at all (no free text parsed by hand).
"""

from __future__ import annotations

import re
from typing import Any

import parse
from pytest_bdd import parsers

OUTCOMES = {
    "an adjournment on unconditional bail": "ADJOURNED_UNCONDITIONAL_BAIL",
    "an adjournment on conditional bail": "ADJOURNED_CONDITIONAL_BAIL",
    "remand in custody": "REMANDED_IN_CUSTODY",
    "a community order": "COMMUNITY_ORDER",
    "a custodial sentence": "CUSTODIAL_SENTENCE",
    "a fine": "FINE",
    "a discharge": "DISCHARGE",
    "an acquittal": "ACQUITTED",
}

CUSTODY = {
    "on unconditional bail": "UNCONDITIONAL_BAIL",
    "on conditional bail": "CONDITIONAL_BAIL",
    "in custody": "IN_CUSTODY",
    "neither on bail nor in custody": "NOT_APPLICABLE",
}

ROLES = {
    "listing officer": "LISTING_OFFICER",
    "legal adviser": "LEGAL_ADVISER",
    "court admin": "COURT_ADMIN",
    "agency viewer": "AGENCY_VIEWER",
}

CENTRES = {
    "Northgate Magistrates' Court": "MAG01",
    "Southbridge Magistrates' Court": "MAG02",
    "Eastminster Crown Court": "CRN01",
}
HOME_CENTRE = "MAG01"

HEARING_KINDS = {
    "first appearance": "FIRST_APPEARANCE",
    "plea": "PLEA",
    "bail application": "BAIL_APPLICATION",
    "mention": "MENTION",
    "trial": "TRIAL",
    "sentence": "SENTENCE",
}

EM_RESULTS = {"conditional bail": "bail", "a community order": "community order"}

WEEKDAYS = ("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")
DAYS_OF_WEEK = {
    "every day": None,
    "Monday to Friday": list(WEEKDAYS[:5]),
    "Monday to Saturday": list(WEEKDAYS[:6]),
    "Saturdays and Sundays": ["SAT", "SUN"],
}

# Where the platform must point when it refuses something: dotted field paths, `x.*` for any field under x.
FIELDS = {
    "case reference": ("urn",),
    "first defendant's postcode": ("defendants.0.address.postcode",),
    "first defendant's address first line": ("defendants.0.address.line1",),
    "first defendant's first name": ("defendants.0.first_name",),
    "first defendant's last name": ("defendants.0.last_name",),
    "hearing type": ("type",),
    "order length": ("order_length_months",),
    "curfew": ("curfew", "curfew.*"),
    "curfew hours": ("curfew", "curfew.start_time", "curfew.end_time", "curfew.days"),
    "curfew end date": ("curfew.ends_on",),
    "curfew address": ("curfew.address", "curfew.address.*"),
}


def points_at(path: str, field_patterns: tuple[str, ...]) -> bool:
    return any(path == p or (p.endswith(".*") and path.startswith(p[:-1])) for p in field_patterns)


NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}

DAY_PHRASES = (
    r"tomorrow",
    r"in \d+ days",
    r"next (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)",
    r"the Saturday after next Wednesday",
    r"the evening before the clocks go (?:forward|back)",
    r"the night the clocks go (?:forward|back)",
    r"on the first Monday of next July",
)


def _alternatives(phrases: Any) -> str:
    return "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))


def _lookup(table: dict[str, Any]):
    lowered = {key.lower(): value for key, value in table.items()}

    @parse.with_pattern(_alternatives(table))
    def convert(text: str) -> Any:
        return lowered[text.lower()]

    return convert


def _phrase(table: dict[str, Any]):
    """A phrase from the table, returned as written (for steps that build something from it)."""

    @parse.with_pattern(_alternatives(table))
    def convert(text: str) -> str:
        return text.lower()

    return convert


@parse.with_pattern(r"\d{2}:\d{2}")
def _time(text: str) -> str:
    return text


@parse.with_pattern(r"\d+|" + "|".join(NUMBERS))
def _number(text: str) -> int:
    return NUMBERS.get(text.lower()) or int(text)


@parse.with_pattern("|".join(DAY_PHRASES))
def _day(text: str) -> str:
    return text


_STAFF_PATTERN = f"(?:{_alternatives(ROLES)})(?: of (?:{_alternatives(CENTRES)}))?"


@parse.with_pattern(_STAFF_PATTERN)
def _staff(text: str) -> tuple[str, str]:
    role, _, centre = text.partition(" of ")
    centres = {name.lower(): code for name, code in CENTRES.items()}
    return ROLES[role.lower()], centres[centre.lower()] if centre else HOME_CENTRE


@parse.with_pattern(r"the defendant|every defendant|each defendant|defendant \d+")
def _defendants(text: str) -> int | None:
    """Which defendants a step means: a 1-based number, or None for all (one or several)."""
    return int(text.split()[-1]) if text.startswith("defendant ") else None


@parse.with_pattern(_alternatives(FIELDS))
def _field(text: str) -> tuple[str, tuple[str, ...]]:
    """A field named in business words: (the words, the paths that count as pointing at it)."""
    return text, {k.lower(): v for k, v in FIELDS.items()}[text.lower()]


AMENDMENTS = {**OUTCOMES, "conditional bail with a curfew but no monitoring": "ADJOURNED_CONDITIONAL_BAIL"}

ORDER_KINDS = {"order": "NEW", "new EM order": "NEW", "variation": "VARIATION", "revocation": "REVOCATION"}

AGENCIES = {"the prison": "prison", "probation": "probation", "the EM provider": "em-provider"}
AGENCY_NAMES = {code: name for name, code in AGENCIES.items()}


TYPES = {
    "Time": _time,
    "Number": _number,
    "Day": _day,
    "Outcome": _lookup(OUTCOMES),
    "Custody": _lookup(CUSTODY),
    "Role": _lookup(ROLES),
    "Centre": _lookup(CENTRES),
    "HearingKind": _lookup(HEARING_KINDS),
    "EmResult": _lookup(EM_RESULTS),
    "DaysOfWeek": _lookup(DAYS_OF_WEEK),
    "Field": _field,
    "Amendment": _phrase(AMENDMENTS),
    "Agency": _lookup(AGENCIES),
    "OrderKind": _lookup(ORDER_KINDS),
    "Staff": _staff,
    "Defendants": _defendants,
}


def step(text: str, **more_types: Any) -> parsers.parse:
    """A step pattern with the court's parameter types available, e.g. `{start:Time}`, `{day:Day}`."""
    return parsers.parse(text, extra_types={**TYPES, **more_types})


def phrase_type(table: dict[str, Any]):
    """A parameter type for a feature's own phrases: matches only the table's phrases, gives their values."""
    return _lookup(table)
