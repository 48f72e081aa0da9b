"""Names and data quality: names kept exactly as spelled, length limits, clear reasons for refusals."""

from __future__ import annotations

from itertools import cycle, islice

from pytest_bdd import scenarios, then, when

from fixtures.builders import a_case, a_defendant
from steps.expectations.court import expect_clear_reason, expect_defendants_as_entered, expect_status
from steps.parameters import phrase_type, step
from steps.screenplay.tasks import OpenCase, Outcome

scenarios("names_and_data_quality.feature")

NAME_PARTS = phrase_type({"first": "first_name", "last": "last_name"})


def a_long_name(length: int) -> str:
    """A name of exactly `length` characters that starts and ends with a letter."""
    name = "".join(islice(cycle("Wolfeschlegelsteinhausenbergerdorff-"), length))
    return name if name[-1].isalpha() else name[:-1] + "z"


def a_case_for(**names: str) -> OpenCase:
    return OpenCase(a_case(defendants=[a_defendant(**names)]))


@when(step('the listing officer opens a case for a defendant named "{first}" "{last}"'), target_fixture="outcome")
def opens_a_case_for_a_named_defendant(listing_officer, first: str, last: str) -> Outcome:
    """The listing officer enters the defendant's names as the defendant spells them."""
    return listing_officer.attempts_to(a_case_for(first_name=first, last_name=last))


@when(step("the listing officer opens a case for a defendant whose {part:Part} name is {length:d} characters long",
           Part=NAME_PARTS), target_fixture="outcome")
def opens_a_case_with_a_long_name(listing_officer, part: str, length: int) -> Outcome:
    """The listing officer enters a name of exactly this many characters."""
    return listing_officer.attempts_to(a_case_for(**{part: a_long_name(length)}))


@when(step('the listing officer opens a case for a defendant whose {part:Part} name is written "{written}"',
           Part=NAME_PARTS), target_fixture="outcome")
def opens_a_case_with_a_name_written(listing_officer, part: str, written: str) -> Outcome:
    """The listing officer enters a name as written here."""
    return listing_officer.attempts_to(a_case_for(**{part: written}))


@then("the case shows the defendant's name exactly as entered")
def the_name_is_kept_exactly(listing_officer, outcome: Outcome) -> None:
    """The case was opened and shows the names character for character as entered."""
    expect_status(outcome, outcome.accepted, "the names to be accepted")
    expect_defendants_as_entered(listing_officer, outcome.body["urn"], outcome.sent["defendants"])


@then(step("the case is refused, with a clear reason given for the first defendant's {part:Part} name",
           Part=NAME_PARTS))
def refused_with_a_clear_reason(outcome: Outcome, part: str) -> None:
    """The name was refused, and the reason says in words what is wrong with it."""
    expect_clear_reason(outcome, f"defendants.0.{part}", part.replace("_", " "))
