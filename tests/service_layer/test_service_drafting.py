"""Drafting results: optimistic locking protects another user's work, and a refused draft writes nothing."""

from __future__ import annotations

import pytest

from reference_system.domain.errors import StaleVersion, ValidationFailed


def test_a_draft_is_saved_as_a_draft_and_moves_the_hearing_to_its_next_version(court, outcomes):
    case, hearing = court.case_with_hearing()
    defendant = case.defendants[0]

    court.draft(hearing.id, defendant.id, outcomes.conditional_bail_with_curfew(), version=1)

    stored = court.hearing(hearing.id)
    assert stored.version == 2
    assert stored.state == "LISTED"
    [result] = stored.results
    assert (result.defendant_id, result.status, result.shared) == (defendant.id, "DRAFT", None)
    assert result.draft == outcomes.conditional_bail_with_curfew()
    assert result.drafted_by == "adviser@MAG01"


def test_a_draft_with_a_stale_version_is_refused_and_changes_nothing(court, outcomes):
    case, hearing = court.case_with_hearing()
    defendant = case.defendants[0]
    court.draft(hearing.id, defendant.id, outcomes.conditional_bail_with_curfew(), version=1)

    with pytest.raises(StaleVersion) as refused:
        court.draft(hearing.id, defendant.id, outcomes.remanded_in_custody(), version=1)

    assert (refused.value.expected, refused.value.actual) == (1, 2)
    stored = court.hearing(hearing.id)
    assert stored.version == 2
    assert stored.results[0].draft["outcome"] == "ADJOURNED_CONDITIONAL_BAIL"
    assert court.audit_actions().count("RESULT_DRAFTED") == 1


def test_a_twenty_one_hour_curfew_is_refused_on_its_end_time_and_nothing_is_written(court, outcomes):
    case, hearing = court.case_with_hearing()
    audit_before = court.audit_actions()

    with pytest.raises(ValidationFailed) as refused:
        court.draft(hearing.id, case.defendants[0].id, outcomes.conditional_bail_with_curfew("19:00", "16:00"))

    assert [e.field for e in refused.value.errors] == ["curfew.end_time"]
    assert "20 hours" in refused.value.errors[0].message
    stored = court.hearing(hearing.id)
    assert (stored.version, stored.results) == (1, [])
    assert court.audit_actions() == audit_before


def test_a_twenty_hour_overnight_curfew_is_the_most_bail_allows(court, outcomes):
    case, hearing = court.case_with_hearing()

    court.draft(hearing.id, case.defendants[0].id, outcomes.conditional_bail_with_curfew("19:00", "15:00"))

    assert court.hearing(hearing.id).results[0].draft["curfew"]["end_time"] == "15:00"


def test_a_curfew_without_an_address_is_refused_on_the_address(court, outcomes):
    case, hearing = court.case_with_hearing()

    with pytest.raises(ValidationFailed) as refused:
        court.draft(hearing.id, case.defendants[0].id, outcomes.conditional_bail_with_curfew(address=None))

    assert [e.field for e in refused.value.errors] == ["curfew.address"]


def test_a_curfew_ending_before_it_starts_is_refused_on_its_end_date(court, outcomes):
    case, hearing = court.case_with_hearing()

    with pytest.raises(ValidationFailed) as refused:
        court.draft(hearing.id, case.defendants[0].id, outcomes.conditional_bail_with_curfew(ends_on="2026-07-10"))

    assert [e.field for e in refused.value.errors] == ["curfew.ends_on"]


def test_a_draft_changed_back_to_what_was_shared_is_no_longer_a_draft(court, outcomes):
    case, hearing = court.case_with_hearing()
    defendant = case.defendants[0]
    court.draft_and_share(hearing.id, (defendant.id, outcomes.conditional_bail_with_curfew()))
    court.draft(hearing.id, defendant.id, outcomes.remanded_in_custody())

    court.draft(hearing.id, defendant.id, outcomes.conditional_bail_with_curfew())

    assert court.hearing(hearing.id).results[0].status == "SHARED"
