"""Case intake: opening cases, their references, defendants and addresses."""

from __future__ import annotations

from pytest_bdd import scenarios, then, when

from fixtures.builders import a_case, a_defendant, an_address, unique_urn
from steps.expectations.court import (
    expect_case_open_at,
    expect_case_shape,
    expect_defendants_as_entered,
    expect_in_search_results,
    expect_status,
)
from steps.parameters import phrase_type, step
from steps.records import CaseFile
from steps.screenplay.tasks import OpenCase, Outcome

scenarios("case_intake.feature")

ADDRESS_PROBLEMS = phrase_type({
    "has no postcode": {"postcode": None},
    "has a postcode that is not a UK postcode": {"postcode": "NOT A POSTCODE"},
    "has no first line": {"line1": None},
})


# --- When ----------------------------------------------------------------------------------------------


@when(step("the listing officer opens a case whose reference is {length:d} letters and digits long"),
      target_fixture="outcome")
def opens_a_case_with_a_reference_of_length(listing_officer, length: int) -> Outcome:
    """The listing officer opens a case whose (unique) reference has exactly `length` characters."""
    return listing_officer.attempts_to(OpenCase(a_case(urn=unique_urn(length))))


@when("the listing officer opens a case whose reference is in lower case", target_fixture="outcome")
def opens_a_case_with_a_lower_case_reference(listing_officer) -> Outcome:
    """The listing officer types the case reference in lower case."""
    return listing_officer.attempts_to(OpenCase(a_case(urn=unique_urn().lower())))


@when("the listing officer opens another case with the same reference", target_fixture="outcome")
def opens_a_case_with_a_reference_in_use(listing_officer, case: CaseFile) -> Outcome:
    """The listing officer opens a second case, for someone else, reusing the first case's reference."""
    return listing_officer.attempts_to(OpenCase(a_case(urn=case.urn, defendants=[a_defendant("Robin", "Other")])))


@when(step("the listing officer opens a case for a defendant living at postcode {postcode}"),
      target_fixture="outcome")
def opens_a_case_with_postcode(listing_officer, postcode: str) -> Outcome:
    """The listing officer enters the defendant's postcode as written."""
    defendant = a_defendant(address=an_address(postcode=postcode))
    return listing_officer.attempts_to(OpenCase(a_case(defendants=[defendant])))


@when(step("the listing officer opens a case for a defendant whose address {problem:AddressProblem}",
           AddressProblem=ADDRESS_PROBLEMS), target_fixture="outcome")
def opens_a_case_with_a_faulty_address(listing_officer, problem: dict) -> Outcome:
    """The listing officer leaves out, or mistypes, part of the defendant's address."""
    defendant = a_defendant(address={**an_address(), **problem})
    return listing_officer.attempts_to(OpenCase(a_case(defendants=[defendant])))


# --- Then ----------------------------------------------------------------------------------------------


@then(step("the case is open at {centre:Centre}"))
def the_case_is_open_at(listing_officer, outcome: Outcome, centre: str) -> None:
    """The case was accepted, and the case page shows it open at that court centre."""
    expect_case_open_at(listing_officer, outcome, centre)


@then(step("the case has {count:d} defendant and no hearings"))
@then(step("the case has {count:d} defendants and no hearings"))
def the_case_has_defendants_and_no_hearings(listing_officer, outcome: Outcome, count: int) -> None:
    """The case page shows every defendant entered and no hearing yet."""
    expect_case_shape(listing_officer, outcome.body["urn"], defendants=count, hearings=0)


@then("each defendant has their own record on the case")
def each_defendant_has_a_record(listing_officer, outcome: Outcome) -> None:
    """Every defendant has their own record on the case, in the order entered."""
    expect_defendants_as_entered(listing_officer, outcome.body["urn"], outcome.sent["defendants"])


@then("the case is among the search results")
def the_case_is_found(case: CaseFile, search_results: list[dict]) -> None:
    """Searching by reference finds the case."""
    expect_in_search_results(case, search_results, present=True)


@then("the case is refused because its reference is already in use")
def refused_as_a_duplicate(outcome: Outcome) -> None:
    """The platform refused the second case because its reference belongs to another case."""
    expect_status(outcome, outcome.conflicts, "the case to be refused because its reference is already in use")


@then("the first case still has its own defendant")
def the_first_case_is_unchanged(listing_officer, case: CaseFile) -> None:
    """The existing case was not touched by the refused one."""
    expect_defendants_as_entered(listing_officer, case.urn, list(case.defendants))
