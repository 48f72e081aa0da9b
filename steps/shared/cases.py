"""Shared steps about cases and hearings: opening them, listing them, finding them, and refusals."""

from __future__ import annotations

from pytest_bdd import given, then, when

from fixtures.builders import a_case, a_hearing, some_defendants
from steps.expectations.court import expect_case_shape, expect_refused_pointing_at
from steps.parameters import step
from steps.records import CaseFile, ListedHearing
from steps.screenplay.questions import CaseSearch
from steps.screenplay.tasks import ListHearing, OpenCase, Outcome

# --- Given ---------------------------------------------------------------------------------------------


@given(step("a case with {count:Number} defendant has been opened"), target_fixture="case")
@given(step("a case with {count:Number} defendants has been opened"), target_fixture="case")
def a_case_has_been_opened(listing_officer, count: int) -> CaseFile:
    """The listing officer has opened a case at their court centre with `count` defendants."""
    case = a_case(court_centre=listing_officer.court_centre, defendants=some_defendants(count))
    return CaseFile.from_outcome(listing_officer.has_done(OpenCase(case)))


@given("the case has been listed for a first appearance tomorrow", target_fixture="hearing")
def the_case_has_been_listed(listing_officer, case: CaseFile, calendar) -> ListedHearing:
    """The listing officer has listed the case for a first appearance tomorrow at 10:00 in courtroom 1."""
    hearing = a_hearing("FIRST_APPEARANCE", "1", calendar.at(calendar.day("tomorrow"), "10:00"))
    return ListedHearing.from_outcome(listing_officer.has_done(ListHearing(case.urn, hearing)))


# --- When ----------------------------------------------------------------------------------------------


@when(step("the listing officer opens a case for {count:Number} defendant"), target_fixture="outcome")
@when(step("the listing officer opens a case for {count:Number} defendants"), target_fixture="outcome")
def the_listing_officer_opens_a_case(listing_officer, count: int) -> Outcome:
    """The listing officer opens a new case with `count` defendants."""
    case = a_case(court_centre=listing_officer.court_centre, defendants=some_defendants(count))
    return listing_officer.attempts_to(OpenCase(case))


@when(step("the {staff:Staff} searches for the case by its reference"), target_fixture="search_results")
def someone_searches_for_the_case(cast, case: CaseFile, staff) -> list[dict]:
    """A member of staff searches cases by the case's reference."""
    return cast.court_user(*staff).asks(CaseSearch(case.urn))


# --- Then ----------------------------------------------------------------------------------------------


@then(step("the case is refused, with a reason given for the {field:Field}"))
@then(step("the hearing is refused, with a reason given for the {field:Field}"))
@then(step("the result is refused, with a reason given for the {field:Field}"))
def refused_pointing_at(outcome: Outcome, field) -> None:
    """The platform refused what was entered and said which field was wrong."""
    expect_refused_pointing_at(outcome, field)


@then(step("the case has {count:d} hearings"))
def the_case_has_hearings(listing_officer, case: CaseFile, count: int) -> None:
    """The case page lists exactly `count` hearings."""
    expect_case_shape(listing_officer, case.urn, defendants=None, hearings=count)
