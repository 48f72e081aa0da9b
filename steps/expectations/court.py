"""What the court expects of cases, hearings, results, agencies, access and the audit trail.

Each expectation asks actors questions and, when the answer falls short, says what the court would see.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from fixtures.builders import LONDON
from steps.parameters import AGENCY_NAMES, points_at
from steps.records import CaseFile, ListedHearing
from steps.screenplay.actor import Actor
from steps.screenplay.questions import (
    AuditTrailFor,
    NotificationsFor,
    TheAgencyLedger,
    TheCase,
    TheCourtList,
    TheHearing,
    eventually,
)
from steps.screenplay.tasks import Outcome

DELIVERY_WITHIN_SECONDS = 20
CLEAR_REASON_WORDS = ("letter", "digit", "number", "character")


def result_of(hearing: dict[str, Any], defendant_id: int) -> dict[str, Any] | None:
    return next((r for r in hearing.get("results", []) if r.get("defendant_id") == defendant_id), None)


def names_of(defendants: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(d.get("first_name"), d.get("last_name")) for d in defendants]


def _described(outcomes: list[Outcome]) -> str:
    return "; ".join(str(o.status) + ("" if o.accepted else f" ({o.summary()})") for o in outcomes)


# --- refusals ---------------------------------------------------------------------------------------------


def expect_refused_pointing_at(outcome: Outcome, field: tuple[str, tuple[str, ...]]) -> None:
    """Refused as invalid, with a reason attached to the field the court would correct."""
    words, patterns = field
    assert not outcome.accepted, f"Expected the platform to refuse this because of the {words}, but it accepted it"
    assert outcome.invalid, (f"Expected the platform to refuse this as invalid because of the {words}, but it "
                             f"answered {outcome.summary()}")
    pointed_at = list(outcome.field_errors)
    assert any(points_at(path, patterns) for path in pointed_at), (
        f"Expected the platform to give a reason for the {words}, but its reasons were about: "
        f"{', '.join(pointed_at) or 'no field at all'}")


def expect_clear_reason(outcome: Outcome, path: str, words: str) -> None:
    """Refused, with a reason for the field that says in words what is wrong (letters, digits, characters)."""
    assert outcome.invalid, f"Expected the {words} to be refused, but the platform answered {outcome.summary()}"
    reasons = outcome.field_errors.get(path, [])
    assert reasons, (f"Expected a reason given for the {words}, but the reasons were about: "
                     f"{', '.join(outcome.field_errors) or 'nothing'}")
    clear = [r for r in reasons
             if re.search(r"[A-Za-z]+ [A-Za-z]+", r) and any(w in r.lower() for w in CLEAR_REASON_WORDS)]
    assert clear, (f"Expected a reason a member of staff can act on (saying what about the letters, digits or "
                   f"characters is wrong), but the platform said: {reasons}")


def expect_status(outcome: Outcome, wanted: bool, expectation: str) -> None:
    assert wanted, f"Expected {expectation}, but the platform answered {outcome.summary()}"


# --- cases and hearings -----------------------------------------------------------------------------------


def expect_case_open_at(actor: Actor, outcome: Outcome, centre: str) -> None:
    assert outcome.accepted, f"Expected the case to be opened, but it was refused: {outcome.summary()}"
    shown = actor.asks(TheCase(outcome.body["urn"]))
    assert (shown.get("status"), shown.get("court_centre")) == ("ACTIVE", centre), (
        f"Expected case {shown.get('urn')} to be open (ACTIVE) at {centre}, but it is {shown.get('status')} at "
        f"{shown.get('court_centre')}")


def expect_case_shape(actor: Actor, urn: str, defendants: int | None, hearings: int) -> None:
    shown = actor.asks(TheCase(urn))
    counts = (len(shown.get("defendants", [])), len(shown.get("hearings", [])))
    wanted = (counts[0] if defendants is None else defendants, hearings)
    assert counts == wanted, (f"Expected case {urn} to have {wanted[0]} defendant(s) and {hearings} hearing(s), but "
                              f"it has {counts[0]} defendant(s) and {counts[1]} hearing(s)")


def expect_defendants_as_entered(actor: Actor, urn: str, entered: list[dict[str, Any]]) -> None:
    """Every defendant has their own record, with their names exactly as entered, in order."""
    assert entered, f"Nothing was entered for case {urn}"
    shown = actor.asks(TheCase(urn))["defendants"]
    assert names_of(shown) == names_of(entered), (
        f"Expected case {urn} to show the defendants exactly as entered, {names_of(entered)}, but it shows "
        f"{names_of(shown)}")
    assert len({d.get("id") for d in shown}) == len(entered), f"Expected each defendant of {urn} to have a record"


def expect_in_search_results(case: CaseFile, results: list[dict[str, Any]], present: bool) -> None:
    found = [c.get("urn") for c in results]
    assert (case.urn in found) == present, (
        f"Expected a search for {case.urn} to {'find' if present else 'not find'} the case, but it found: "
        f"{found or 'nothing'}")


def expect_on_court_list(actor: Actor, outcome: Outcome, centre: str, day, courtroom: str, start: datetime) -> None:
    assert outcome.accepted, f"Expected the hearing to be listed, but it was refused: {outcome.summary()}"
    listed = next((h for h in actor.asks(TheCourtList(centre, day)) if h.get("id") == outcome.body["id"]), None)
    assert listed is not None, f"Expected the court list of {centre} for {day} to show the hearing, but it does not"
    shown = (str(listed.get("courtroom")), datetime.fromisoformat(listed["starts_at"]))
    assert shown == (courtroom, start), (
        f"Expected the hearing in courtroom {courtroom} at {start.astimezone(LONDON):%H:%M}, but the list shows "
        f"courtroom {shown[0]} at {shown[1].astimezone(LONDON):%H:%M}")


def expect_hearing_state(actor: Actor, hearing_id: int, state: str, *, no_results: bool = False) -> None:
    shown = actor.asks(TheHearing(hearing_id))
    assert shown.get("state") == state and not (no_results and shown.get("results")), (
        f"Expected the hearing to be {state}{' with no results' if no_results else ''}, but it is "
        f"{shown.get('state')} with {len(shown.get('results') or [])} result(s)")


def expect_starts_at(outcome: Outcome, local: str, utc: str) -> None:
    assert outcome.accepted, f"Expected the hearing to be listed, but it was refused: {outcome.summary()}"
    starts_at = datetime.fromisoformat(outcome.body["starts_at"])
    shown = (f"{starts_at.astimezone(LONDON):%H:%M}", f"{starts_at.astimezone(UTC):%H:%M}")
    assert shown == (local, utc), (f"Expected the hearing to start at {local} London time ({utc} GMT), but it starts "
                                   f"at {shown[0]} London time ({shown[1]} GMT)")


def expect_not_disclosed(outcome: Outcome, hearing: ListedHearing) -> None:
    """Another centre's list is refused, or does not show the hearing."""
    if outcome.accepted:
        items = outcome.body if isinstance(outcome.body, list) else outcome.body.get("items", [])
        assert hearing.id not in [h.get("id") for h in items], (
            "Expected Northgate's hearing to be hidden from another court centre, but its court list shows it")
    else:
        assert outcome.status in (403, 404), (f"Expected another court centre's list to be refused or empty, but "
                                              f"the platform answered {outcome.summary()}")


# --- results ----------------------------------------------------------------------------------------------


def expect_draft(actor: Actor, case: CaseFile, hearing: ListedHearing, outcome: Outcome) -> None:
    assert outcome.accepted, f"Expected the result to be saved as a draft, but it was refused: {outcome.summary()}"
    result = result_of(actor.asks(TheHearing(hearing.id)), case.defendant_ids[0])
    assert result is not None and result.get("status") == "DRAFT", (
        f"Expected the hearing to show a draft result for {case.label(1)}, but it shows "
        f"{result.get('status') if result else 'none'}")


def expect_draft_outcome(actor: Actor, case: CaseFile, hearing: ListedHearing, outcome: str | None) -> None:
    result = result_of(actor.asks(TheHearing(hearing.id)), case.defendant_ids[0]) or {}
    assert result.get("outcome") == outcome, (
        f"Expected the draft result for {case.label(1)} to be {outcome or 'none'}, but the hearing shows "
        f"{result.get('outcome') or 'none'}")


def expect_custody(actor: Actor, case: CaseFile, custody: str) -> None:
    shown = actor.asks(TheCase(case.urn))["defendants"][0].get("custody_status")
    assert shown == custody, f"Expected {case.label(1)} to be {custody}, but the case shows {shown}"


def expect_no_agency_told(actor: Actor, case: CaseFile) -> None:
    agencies = sorted({AGENCY_NAMES.get(m.get("agency"), "?") for m in actor.asks(NotificationsFor(case.urn))})
    assert not agencies, f"Expected no agency to be told about case {case.urn}, but messages went to: {agencies}"


def expect_agency_told(actor: Actor, operator: Actor, case: CaseFile, agency: str) -> None:
    """A message to the agency is delivered within a few seconds, and the agency holds it exactly once."""
    name = AGENCY_NAMES[agency]

    def to_agency():
        return [m for m in actor.asks(NotificationsFor(case.urn)) if m.get("agency") == agency]

    messages = eventually(to_agency, until=lambda ms: bool(ms) and all(m.get("status") == "SENT" for m in ms),
                          within=DELIVERY_WITHIN_SECONDS)
    assert messages, f"Expected {name} to be told about the result in case {case.urn}, but no message was created"
    late = [m for m in messages if m.get("status") != "SENT"]
    assert not late, (f"Expected {name} to have received the message about case {case.urn} within "
                      f"{DELIVERY_WITHIN_SECONDS} s, but it is still {late[0].get('status')} after "
                      f"{late[0].get('attempts')} attempt(s) (last error: {late[0].get('last_error')})")
    if agency == "em-provider":
        return
    received = operator.asks(TheAgencyLedger(agency, case.urn))
    for message in messages:
        copies = [r for r in received if str(r.get("notification_id")) == str(message["id"])]
        assert len(copies) == 1, (f"Expected {name} to hold the message about case {case.urn} exactly once, but it "
                                  f"holds {len(copies)} copies")


# --- access -----------------------------------------------------------------------------------------------


def expect_allowed(actor: Actor, action: str, outcomes: list[Outcome], business_refusals=()) -> None:
    refused = [o for o in outcomes if not (o.accepted or o.status in business_refusals)]
    assert not refused, (f"Expected {actor.name} to be allowed to {action}, but the platform answered: "
                         f"{_described(outcomes)}")


def expect_not_permitted(actor: Actor, action: str, outcomes: list[Outcome]) -> None:
    assert all(o.not_permitted for o in outcomes), (
        f"Expected {actor.name} to be refused permission to {action}, but the platform answered: "
        f"{_described(outcomes)}")


def expect_not_found(outcomes: list[Outcome], what: str) -> None:
    assert all(o.not_found for o in outcomes), (
        f"Expected {what} of another court centre to be not found, but the platform answered: {_described(outcomes)}")


# --- the audit trail --------------------------------------------------------------------------------------


def expect_trail_starts_with(court_admin: Actor, urn: str, username: str) -> None:
    events = court_admin.asks(AuditTrailFor(urn))
    assert events and events[0].get("actor") == username and events[0].get("at"), (
        f"Expected the audit trail of case {urn} to start with {username} opening it (with a time), but it starts "
        f"with {events[0].get('actor') + ' doing ' + str(events[0].get('action')) if events else 'nothing'}")


def expect_trail_in_order(court_admin: Actor, urn: str, usernames: list[str]) -> None:
    """Oldest first, the trail shows changes by these people in this order (others may come between)."""
    events = court_admin.asks(AuditTrailFor(urn))
    times = [e.get("at") or "" for e in events]
    assert times == sorted(times), f"Expected the audit trail of case {urn} to be in time order, but it is not"
    actors, remaining = [e.get("actor") for e in events], iter(e.get("actor") for e in events)
    assert all(any(a == wanted for a in remaining) for wanted in usernames), (
        f"Expected the audit trail of case {urn} to show changes by {usernames} in that order, but it shows {actors}")


def expect_trail_grew(court_admin: Actor, urn: str, username: str, earlier: list[dict[str, Any]]) -> None:
    """More changes by this person than before, and nothing earlier rewritten or lost."""
    events = court_admin.asks(AuditTrailFor(urn))
    before, after = ([e for e in trail if e.get("actor") == username] for trail in (earlier, events))
    assert len(after) > len(before), (f"Expected the audit trail of case {urn} to show more changes by {username} "
                                      f"than before, but it shows {len(after)}, as before")
    earlier_ids = [e.get("id") for e in earlier]
    assert [e.get("id") for e in events if e.get("id") in earlier_ids] == earlier_ids, (
        f"Expected the earlier audit events of case {urn} to stay as they were, but some changed or vanished")


def expect_change_by(court_admin: Actor, urn: str, username: str) -> None:
    events = court_admin.asks(AuditTrailFor(urn))
    assert any(e.get("actor") == username for e in events), (
        f"Expected the audit trail of case {urn} to record what {username} did, but it shows only changes by "
        f"{sorted({str(e.get('actor')) for e in events})}")


def expect_same_as_for_nothing(theirs: Outcome, nobodys: Outcome) -> None:
    """The answer about another centre's case is the answer about a case that does not exist."""
    items = theirs.body.get("items") if theirs.accepted and isinstance(theirs.body, dict) else []
    assert theirs.status == nobodys.status and not items, (
        "Expected another court centre's audit trail to be answered as if the case did not exist "
        f"({nobodys.summary()}), but the platform answered {theirs.summary()} with {len(items or [])} event(s)")
