"""Amending shared results: the follow-up EM order each change calls for, and the latest result winning."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from reference_system.domain.calendar import LONDON


@pytest.fixture
def two_defendants(court, new_case, new_defendant):
    """A case with two defendants and a first appearance listed for them."""
    case = court.create_case(new_case("01AB1234526", new_defendant("Siân", "Evans"), new_defendant("Thi Mai", "Nguyễn")))
    return case, court.list_hearing(case.urn)


def test_amending_bail_with_em_to_custody_revokes_the_order(court, outcomes):
    case, hearing = court.case_with_hearing()
    defendant = case.defendants[0]
    court.draft_and_share(hearing.id, (defendant.id, outcomes.conditional_bail_with_curfew()))
    court.later(hours=1)

    _shared, created, _notifications = court.draft_and_share(hearing.id, (defendant.id, outcomes.remanded_in_custody()))

    assert [o.kind for o in court.orders(defendant.id)] == ["NEW", "REVOCATION"]
    [revocation] = created
    assert revocation.kind == "REVOCATION"
    assert revocation.deadline == court.clock.now() + timedelta(hours=2)
    assert [(n.agency, n.kind) for n in court.notifications()] == [
        ("em-provider", "EM_ORDER_NEW"), ("em-provider", "EM_ORDER_REVOCATION"), ("prison", "REMANDED_IN_CUSTODY")]
    assert court.hearing(hearing.id).state == "AMENDED"


def test_changing_the_curfew_hours_varies_the_order(court, outcomes):
    case, hearing = court.case_with_hearing()
    defendant = case.defendants[0]
    court.draft_and_share(hearing.id, (defendant.id, outcomes.conditional_bail_with_curfew("19:00", "07:00")))
    court.later(hours=1)

    court.draft_and_share(hearing.id, (defendant.id, outcomes.conditional_bail_with_curfew("20:00", "06:00")))

    assert [o.kind for o in court.orders(defendant.id)] == ["NEW", "VARIATION"]
    variation = court.orders(defendant.id)[1]
    assert variation.deadline == datetime(2026, 7, 14, 20, 0, tzinfo=LONDON)
    [outbox] = court.notifications(defendant_id=defendant.id)[1:]
    assert (outbox.kind, outbox.payload["curfew"]["start_time"]) == ("EM_ORDER_VARIATION", "20:00")


def test_removing_the_electronic_monitoring_revokes_the_order(court, outcomes):
    case, hearing = court.case_with_hearing()
    defendant = case.defendants[0]
    court.draft_and_share(hearing.id, (defendant.id, outcomes.conditional_bail_with_curfew()))
    court.later(hours=1)

    court.draft_and_share(hearing.id, (defendant.id, outcomes.conditional_bail_with_curfew(electronically_monitored=False)))

    assert [o.kind for o in court.orders(defendant.id)] == ["NEW", "REVOCATION"]


def test_an_unchanged_em_requirement_gets_no_new_order_when_another_defendant_is_amended(court, outcomes, two_defendants):
    case, hearing = two_defendants
    tagged, other = case.defendants
    court.draft_and_share(hearing.id, (tagged.id, outcomes.conditional_bail_with_curfew()),
                          (other.id, outcomes.unconditional_bail()))
    court.later(hours=1)

    _shared, created, notifications = court.draft_and_share(hearing.id, (other.id, outcomes.remanded_in_custody()))

    assert created == []
    assert [o.kind for o in court.orders(tagged.id)] == ["NEW"]
    assert court.orders(other.id) == []
    assert [(n.agency, n.defendant_id) for n in notifications] == [("prison", other.id)]


def test_redrafting_the_tagged_defendant_unchanged_beside_an_amendment_sends_nothing_for_them(court, outcomes, two_defendants):
    case, hearing = two_defendants
    tagged, other = case.defendants
    court.draft_and_share(hearing.id, (tagged.id, outcomes.conditional_bail_with_curfew()),
                          (other.id, outcomes.unconditional_bail()))
    court.later(hours=1)

    court.draft_and_share(hearing.id, (tagged.id, outcomes.conditional_bail_with_curfew()),
                          (other.id, outcomes.remanded_in_custody()))

    assert [o.kind for o in court.orders(tagged.id)] == ["NEW"]
    assert len(court.notifications(defendant_id=tagged.id)) == 1


def test_the_latest_shared_result_wins_across_hearings(court, outcomes):
    case, first_appearance = court.case_with_hearing()
    defendant = case.defendants[0]
    court.draft_and_share(first_appearance.id, (defendant.id, outcomes.conditional_bail_with_curfew()))
    court.later(hours=24 * 14)
    next_hearing = court.list_hearing(case.urn, starts_at=datetime(2026, 7, 28, 10, 0, tzinfo=LONDON), type="MENTION")

    _shared, created, _notifications = court.draft_and_share(
        next_hearing.id, (defendant.id, outcomes.remanded_in_custody() | {"next_hearing": {"date": "2026-08-11"}}))

    assert [(o.kind, o.hearing_id) for o in court.orders(defendant.id)] == [
        ("NEW", first_appearance.id), ("REVOCATION", next_hearing.id)]
    assert [o.kind for o in created] == ["REVOCATION"]
    assert court.hearing(next_hearing.id).state == "RESULTED"
    assert court.hearing(first_appearance.id).state == "RESULTED"
