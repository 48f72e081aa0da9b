"""The audit trail: every change says who did what to which case, and only a court admin reads it."""

from __future__ import annotations

from reference_system.service_layer import audit


def test_creating_listing_drafting_and_sharing_each_write_an_audit_event(court, court_admin, outcomes):
    case, hearing = court.case_with_hearing()
    defendant = case.defendants[0]
    court.draft_and_share(hearing.id, (defendant.id, outcomes.conditional_bail_with_curfew()))

    events, total = court.read(audit.audit_events, court_admin, case.urn)

    oldest_first = list(reversed(events))
    assert total == 4
    assert [(e.action, e.actor) for e in oldest_first] == [
        ("CASE_CREATED", "listing@MAG01"), ("HEARING_LISTED", "listing@MAG01"),
        ("RESULT_DRAFTED", "adviser@MAG01"), ("RESULTS_SHARED", "adviser@MAG01")]
    assert all(e.urn == case.urn and e.court_centre == "MAG01" for e in events)
    assert all(e.at == court.clock.now() for e in events)
    drafted, shared = oldest_first[2:]
    assert drafted.detail == {"hearing_id": hearing.id, "defendant_id": defendant.id,
                              "outcome": "ADJOURNED_CONDITIONAL_BAIL"}
    [order] = court.orders()
    assert shared.detail["em_orders"] == [f"NEW:{order.id}"]
    assert shared.detail["defendants"] == [defendant.id]


def test_a_court_admin_reads_only_their_own_centres_audit_trail(court, southbridge_admin):
    case, _hearing = court.case_with_hearing()

    assert court.read(audit.audit_events, southbridge_admin, case.urn) == ([], 0)
