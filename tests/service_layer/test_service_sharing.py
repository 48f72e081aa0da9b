"""Sharing results: every EM order and agency notification is written in the same transaction as the share.

These are the rules the 2022 incident broke: a bailed defendant with an electronically monitored curfew must
always get an EM order, and it must be in the outbox before anyone is told the result was shared.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from reference_system.domain.calendar import LONDON
from reference_system.domain.errors import NothingToShare, StaleVersion
from reference_system.service_layer import audit


def test_sharing_bail_with_an_em_curfew_creates_one_new_order_and_its_outbox_row(court, outcomes):
    case, hearing = court.case_with_hearing()
    defendant = case.defendants[0]
    court.draft(hearing.id, defendant.id, outcomes.conditional_bail_with_curfew("19:00", "07:00"))

    shared, created_orders, created_notifications = court.share(hearing.id)

    [order] = court.orders()
    assert [o.id for o in created_orders] == [order.id]
    assert (order.kind, order.status, order.overdue, order.attempts) == ("NEW", "PENDING", False, 0)
    assert (order.urn, order.court_centre, order.defendant_id, order.hearing_id) == (
        case.urn, "MAG01", defendant.id, hearing.id)
    [outbox] = court.notifications()
    assert [n.id for n in created_notifications] == [outbox.id]
    assert (outbox.agency, outbox.kind, outbox.em_order_id, outbox.status) == (
        "em-provider", "EM_ORDER_NEW", order.id, "PENDING")
    assert outbox.idempotency_key
    assert outbox.payload["platform_order_id"] == order.id
    assert outbox.payload["curfew"]["start_time"] == "19:00"
    assert outbox.payload["device_wearer"]["last_name"] == "Adams"
    assert (shared.state, shared.version) == ("RESULTED", 3)


def test_the_orders_deadline_is_the_start_of_the_first_curfew_at_seven_in_the_evening_london_time(court, outcomes):
    case, hearing = court.case_with_hearing()

    court.draft_and_share(hearing.id, (case.defendants[0].id, outcomes.conditional_bail_with_curfew("19:00", "07:00")))

    [order] = court.orders()
    assert order.deadline == datetime(2026, 7, 14, 19, 0, tzinfo=LONDON)
    assert order.deadline == datetime(2026, 7, 14, 18, 0, tzinfo=UTC)


def test_a_share_that_fails_before_it_commits_leaves_no_order_no_outbox_row_and_no_shared_result(
        court, outcomes, monkeypatch):
    case, hearing = court.case_with_hearing()
    court.draft(hearing.id, case.defendants[0].id, outcomes.conditional_bail_with_curfew())

    def crash(*_args, **_kwargs):
        raise RuntimeError("the database went away before the commit")

    monkeypatch.setattr(audit, "record", crash)
    with pytest.raises(RuntimeError):
        court.share(hearing.id)

    assert court.orders() == []
    assert court.notifications() == []
    stored = court.hearing(hearing.id)
    assert (stored.state, stored.version) == ("LISTED", 2)
    assert (stored.results[0].status, stored.results[0].shared) == ("DRAFT", None)


def test_a_curfew_that_is_not_electronically_monitored_needs_no_em_order(court, outcomes):
    case, hearing = court.case_with_hearing()

    court.draft_and_share(hearing.id, (case.defendants[0].id,
                                       outcomes.conditional_bail_with_curfew(electronically_monitored=False)))

    assert court.orders() == []
    assert court.notifications() == []


def test_remand_in_custody_notifies_the_prison_and_needs_no_em_order(court, outcomes):
    case, hearing = court.case_with_hearing()
    defendant = case.defendants[0]

    court.draft_and_share(hearing.id, (defendant.id, outcomes.remanded_in_custody()))

    assert court.orders() == []
    [notification] = court.notifications()
    assert (notification.agency, notification.kind, notification.defendant_id, notification.em_order_id) == (
        "prison", "REMANDED_IN_CUSTODY", defendant.id, None)
    assert court.hearing(hearing.id).case.defendants[0].custody_status == "IN_CUSTODY"


def test_a_community_order_notifies_probation(court, outcomes):
    case, hearing = court.case_with_hearing()

    court.draft_and_share(hearing.id, (case.defendants[0].id, outcomes.community_order(months=12)))

    assert court.orders() == []
    assert [(n.agency, n.kind) for n in court.notifications()] == [("probation", "COMMUNITY_ORDER")]


def test_sharing_sets_each_defendants_custody_status(court, outcomes, new_case, new_defendant):
    case = court.create_case(new_case("01AB1234526", new_defendant("Siân", "Evans"), new_defendant("Aoife", "O'Brien")))
    hearing = court.list_hearing(case.urn)
    bailed, remanded = case.defendants

    court.draft_and_share(hearing.id, (bailed.id, outcomes.conditional_bail_with_curfew()),
                          (remanded.id, outcomes.remanded_in_custody()))

    statuses = {d.id: d.custody_status for d in court.hearing(hearing.id).case.defendants}
    assert statuses == {bailed.id: "CONDITIONAL_BAIL", remanded.id: "IN_CUSTODY"}


def test_sharing_again_with_nothing_changed_is_refused(court, outcomes):
    case, hearing = court.case_with_hearing()
    court.draft_and_share(hearing.id, (case.defendants[0].id, outcomes.conditional_bail_with_curfew()))

    with pytest.raises(NothingToShare):
        court.share(hearing.id)

    assert len(court.orders()) == 1
    assert len(court.notifications()) == 1
    assert court.hearing(hearing.id).state == "RESULTED"


def test_redrafting_the_same_result_leaves_nothing_to_share(court, outcomes):
    case, hearing = court.case_with_hearing()
    court.draft_and_share(hearing.id, (case.defendants[0].id, outcomes.conditional_bail_with_curfew()))
    court.draft(hearing.id, case.defendants[0].id, outcomes.conditional_bail_with_curfew())

    with pytest.raises(NothingToShare):
        court.share(hearing.id)

    assert len(court.orders()) == 1


def test_a_hearing_with_no_drafts_has_nothing_to_share(court):
    _case, hearing = court.case_with_hearing()

    with pytest.raises(NothingToShare):
        court.share(hearing.id)

    assert court.hearing(hearing.id).state == "LISTED"


def test_sharing_with_a_stale_version_is_refused_and_creates_nothing(court, outcomes):
    case, hearing = court.case_with_hearing()
    court.draft(hearing.id, case.defendants[0].id, outcomes.conditional_bail_with_curfew())

    with pytest.raises(StaleVersion):
        court.share(hearing.id, version=1)

    assert court.orders() == []
    assert court.notifications() == []
    assert court.hearing(hearing.id).results[0].status == "DRAFT"
