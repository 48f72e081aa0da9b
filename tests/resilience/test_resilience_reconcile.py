"""Reconciliation of shares, platform records and the provider's ledger: complete, absent, half-written."""

from __future__ import annotations

from resilience.reconcile import ABSENT, COMPLETE, HALF, Figures, Observed, completeness, percentile, reconcile


def seen(hearing_id=1, state="RESULTED", result="SHARED", orders=None, messages=None, answers=("ok",), ok=(10,)):
    orders = [{"id": 10, "hearing_id": hearing_id, "status": "ACKNOWLEDGED", "created_at": "2026-11-27T10:00:00+00:00"}] \
        if orders is None else orders
    messages = [{"hearing_id": hearing_id, "agency": "em-provider", "em_order_id": 10}] if messages is None else messages
    return Observed(hearing_id, "T1", state, result, orders, messages, list(answers), list(ok))


def received(order_id=10, at="2026-11-27T10:00:02+00:00", key="k1"):
    return {"platform_order_id": order_id, "received_at": at, "idempotency_key": key}


def test_a_share_with_its_result_order_and_message_is_complete():
    assert completeness(seen()) == COMPLETE


def test_a_share_with_nothing_written_is_absent():
    assert completeness(seen(state="LISTED", result="DRAFT", orders=[], messages=[])) == ABSENT


def test_a_shared_result_without_its_order_or_its_message_is_half_written():
    assert completeness(seen(orders=[], messages=[])) == HALF
    assert completeness(seen(messages=[])) == HALF
    assert completeness(seen(state="LISTED", result="DRAFT")) == HALF


def test_every_order_delivered_once_reconciles_clean_with_its_delivery_time():
    figures = reconcile([seen()], [received()])
    assert (figures.orders_shared, figures.orders_recorded, figures.orders_delivered) == (1, 1, 1)
    assert (figures.missing, figures.duplicates, figures.half_written) == (0, 0, 0)
    assert figures.p95_delivery_s == 2.0


def test_an_order_the_provider_never_received_is_missing():
    figures = reconcile([seen()], [])
    assert figures.missing == 1 and figures.orders_delivered == 0 and figures.problems


def test_an_order_received_twice_is_a_duplicate_and_one_confirmed_but_not_recorded_is_missing():
    assert reconcile([seen()], [received(key="k1"), received(key="k2")]).duplicates == 1
    assert reconcile([seen(orders=[], messages=[], ok=(10,))], []).missing == 1


def test_an_unanswered_share_may_be_absent_but_a_confirmed_one_may_not():
    unanswered = reconcile([seen(state="LISTED", result="DRAFT", orders=[], messages=[], answers=("no-answer",), ok=())], [])
    assert unanswered.half_written == 0 and unanswered.shares_unanswered == 1
    confirmed = reconcile([seen(state="LISTED", result="DRAFT", orders=[], messages=[], ok=())], [])
    assert confirmed.half_written == 1


def test_two_orders_for_one_hearing_are_a_duplicate_on_the_platform():
    orders = [{"id": 10, "hearing_id": 1, "status": "ACKNOWLEDGED"}, {"id": 11, "hearing_id": 1, "status": "ACKNOWLEDGED"}]
    figures = reconcile([seen(orders=orders)], [received(10), received(11, key="k2")])
    assert figures.duplicates == 1


def test_figures_add_up_and_delivery_times_are_over_both_scenarios_orders():
    total = Figures(orders_shared=2, missing=1, delays=[1.0] * 19).add(Figures(orders_shared=3, delays=[4.0]))
    assert (total.orders_shared, total.missing) == (5, 1)
    assert (total.p50_delivery_s, total.p95_delivery_s, total.max_delivery_s) == (1.0, 1.0, 4.0)


def test_the_nearest_rank_percentile():
    assert percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95) == 10
    assert percentile([], 95) is None
