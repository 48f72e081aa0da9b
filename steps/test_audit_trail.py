"""Audit trail: every change recorded with who made it, in order; not disclosed to other court centres."""

from __future__ import annotations

from pytest_bdd import given, scenarios, then, when

from fixtures.builders import unique_urn
from steps.expectations.court import (
    expect_change_by,
    expect_same_as_for_nothing,
    expect_trail_grew,
    expect_trail_in_order,
    expect_trail_starts_with,
)
from steps.parameters import ROLES, step
from steps.records import CaseFile
from steps.screenplay.questions import AuditTrailFor
from steps.screenplay.tasks import Outcome, ReadAuditTrail

scenarios("audit_trail.feature")


@given("the court admin has read the case's audit trail", target_fixture="earlier_audit_trail")
def the_court_admin_has_read_the_trail(court_admin, case: CaseFile) -> list[dict]:
    """What the audit trail showed before the next change."""
    return court_admin.asks(AuditTrailFor(case.urn))


@when(step("the {staff:Staff} reads the case's audit trail"), target_fixture="outcomes")
def reads_the_audit_trail(cast, case: CaseFile, staff) -> list[Outcome]:
    """A member of staff asks for the case's audit trail and, to compare, for a case that does not exist."""
    return [cast.court_user(*staff).attempts_to(ReadAuditTrail(urn)) for urn in (case.urn, unique_urn())]


@then("the court admin sees in the case's audit trail that the listing officer opened it")
def the_trail_shows_who_opened_it(court_admin, listing_officer, outcome: Outcome) -> None:
    """The first event of the case's audit trail is the listing officer opening it."""
    expect_trail_starts_with(court_admin, outcome.body["urn"], listing_officer.username)


@then("the court admin sees in the case's audit trail changes by, in this order:")
def the_trail_shows_in_order(cast, court_admin, case: CaseFile, datatable) -> None:
    """The audit trail, oldest first, shows changes by these people in this order (others may come between)."""
    who = [cast.court_user(ROLES[row[0].strip()]).username for row in datatable[1:]]
    expect_trail_in_order(court_admin, case.urn, who)


@then("the court admin sees more changes by the legal adviser in the case's audit trail than before the amendment")
def more_changes_by_the_adviser(court_admin, legal_adviser, case: CaseFile, earlier_audit_trail: list[dict]):
    """The amendment added to the trail; nothing earlier was rewritten."""
    expect_trail_grew(court_admin, case.urn, legal_adviser.username, earlier_audit_trail)


@then("the court admin sees in the case's audit trail a change by the court admin")
def a_change_by_the_court_admin(court_admin, case: CaseFile) -> None:
    """The court admin's own action is on the trail."""
    expect_change_by(court_admin, case.urn, court_admin.username)


@then("they learn no more than they would about a case that does not exist")
def they_learn_nothing(outcomes: list[Outcome]) -> None:
    """The answer about another court centre's case is the same as about a case that does not exist."""
    expect_same_as_for_nothing(*outcomes)
