"""Curfew legal limits: daily and weekly hours, two years, end after start, address, clock changes."""

from __future__ import annotations

from datetime import timedelta

from pytest_bdd import scenarios, when

from fixtures.builders import community_order_with_curfew
from steps.calendar import add_years
from steps.parameters import phrase_type, step
from steps.screenplay.tasks import Outcome, RecordResult
from steps.shared.results import a_curfew_on, with_curfew

scenarios("curfew_limits.feature")

SPANS = phrase_type({"2 years": (2, 0), "2 years and 1 day": (2, 1)})


def drafted(legal_adviser, case, hearing, result) -> Outcome:
    """The legal adviser saves the result as a draft for the case's defendant."""
    return legal_adviser.attempts_to(RecordResult(hearing.id, case.defendant_ids[0], result))


def ending_on(curfew: dict, day) -> dict:
    return {**curfew, "ends_on": day.isoformat()}


@when(step("the legal adviser records {kind:EmResult} with an electronically monitored curfew from {start:Time} "
           "to {end:Time} starting {day:Day}"), target_fixture="outcome")
def records_em_curfew(legal_adviser, case, hearing, calendar, kind, start, end, day) -> Outcome:
    """The legal adviser drafts conditional bail or a community order with an EM curfew every night."""
    return drafted(legal_adviser, case, hearing, with_curfew(kind, a_curfew_on(calendar, start, end, day), calendar))


@when(step("the legal adviser records {kind:EmResult} with an electronically monitored curfew from {start:Time} "
           "to {end:Time} on {days:DaysOfWeek} starting {day:Day}"), target_fixture="outcome")
def records_em_curfew_on_days(legal_adviser, case, hearing, calendar, kind, start, end, days, day) -> Outcome:
    """The legal adviser drafts an EM curfew on some days of the week."""
    curfew = a_curfew_on(calendar, start, end, day, days=days)
    return drafted(legal_adviser, case, hearing, with_curfew(kind, curfew, calendar))


@when(step("the legal adviser records a {months:d}-month community order with an electronically monitored curfew "
           "from {start:Time} to {end:Time} starting {day:Day} and lasting {span:Span}", Span=SPANS),
      target_fixture="outcome")
def records_a_long_curfew(legal_adviser, case, hearing, calendar, months, start, end, day, span) -> Outcome:
    """The legal adviser drafts a community order whose curfew lasts a given number of years and days."""
    curfew = ending_on(a_curfew_on(calendar, start, end, day), add_years(calendar.day(day), span[0]) + timedelta(span[1]))
    return drafted(legal_adviser, case, hearing, community_order_with_curfew(curfew, months=months))


@when(step("the legal adviser records a {months:d}-month community order with an electronically monitored curfew "
           "from {start:Time} to {end:Time} starting {day:Day} and ending the day before"), target_fixture="outcome")
def records_a_curfew_ending_before_it_starts(legal_adviser, case, hearing, calendar, months, start, end, day):
    """The legal adviser enters a curfew end date before its start."""
    curfew = ending_on(a_curfew_on(calendar, start, end, day), calendar.day(day) - timedelta(days=1))
    return drafted(legal_adviser, case, hearing, community_order_with_curfew(curfew, months=months))


@when(step("the legal adviser records {kind:EmResult} with an electronically monitored curfew from {start:Time} "
           "to {end:Time} starting {day:Day} at no address"), target_fixture="outcome")
def records_a_curfew_without_address(legal_adviser, case, hearing, calendar, kind, start, end, day) -> Outcome:
    """The legal adviser leaves out where the curfew is to be kept."""
    curfew = {**a_curfew_on(calendar, start, end, day), "address": None}
    return drafted(legal_adviser, case, hearing, with_curfew(kind, curfew, calendar))
