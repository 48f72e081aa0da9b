"""Listing hearings: the court list for a day, hearing kinds, London time."""

from __future__ import annotations

from pytest_bdd import scenarios, then, when

from fixtures.builders import a_hearing
from steps.expectations.court import expect_hearing_state, expect_not_disclosed, expect_on_court_list, expect_starts_at
from steps.parameters import step
from steps.records import CaseFile, ListedHearing
from steps.screenplay.tasks import ListHearing, Outcome, ReadCourtList

scenarios("listing_hearings.feature")


# --- When ----------------------------------------------------------------------------------------------


@when(step("the listing officer lists a {kind:HearingKind} hearing in courtroom {courtroom} {day:Day} at "
           "{time:Time}"), target_fixture="outcome")
def lists_a_hearing(listing_officer, case: CaseFile, calendar, kind: str, courtroom: str, day: str, time: str):
    """The listing officer lists a hearing of this kind for the case."""
    hearing = a_hearing(kind, courtroom, calendar.at(calendar.day(day), time))
    return listing_officer.attempts_to(ListHearing(case.urn, hearing))


@when("the listing officer lists a hearing of a kind the court does not hold", target_fixture="outcome")
def lists_an_unknown_kind_of_hearing(listing_officer, case: CaseFile, calendar) -> Outcome:
    """The listing officer enters a hearing type that does not exist."""
    hearing = a_hearing("WEDDING", "1", calendar.at(calendar.day("tomorrow"), "10:00"))
    return listing_officer.attempts_to(ListHearing(case.urn, hearing))


@when(step("the {staff:Staff} asks for tomorrow's court list for {centre:Centre}"), target_fixture="outcome")
def asks_for_another_court_list(cast, calendar, staff, centre: str) -> Outcome:
    """A member of staff asks for a court centre's list for tomorrow."""
    return cast.court_user(*staff).attempts_to(ReadCourtList(centre, calendar.day("tomorrow")))


# --- Then ----------------------------------------------------------------------------------------------


@then(step("the hearing is on tomorrow's court list for {centre:Centre} in courtroom {courtroom} at {time:Time}"))
def the_hearing_is_on_the_list(listing_officer, calendar, outcome: Outcome, centre: str, courtroom: str, time: str):
    """The court list for tomorrow shows the hearing in that courtroom at that time."""
    tomorrow = calendar.day("tomorrow")
    expect_on_court_list(listing_officer, outcome, centre, tomorrow, courtroom, calendar.at(tomorrow, time))


@then("it is waiting for results")
def it_is_waiting_for_results(listing_officer, outcome: Outcome) -> None:
    """The newly listed hearing has no results yet."""
    expect_hearing_state(listing_officer, outcome.body["id"], "LISTED", no_results=True)


@then(step("the hearing starts at {local:Time} London time, which is {utc:Time} GMT"))
def the_hearing_starts_at(outcome: Outcome, local: str, utc: str) -> None:
    """The platform keeps the hearing at the London time it was listed for."""
    expect_starts_at(outcome, local, utc)


@then("the hearing is not disclosed to them")
def the_hearing_is_not_disclosed(outcome: Outcome, hearing: ListedHearing) -> None:
    """Another court centre's list is either refused or does not show the hearing."""
    expect_not_disclosed(outcome, hearing)
