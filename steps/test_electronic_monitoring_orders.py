"""Electronic monitoring orders: new orders and their deadlines, variations and revocations."""

from __future__ import annotations

from datetime import timedelta

from pytest_bdd import scenarios, then, when

from fixtures.builders import an_exclusion_zone, bail_with_curfew
from steps.parameters import step
from steps.records import CaseFile, SharedResults
from steps.shared.em_orders import at, orders_of, when_
from steps.shared.results import a_curfew_on, for_every_defendant, record_and_share, with_curfew

scenarios("electronic_monitoring_orders.feature")


# --- When ----------------------------------------------------------------------------------------------


@when(step("the legal adviser shares conditional bail with an electronically monitored exclusion zone starting "
           "{day:Day}"), target_fixture="shared")
def shares_bail_with_exclusion_zone(legal_adviser, case, hearing, calendar, day: str) -> SharedResults:
    """Conditional bail with an EM exclusion zone and no curfew."""
    starts_on = calendar.day(day)
    result = bail_with_curfew(None, next_hearing=starts_on + timedelta(weeks=4),
                              exclusion_zone=an_exclusion_zone(starts_on=starts_on))
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
    starts_on = at(shared.results[case.defendant_ids[0]]["exclusion_zone"]["starts_on"] + "T00:00:00").date()
    expected = calendar.at(starts_on, "00:00")
    orders = orders_of(legal_adviser, case, case.defendant_ids[0])
    assert [o.get("kind") for o in orders] == ["NEW"], (
        f"Expected {case.label(1)} to have 1 new EM order, but the court sees {[o.get('kind') for o in orders]}")
    deadline = at(orders[0].get("deadline"))
    assert deadline == expected, (
        f"Expected the EM order for {case.label(1)} to be due at the start of {starts_on} ({when_(expected)}), "
        f"but it is due at {when_(deadline) if deadline else 'no time at all'}")


@then(step("the defendant has a new EM order followed by a {kind:OrderKind}"))
def new_order_followed_by(legal_adviser, case: CaseFile, kind: str) -> None:
    """The defendant's orders, oldest first: the NEW order, then the follow-up."""
    kinds = [o.get("kind") for o in orders_of(legal_adviser, case, case.defendant_ids[0])]
    assert kinds == ["NEW", kind], (
        f"Expected {case.label(1)} to have a NEW EM order followed by a {kind}, but the court sees {kinds}")


@then(step("the variation is due when the amended curfew first starts {day:Day} at {time:Time}"))
def the_variation_is_due(legal_adviser, case: CaseFile, calendar, day: str, time: str) -> None:
    """A variation is due when the amended curfew first starts."""
    expected = calendar.at(calendar.day(day), time)
    variation = orders_of(legal_adviser, case, case.defendant_ids[0], "VARIATION")[-1]
    assert at(variation.get("deadline")) == expected, (
        f"Expected the variation for {case.label(1)} to be due when the amended curfew first starts, at "
        f"{when_(expected)}, but it is due at {variation.get('deadline')}")


@then("the revocation is due two hours after the amended result was shared")
def the_revocation_is_due(legal_adviser, case: CaseFile) -> None:
    """A revocation is due two hours after the result that ends the monitoring was shared."""
    revocation = orders_of(legal_adviser, case, case.defendant_ids[0], "REVOCATION")[-1]
    expected = at(revocation["created_at"]) + timedelta(hours=2)
    deadline = at(revocation.get("deadline"))
    assert deadline is not None and abs(deadline - expected) <= timedelta(minutes=1), (
        f"Expected the revocation for {case.label(1)} to be due two hours after sharing, at {when_(expected)}, "
        f"but it is due at {revocation.get('deadline')}")
