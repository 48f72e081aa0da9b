"""Shared steps about cases and hearings: opening them, listing them, and how the platform refuses them."""

from __future__ import annotations

from pytest_bdd import given, then, when

from fixtures.builders import a_case, a_hearing, some_defendants
from steps.parameters import points_at, step
from steps.records import CaseFile, ListedHearing
from steps.screenplay.questions import CaseSearch, TheCase
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
    """The listing officer has listed the case for a first appearance tomorrow morning in courtroom 1."""
    starts_at = calendar.at(calendar.day("tomorrow"), "10:00")
    outcome = listing_officer.has_done(ListHearing(case.urn, a_hearing("FIRST_APPEARANCE", "1", starts_at)))
    return ListedHearing(outcome.body["id"], case.urn, outcome.body["starts_at"])


# --- When ----------------------------------------------------------------------------------------------


@when(step("the listing officer opens a case for {count:Number} defendant"), target_fixture="outcome")
@when(step("the listing officer opens a case for {count:Number} defendants"), target_fixture="outcome")
def the_listing_officer_opens_a_case(listing_officer, count: int) -> Outcome:
    """The listing officer opens a new case with `count` defendants."""
    return listing_officer.attempts_to(
        OpenCase(a_case(court_centre=listing_officer.court_centre, defendants=some_defendants(count)))
    )


# --- Then ----------------------------------------------------------------------------------------------


@then(step("the case is refused, with a reason given for the {field:Field}"))
@then(step("the hearing is refused, with a reason given for the {field:Field}"))
@then(step("the result is refused, with a reason given for the {field:Field}"))
def refused_pointing_at(outcome: Outcome, field: tuple[str, tuple[str, ...]]) -> None:
    """The platform refused what was entered and said which field was wrong."""
    words, patterns = field
    assert not outcome.accepted, f"Expected the platform to refuse this because of the {words}, but it accepted it"
    assert outcome.invalid, (
        f"Expected the platform to refuse this as invalid because of the {words}, "
        f"but it answered {outcome.summary()}"
    )
    pointed_at = list(outcome.field_errors)
    assert any(points_at(path, patterns) for path in pointed_at), (
        f"Expected the platform to give a reason for the {words}, but its reasons were about: "
        f"{', '.join(pointed_at) or 'no field at all'}"
    )


@then(step("the case has {count:d} hearings"))
def the_case_has_hearings(listing_officer, case: CaseFile, count: int) -> None:
    """The case page lists exactly `count` hearings."""
    hearings = listing_officer.asks(TheCase(case.urn)).get("hearings", [])
    assert len(hearings) == count, f"Expected case {case.urn} to have {count} hearings, but it has {len(hearings)}"


@when(step("the {staff:Staff} searches for the case by its reference"), target_fixture="search_results")
def someone_searches_for_the_case(cast, case: CaseFile, staff) -> list[dict]:
    """A member of staff searches cases by the case's reference."""
    return cast.court_user(*staff).asks(CaseSearch(case.urn))
