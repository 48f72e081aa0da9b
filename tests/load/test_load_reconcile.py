"""Reconciliation: the platform's EM orders and notifications against fake provider ledgers."""

from __future__ import annotations

import pytest

from load.reconcile import compare_notifications, compare_orders, delivery_seconds, quantile, verdict, wait_for_drain


def order(order_id, status="ACKNOWLEDGED", created="2026-11-27T16:30:00+00:00", acknowledged="2026-11-27T16:30:01.5+00:00"):
    return {"id": order_id, "urn": "RUNAB100001", "kind": "NEW", "status": status, "created_at": created,
            "acknowledged_at": acknowledged if status == "ACKNOWLEDGED" else None}


def receipt(order_id, key=None, received="2026-11-27T16:30:01+00:00"):
    return {"platform_order_id": order_id, "kind": "NEW", "idempotency_key": key or f"key-{order_id}",
            "received_at": received, "urn": "RUNAB100001"}


def test_every_order_received_once_and_acknowledged_is_a_perfect_reconciliation():
    figures = compare_orders([order(1), order(2)], [receipt(1), receipt(2)])
    assert (figures["recorded"], figures["received"], figures["missing"], figures["duplicates"]) == (2, 2, 0, 0)
    assert figures["unacknowledged"] == figures["unexpected"] == 0
    assert figures["p95_delivery_s"] == pytest.approx(1.5)


def test_an_order_the_provider_never_received_is_missing():
    figures = compare_orders([order(1), order(2, status="PENDING")], [receipt(1)])
    assert figures["missing"] == 1 and figures["missing_ids"] == [2]
    assert figures["unacknowledged"] == 1


def test_a_retry_without_its_idempotency_key_is_a_duplicate():
    figures = compare_orders([order(1)], [receipt(1, "key-a"), receipt(1, "key-b"), receipt(1, "key-c")])
    assert figures["duplicates"] == 2 and figures["duplicate_ids"] == [1]
    assert figures["received"] == 3


def test_an_order_at_the_provider_that_the_platform_did_not_record_is_unexpected():
    figures = compare_orders([order(1)], [receipt(1), receipt(99)])
    assert figures["unexpected"] == 1 and figures["unexpected_ids"] == ["99"]


def test_ids_match_whether_the_ledger_keeps_them_as_numbers_or_text():
    assert compare_orders([order(7)], [receipt("7")])["missing"] == 0


def test_delivery_is_measured_on_the_platform_clock_or_else_by_the_provider_receipt():
    assert delivery_seconds(order(1), None) == pytest.approx(1.5)
    assert delivery_seconds(order(1, status="SENT"), "2026-11-27T16:30:04+00:00") == pytest.approx(4.0)
    assert delivery_seconds(order(1, status="PENDING"), None) is None


def test_delivery_percentiles_are_nearest_rank():
    assert quantile([1.0, 2.0, 3.0, 4.0], 0.5) == 2.0
    assert quantile([float(n) for n in range(1, 101)], 0.95) == 95.0
    assert quantile([], 0.95) is None


def test_agency_notifications_are_reconciled_by_agency():
    platform = [{"id": 1, "agency": "prison", "status": "SENT"}, {"id": 2, "agency": "probation", "status": "PENDING"},
                {"id": 3, "agency": "em-provider", "status": "SENT"}]
    ledgers = {"prison": [{"notification_id": 1}, {"notification_id": 1}], "probation": []}
    figures = compare_notifications(platform, ledgers)
    assert (figures["recorded"], figures["missing"], figures["duplicates"], figures["unsent"]) == (2, 1, 1, 1)


def test_the_verdict_names_every_discrepancy_and_is_empty_when_perfect():
    perfect_orders = compare_orders([order(1)], [receipt(1)])
    perfect_notes = compare_notifications([], {"prison": [], "probation": []})
    assert verdict(perfect_orders, perfect_notes, drained=True) == []
    problems = verdict(compare_orders([order(1)], []), perfect_notes, drained=False)
    assert "1 EM orders never reached the provider" in problems
    assert "the notifications outbox did not drain within the bound" in problems


def test_a_run_without_any_em_order_is_not_evidence():
    empty = compare_orders([], [])
    problems = verdict(empty, compare_notifications([], {}), drained=True)
    assert problems and "nothing to reconcile" in problems[0]


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.now += seconds


def test_the_outbox_drain_is_timed_and_its_deepest_backlog_kept():
    depths = iter([40.0, 12.0, None, 3.0, 0.0])
    clock = FakeClock()
    drained, seconds, peak = wait_for_drain(lambda: next(depths), 10, poll_s=0.5, clock=clock, sleep=clock.sleep)
    assert (drained, seconds, peak) == (True, 2.0, 40.0)


def test_an_outbox_that_does_not_drain_in_time_is_reported_as_such():
    clock = FakeClock()
    drained, seconds, peak = wait_for_drain(lambda: 5.0, 3, poll_s=1.0, clock=clock, sleep=clock.sleep)
    assert (drained, seconds, peak) == (False, 3.0, 5.0)
