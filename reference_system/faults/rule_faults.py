"""Faults in the court's rules and use cases (each replaces one function or constant with a buggy one)."""

from __future__ import annotations

import re
from typing import Any

from ..domain import curfew as curfew_rules
from ..domain.errors import FieldError
from ..domain.model import OrderKind
from ..domain.results import Outcome
from ..service_layer import cases, results


def em_order_not_sent(patch) -> None:
    correct = results.order_kind_for

    def order_kind_for(previous, current):
        kind = correct(previous, current)
        if kind is OrderKind.NEW and current.outcome is Outcome.ADJOURNED_CONDITIONAL_BAIL:
            return None  # the bail branch never got the EM order call
        return kind

    patch(results, "order_kind_for", order_kind_for)


def amend_leaves_em_active(patch) -> None:
    correct = results.order_kind_for

    def order_kind_for(previous, current):
        kind = correct(previous, current)
        return None if kind is OrderKind.REVOCATION else kind

    patch(results, "order_kind_for", order_kind_for)


def overnight_curfew_wrong(patch) -> None:
    def daily_hours(self) -> float:
        start = self.start_time.hour * 60 + self.start_time.minute
        end = self.end_time.hour * 60 + self.end_time.minute
        return (end - start) / 60  # forgot the wrap past midnight

    patch(curfew_rules.Curfew, "daily_hours", property(daily_hours))


def curfew_limits_not_enforced(patch) -> None:
    patch(curfew_rules, "MAX_DAILY_HOURS", 24)
    patch(curfew_rules, "MAX_WEEKLY_HOURS", 24 * 7)


def lost_update(patch) -> None:
    patch(results, "_check_version", lambda hearing, version: None)


_ASCII_NAME = re.compile(r"^[A-Za-z' -]+$")
_BLOCKED_WORDS = ("christ", "hell", "damn")


def name_rejected(patch) -> None:
    def name_errors(value: str | None, field: str) -> list[FieldError]:
        if not value or not _ASCII_NAME.match(value):
            return [FieldError(field, "Enter a name using letters A to Z only")]
        if any(word in value.lower() for word in _BLOCKED_WORDS):
            return [FieldError(field, "Name contains a word that is not allowed")]
        return []

    patch(cases, "name_errors", name_errors)


def cross_court_read(patch) -> None:
    patch(cases, "require_centre", lambda user, court_centre, not_found: None)


def slow_case_search(patch) -> None:
    from sqlalchemy import select
    from sqlalchemy.orm import selectinload

    from ..adapters.orm import CaseRow
    from ..service_layer.access import require, require_centre

    def search_cases(uow, user, *, court_centre, text, page, page_size) -> tuple[list[Any], int]:
        require(user, "read_cases")
        centre = court_centre or user.court_centre
        require_centre(user, centre, f"No court centre {centre} for you")
        every_case = uow.session.scalars(
            select(CaseRow).where(CaseRow.court_centre == centre)
            .options(selectinload(CaseRow.defendants), selectinload(CaseRow.hearings)).order_by(CaseRow.id.desc())
        ).all()
        needle = (text or "").strip().casefold()
        matches = [c for c in every_case if not needle or c.urn == needle.upper()
                   or any(d.search_name.startswith(needle) for d in c.defendants)]
        return matches[(page - 1) * page_size: page * page_size], len(matches)

    patch(cases, "search_cases", search_cases)
