"""Names and data quality: names kept exactly as spelled, length limits, clear reasons for refusals."""

from __future__ import annotations

import re
from itertools import cycle, islice

from pytest_bdd import scenarios, then, when

from fixtures.builders import a_case, a_defendant
from steps.parameters import phrase_type, step
from steps.screenplay.questions import TheCase
from steps.screenplay.tasks import OpenCase, Outcome

scenarios("names_and_data_quality.feature")

NAME_PARTS = phrase_type({"first": "first_name", "last": "last_name"})
CLEAR_REASON_WORDS = ("letter", "digit", "number", "character")


def a_long_name(length: int) -> str:
    """A name of exactly `length` characters that starts and ends with a letter."""
    name = "".join(islice(cycle("Wolfeschlegelsteinhausenbergerdorff-"), length))
    return name[:-1] + "z" if not name[-1].isalpha() else name


def opens_a_case_for(listing_officer, **names: str) -> Outcome:
    return listing_officer.attempts_to(OpenCase(a_case(defendants=[a_defendant(**names)])))


@when(step('the listing officer opens a case for a defendant named "{first}" "{last}"'), target_fixture="outcome")
def opens_a_case_for_a_named_defendant(listing_officer, first: str, last: str) -> Outcome:
    """The listing officer enters the defendant's names as the defendant spells them."""
    return opens_a_case_for(listing_officer, first_name=first, last_name=last)


@when(step("the listing officer opens a case for a defendant whose {part:Part} name is {length:d} characters long",
           Part=NAME_PARTS), target_fixture="outcome")
def opens_a_case_with_a_long_name(listing_officer, part: str, length: int) -> Outcome:
    """The listing officer enters a name of exactly this many characters."""
    return opens_a_case_for(listing_officer, **{part: a_long_name(length)})


@when(step('the listing officer opens a case for a defendant whose {part:Part} name is written "{written}"',
           Part=NAME_PARTS), target_fixture="outcome")
def opens_a_case_with_a_name_written(listing_officer, part: str, written: str) -> Outcome:
    """The listing officer enters a name as written here."""
    return opens_a_case_for(listing_officer, **{part: written})


@then("the case shows the defendant's name exactly as entered")
def the_name_is_kept_exactly(listing_officer, outcome: Outcome) -> None:
    """The case was opened and shows the names character for character as entered."""
    entered = outcome.sent["defendants"][0]
    assert outcome.accepted, (
        f"Expected the names '{entered['first_name']}' '{entered['last_name']}' to be accepted, but the platform "
        f"refused them: {outcome.summary()}")
    shown = listing_officer.asks(TheCase(outcome.body["urn"]))["defendants"][0]
    assert (shown.get("first_name"), shown.get("last_name")) == (entered["first_name"], entered["last_name"]), (
        f"Expected the case to show '{entered['first_name']}' '{entered['last_name']}' exactly as entered, but it "
        f"shows '{shown.get('first_name')}' '{shown.get('last_name')}'")


@then(step("the case is refused, with a clear reason given for the first defendant's {part:Part} name",
           Part=NAME_PARTS))
def refused_with_a_clear_reason(outcome: Outcome, part: str) -> None:
    """The name was refused, and the reason says in words what is wrong with it."""
    path = f"defendants.0.{part}"
    assert outcome.invalid, f"Expected the name to be refused, but the platform answered {outcome.summary()}"
    reasons = outcome.field_errors.get(path, [])
    assert reasons, (f"Expected a reason given for the {part.replace('_', ' ')}, but the reasons were about: "
                     f"{', '.join(outcome.field_errors) or 'nothing'}")
    clear = [r for r in reasons
             if re.search(r"[A-Za-z]+ [A-Za-z]+", r) and any(w in r.lower() for w in CLEAR_REASON_WORDS)]
    assert clear, (f"Expected a reason a member of staff can act on (saying what about the letters, digits or "
                   f"characters is wrong), but the platform said: {reasons}")
