"""Listing hearings: the court list for a day, hearing kinds, London time."""

from __future__ import annotations

from datetime import UTC, datetime

from pytest_bdd import scenarios, then, when

from fixtures.builders import LONDON, a_hearing
from steps.parameters import step
from steps.records import CaseFile, ListedHearing
from steps.screenplay.questions import TheCourtList, TheHearing
from steps.screenplay.tasks import ListHearing, Outcome, ReadCourtList

scenarios("listing_hearings.feature")


# --- When ----------------------------------------------------------------------------------------------


@when(step("the listing officer lists a {kind:HearingKind} hearing in courtroom {courtroom} {day:Day} at "
           "{time:Time}"), target_fixture="outcome")
def lists_a_hearing(listing_officer, case: CaseFile, calendar, kind: str, courtroom: str, day: str, time: str):
    """The listing officer lists a hearing of this kind for the case."""
    starts_at = calendar.at(calendar.day(day), time)
    return listing_officer.attempts_to(ListHearing(case.urn, a_hearing(kind, courtroom, starts_at)))


@when("the listing officer lists a hearing of a kind the court does not hold", target_fixture="outcome")
def lists_an_unknown_kind_of_hearing(listing_officer, case: CaseFile, calendar) -> Outcome:
    """The listing officer enters a hearing type that does not exist."""
    starts_at = calendar.at(calendar.day("tomorrow"), "10:00")
    return listing_officer.attempts_to(ListHearing(case.urn, a_hearing("WEDDING", "1", starts_at)))


@when(step("the {staff:Staff} asks for tomorrow's court list for {centre:Centre}"), target_fixture="outcome")
def asks_for_another_court_list(cast, calendar, staff, centre: str) -> Outcome:
    """A member of staff asks for a court centre's list for tomorrow."""
    return cast.court_user(*staff).attempts_to(ReadCourtList(centre, calendar.day("tomorrow")))


# --- Then ----------------------------------------------------------------------------------------------


@then(step("the hearing is on tomorrow's court list for {centre:Centre} in courtroom {courtroom} at {time:Time}"))
def the_hearing_is_on_the_list(listing_officer, calendar, outcome: Outcome, centre: str, courtroom: str, time: str):
    """The court list for tomorrow shows the hearing in that courtroom at that time."""
    assert outcome.accepted, f"Expected the hearing to be listed, but it was refused: {outcome.summary()}"
    hearing_id = outcome.body["id"]
    court_list = listing_officer.asks(TheCourtList(centre, calendar.day("tomorrow")))
    listed = next((h for h in court_list if h.get("id") == hearing_id), None)
    assert listed is not None, f"Expected tomorrow's court list for {centre} to show the hearing, but it does not"
    expected_start = calendar.at(calendar.day("tomorrow"), time)
    assert (str(listed.get("courtroom")), datetime.fromisoformat(listed["starts_at"])) == (courtroom, expected_start), (
        f"Expected the hearing in courtroom {courtroom} at {time}, but the list shows courtroom "
        f"{listed.get('courtroom')} at {listed.get('starts_at')}")


@then("it is waiting for results")
def it_is_waiting_for_results(listing_officer, outcome: Outcome) -> None:
    """The newly listed hearing has no results yet."""
    hearing = listing_officer.asks(TheHearing(outcome.body["id"]))
    assert (hearing.get("state"), hearing.get("results")) == ("LISTED", []), (
        f"Expected the new hearing to be waiting for results, but it is {hearing.get('state')} with "
        f"{len(hearing.get('results') or [])} result(s)")


@then(step("the hearing starts at {local:Time} London time, which is {utc:Time} GMT"))
def the_hearing_starts_at(outcome: Outcome, local: str, utc: str) -> None:
    """The platform keeps the hearing at the London time it was listed for."""
    assert outcome.accepted, f"Expected the hearing to be listed, but it was refused: {outcome.summary()}"
    starts_at = datetime.fromisoformat(outcome.body["starts_at"])
    shown = (f"{starts_at.astimezone(LONDON):%H:%M}", f"{starts_at.astimezone(UTC):%H:%M}")
    assert shown == (local, utc), (
        f"Expected the hearing to start at {local} London time ({utc} GMT), but it starts at {shown[0]} London "
        f"time ({shown[1]} GMT)")


@then("the hearing is not disclosed to them")
def the_hearing_is_not_disclosed(outcome: Outcome, hearing: ListedHearing) -> None:
    """Another court centre's list is either refused or does not show the hearing."""
    if outcome.accepted:
        items = outcome.body if isinstance(outcome.body, list) else outcome.body.get("items", [])
        assert hearing.id not in [h.get("id") for h in items], (
            "Expected Northgate's hearing to be hidden from another court centre, but its court list shows it")
    else:
        assert outcome.status in (403, 404), (
            f"Expected the other court centre's list to be refused or empty, but the platform answered "
            f"{outcome.summary()}")
