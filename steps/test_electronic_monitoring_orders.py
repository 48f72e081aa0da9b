"""Electronic monitoring orders: new orders and their deadlines, variations and revocations."""

from __future__ import annotations

from datetime import date, timedelta

from pytest_bdd import scenarios, then, when

from fixtures.builders import an_exclusion_zone, bail_with_curfew
from steps.expectations.monitoring import (
    expect_latest_due,
    expect_new_orders_due,
    expect_orders_in_sequence,
    expect_revocation_due_two_hours_after_sharing,
)
from steps.parameters import step
from steps.records import CaseFile, SharedResults
from steps.shared.results import a_curfew_on, for_every_defendant, record_and_share, with_curfew

scenarios("electronic_monitoring_orders.feature")


def bail_with_exclusion_zone(starts_on: date) -> dict:
    """Conditional bail with an EM exclusion zone from `starts_on` until the next hearing four weeks later."""
    return bail_with_curfew(None, starts_on + timedelta(weeks=4), an_exclusion_zone(starts_on=starts_on))


# --- When ----------------------------------------------------------------------------------------------


@when(step("the legal adviser shares conditional bail with an electronically monitored exclusion zone starting "
           "{day:Day}"), target_fixture="shared")
def shares_bail_with_exclusion_zone(legal_adviser, case, hearing, calendar, day: str) -> SharedResults:
    """Conditional bail with an EM exclusion zone and no curfew."""
    result = bail_with_exclusion_zone(calendar.day(day))
    return record_and_share(legal_adviser, hearing, for_every_defendant(case, result))


@when(step("the legal adviser shares conditional bail with a curfew from {start:Time} to {end:Time} starting "
           "{day:Day}, not electronically monitored"), target_fixture="shared")
def shares_bail_with_unmonitored_curfew(legal_adviser, case, hearing, calendar, start, end, day) -> SharedResults:
    """Conditional bail with a curfew the court does not ask to be monitored."""
    result = with_curfew("bail", a_curfew_on(calendar, start, end, day, monitored=False), calendar)
    return record_and_share(legal_adviser, hearing, for_every_defendant(case, result))


@when(step("the legal adviser shares conditional bail with an electronically monitored curfew from {start:Time} to "
           "{end:Time} on {days:DaysOfWeek}, starting {day:Day}"), target_fixture="shared")
def shares_bail_with_curfew_on_days(legal_adviser, case, hearing, calendar, start, end, days, day):
    """Conditional bail with an EM curfew on some days of the week only."""
    result = with_curfew("bail", a_curfew_on(calendar, start, end, day, days=days), calendar)
    return record_and_share(legal_adviser, hearing, for_every_defendant(case, result))


@when(step("the legal adviser amends the curfew to {start:Time} to {end:Time} and shares the result again"),
      target_fixture="shared")
def amends_the_curfew_hours(legal_adviser, case, hearing, calendar, start, end) -> SharedResults:
    """The legal adviser changes the curfew's hours and shares again."""
    result = with_curfew("bail", a_curfew_on(calendar, start, end, "tomorrow"), calendar)
    return record_and_share(legal_adviser, hearing, for_every_defendant(case, result))


# --- Then ----------------------------------------------------------------------------------------------


@then("the defendant has 1 new EM order, due at the start of the day the exclusion zone starts")
def due_when_the_exclusion_zone_starts(legal_adviser, case: CaseFile, shared: SharedResults, calendar) -> None:
    """An exclusion zone without a curfew is due at midnight (London) on the day it starts."""
    starts_on = date.fromisoformat(shared.results[case.defendant_ids[0]]["exclusion_zone"]["starts_on"])
    expect_new_orders_due(legal_adviser, case, 1, calendar.at(starts_on, "00:00"))


@then(step("the defendant has a new EM order followed by a {kind:OrderKind}"))
def new_order_followed_by(legal_adviser, case: CaseFile, kind: str) -> None:
    """The defendant's orders, oldest first: the NEW order, then the follow-up."""
    expect_orders_in_sequence(legal_adviser, case, ["NEW", kind])


@then(step("the variation is due when the amended curfew first starts {day:Day} at {time:Time}"))
def the_variation_is_due(legal_adviser, case: CaseFile, calendar, day: str, time: str) -> None:
    """A variation is due when the amended curfew first starts."""
    expect_latest_due(legal_adviser, case, "VARIATION", calendar.at(calendar.day(day), time))


@then("the revocation is due two hours after the amended result was shared")
def the_revocation_is_due(legal_adviser, case: CaseFile) -> None:
    """A revocation is due two hours after the result that ends the monitoring was shared."""
    expect_revocation_due_two_hours_after_sharing(legal_adviser, case)
