"""Audit trail: every change recorded with who made it, in order; not disclosed to other court centres."""

from __future__ import annotations

from pytest_bdd import given, scenarios, then, when

from fixtures.builders import unique_urn
from steps.parameters import ROLES, step
from steps.records import CaseFile
from steps.screenplay.questions import AuditTrailFor
from steps.screenplay.tasks import Outcome, ReadAuditTrail

scenarios("audit_trail.feature")


def changes_by(events: list[dict], username: str) -> list[dict]:
    return [e for e in events if e.get("actor") == username]


def is_subsequence(wanted: list[str], actual: list[str]) -> bool:
    remaining = iter(actual)
    return all(any(a == w for a in remaining) for w in wanted)


@given("the court admin has read the case's audit trail", target_fixture="earlier_audit_trail")
def the_court_admin_has_read_the_trail(court_admin, case: CaseFile) -> list[dict]:
    """What the audit trail showed before the next change."""
    return court_admin.asks(AuditTrailFor(case.urn))


@when(step("the {staff:Staff} reads the case's audit trail"), target_fixture="outcomes")
def reads_the_audit_trail(cast, case: CaseFile, staff) -> list[Outcome]:
    """A member of staff asks for the case's audit trail, and, for comparison, for a case that does not exist."""
    actor = cast.court_user(*staff)
    return [actor.attempts_to(ReadAuditTrail(case.urn)), actor.attempts_to(ReadAuditTrail(unique_urn()))]


@then("the court admin sees in the case's audit trail that the listing officer opened it")
def the_trail_shows_who_opened_it(court_admin, listing_officer, outcome: Outcome) -> None:
    """The first event of the case's audit trail is the listing officer opening it."""
    assert outcome.accepted, f"Expected the case to be opened, but it was refused: {outcome.summary()}"
    urn = outcome.body["urn"]
    events = court_admin.asks(AuditTrailFor(urn))
    assert events, f"Expected the audit trail of case {urn} to record its opening, but it is empty"
    assert events[0].get("actor") == listing_officer.username and events[0].get("at"), (
        f"Expected the audit trail of case {urn} to start with {listing_officer.username} opening it (with a "
        f"time), but it starts with {events[0].get('actor')} doing {events[0].get('action')}")


@then("the court admin sees in the case's audit trail changes by, in this order:")
def the_trail_shows_in_order(cast, court_admin, case: CaseFile, datatable) -> None:
    """The audit trail, oldest first, shows changes by these people in this order (others may come between)."""
    wanted = [cast.court_user(ROLES[row[0].strip()]).username for row in datatable[1:]]
    events = court_admin.asks(AuditTrailFor(case.urn))
    times = [e.get("at") or "" for e in events]
    assert times == sorted(times), f"Expected the audit trail of case {case.urn} to be in time order, but it is not"
    actors = [e.get("actor") for e in events]
    assert is_subsequence(wanted, actors), (
        f"Expected the audit trail of case {case.urn} to show changes by {wanted} in that order, but it shows "
        f"{actors}")


@then("the court admin sees more changes by the legal adviser in the case's audit trail than before the amendment")
def more_changes_by_the_adviser(court_admin, legal_adviser, case: CaseFile, earlier_audit_trail: list[dict]):
    """The amendment added to the trail; nothing earlier was rewritten."""
    events = court_admin.asks(AuditTrailFor(case.urn))
    before = changes_by(earlier_audit_trail, legal_adviser.username)
    after = changes_by(events, legal_adviser.username)
    assert len(after) > len(before), (
        f"Expected the amendment to add changes by {legal_adviser.username} to the audit trail of case {case.urn}, "
        f"but it shows {len(after)} such change(s), as before")
    earlier_ids = [e.get("id") for e in earlier_audit_trail]
    assert [e.get("id") for e in events if e.get("id") in earlier_ids] == earlier_ids, (
        f"Expected the earlier audit events of case {case.urn} to stay as they were, but some changed or vanished")


@then("the court admin sees in the case's audit trail a change by the court admin")
def a_change_by_the_court_admin(court_admin, case: CaseFile) -> None:
    """The court admin's own action is on the trail."""
    events = court_admin.asks(AuditTrailFor(case.urn))
    assert changes_by(events, court_admin.username), (
        f"Expected the audit trail of case {case.urn} to record what {court_admin.username} did, but it shows "
        f"only changes by {sorted({str(e.get('actor')) for e in events})}")


@then("they learn no more than they would about a case that does not exist")
def they_learn_nothing(outcomes: list[Outcome]) -> None:
    """The answer about another court centre's case is the same as about a case that does not exist."""
    theirs, nobodys = outcomes
    items = theirs.body.get("items") if theirs.accepted and isinstance(theirs.body, dict) else []
    assert theirs.status == nobodys.status and not items, (
        "Expected another court centre's audit trail to be answered as if the case did not exist "
        f"({nobodys.summary()}), but the platform answered {theirs.summary()} with {len(items or [])} event(s)")
