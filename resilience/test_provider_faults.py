"""The EM provider misbehaving: down (503), slower than the platform waits (2 s), hanging, refusing
connections, rejecting an order, and losing its answer after recording the order. Each time the order is
retried or put on the work queue as the rules say, never dropped silently, and the provider ends up with it
exactly once (the idempotency key makes a retry after a lost answer harmless).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import date

import pytest

from resilience.court import Court, Prepared, ShareAttempt
from resilience.evidence import Evidence
from resilience.observe import drain, observe
from resilience.processes import Stack
from resilience.reconcile import Figures, reconcile

CENTRE = "MAG02"  # away from the other scenarios' hearings
SETTLE_WITHIN_S = 45.0


@pytest.fixture(autouse=True)
def no_fault_left_behind(court: Court) -> Iterator[None]:
    quiet(court)
    yield
    court.clear_faults()


def quiet(court: Court, within_s: float = 30.0) -> None:
    """Wait until no order anywhere is still on its way, so a counted fault hits this scenario's order."""
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        if not any(o["status"] in ("PENDING", "SENT") for c in ("MAG01", "MAG02", "CRN01") for o in court.all_orders(c)):
            return
        time.sleep(0.5)


def the_message(court: Court, prepared: Prepared) -> dict:
    return next(n for n in court.notifications_of(prepared.urn, CENTRE) if n["agency"] == "em-provider")


def the_order(court: Court, prepared: Prepared) -> dict:
    return court.orders_of(prepared.urn, CENTRE)[0]


def eventually(what: str, check: Callable[[], object], within_s: float = SETTLE_WITHIN_S, every_s: float = 0.3):
    deadline = time.monotonic() + within_s
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {within_s:g} s: {what}")
        time.sleep(every_s)


def share_one(court: Court, today: date) -> tuple[Prepared, ShareAttempt]:
    prepared = court.prepare(today, CENTRE)
    attempt = court.share(prepared)
    assert attempt.answer == "ok", attempt
    return prepared, attempt


def settle_and_reconcile(court: Court, evidence: Evidence, name: str, prepared: Prepared, attempt: ShareAttempt,
                         began: float, **figures) -> Figures:
    drain(court, [prepared], SETTLE_WITHIN_S)
    result = reconcile(observe(court, [prepared], [attempt]), court.ledger())
    message = the_message(court, prepared)
    evidence.scenario(name, reconciliation=result, attempts=message["attempts"], last_error=message["last_error"],
                      order_status=the_order(court, prepared)["status"], seconds=round(time.monotonic() - began, 1),
                      **figures)
    assert result.missing == 0 and result.duplicates == 0 and result.half_written == 0, result.problems
    assert result.unacknowledged == 0, f"the order is {the_order(court, prepared)['status']}, not acknowledged"
    return result


@pytest.mark.scenario("outage")
def test_an_outage_is_retried_with_back_off_and_the_order_arrives_once(court: Court, today: date, evidence: Evidence):
    began = time.monotonic()
    court.fault(mode="outage", status=503, seconds=6)  # long enough that a busy runner still meets it twice
    prepared, attempt = share_one(court, today)
    retried = eventually("the message is retried during the outage",
                         lambda: (m := the_message(court, prepared))["attempts"] >= 2 and m)
    assert "503" in (retried["last_error"] or ""), retried
    assert the_order(court, prepared)["status"] == "PENDING"
    settle_and_reconcile(court, evidence, "outage", prepared, attempt, began)


@pytest.mark.scenario("long_outage")
def test_a_message_failing_five_times_is_on_the_work_queue_and_still_retried(court: Court, today: date,
                                                                             evidence: Evidence):
    began = time.monotonic()
    court.fault(mode="outage", status=503)
    prepared, attempt = share_one(court, today)
    eventually("five delivery attempts", lambda: the_message(court, prepared)["attempts"] >= 5, within_s=60)
    queue = court.work_queue(CENTRE)
    mine = [i for i in queue if i["urn"] == prepared.urn]
    assert mine, f"an order whose message failed 5 times is on no work queue: {queue}"
    attempts_then = the_message(court, prepared)["attempts"]
    eventually("still retried", lambda: the_message(court, prepared)["attempts"] > attempts_then, within_s=20)
    court.clear_faults()
    settle_and_reconcile(court, evidence, "long_outage", prepared, attempt, began,
                         work_queue_kinds=sorted({i["kind"] for i in mine}))
    assert not [i for i in court.work_queue(CENTRE) if i["urn"] == prepared.urn], "still on the work queue once delivered"


@pytest.mark.full
@pytest.mark.scenario("hang")
def test_a_provider_that_hangs_past_the_time_out_is_retried_and_gets_the_order_once(court: Court, today: date,
                                                                                    evidence: Evidence):
    began = time.monotonic()
    court.fault(mode="timeout", hang_seconds=3, seconds=2.5)
    prepared, attempt = share_one(court, today)
    unknown = eventually("the order is marked sent with its answer unknown",
                         lambda: the_order(court, prepared)["status"] in ("SENT", "ACKNOWLEDGED")
                         and the_message(court, prepared))
    settle_and_reconcile(court, evidence, "hang", prepared, attempt, began, first_error=unknown["last_error"])


@pytest.mark.full
@pytest.mark.scenario("slow_beyond_time_out")
def test_a_provider_slower_than_the_time_out_records_the_order_once_despite_the_retry(court: Court, today: date,
                                                                                     evidence: Evidence):
    """The provider records the order after the platform stopped waiting: the retry must be a replay."""
    began = time.monotonic()
    court.fault(mode="latency", ms=2500, seconds=3)
    prepared, attempt = share_one(court, today)
    result = settle_and_reconcile(court, evidence, "slow_beyond_time_out", prepared, attempt, began)
    assert the_message(court, prepared)["attempts"] >= 2, "the platform should have timed out at least once"
    assert result.orders_delivered == 1


@pytest.mark.full
@pytest.mark.scenario("connection_refused")
def test_a_provider_that_is_down_is_retried_until_it_is_back(stack: Stack, court: Court, today: date,
                                                             evidence: Evidence):
    began = time.monotonic()
    stack.provider.stop()
    try:
        prepared = court.prepare(today, CENTRE)
        attempt = court.share(prepared)
        assert attempt.answer == "ok", attempt
        refused = eventually("the refused connection is recorded and retried",
                             lambda: (m := the_message(court, prepared))["attempts"] >= 2 and m)
        assert refused["last_error"] and "connect" in refused["last_error"], refused
    finally:
        stack.provider.start()
    settle_and_reconcile(court, evidence, "connection_refused", prepared, attempt, began)


@pytest.mark.scenario("rejection")
def test_a_rejected_order_is_on_the_work_queue_and_once_re_sent_arrives_once(court: Court, today: date,
                                                                            evidence: Evidence):
    began = time.monotonic()
    court.fault(mode="reject", count=1, target="orders")
    prepared, attempt = share_one(court, today)
    rejected = eventually("the order is rejected", lambda: the_order(court, prepared)["status"] == "REJECTED"
                          and the_order(court, prepared))
    queue = [i for i in court.work_queue(CENTRE) if i.get("em_order_id") == rejected["id"]]
    assert [i["kind"] for i in queue] == ["EM_ORDER_REJECTED"], queue
    assert not [o for o in court.ledger() if str(o["platform_order_id"]) == str(rejected["id"])]
    court.ok(f"admin@{CENTRE}", "POST", f"/api/v1/em-orders/{rejected['id']}/resend")
    settle_and_reconcile(court, evidence, "rejection", prepared, attempt, began, work_queue_kinds=["EM_ORDER_REJECTED"])
    assert not [i for i in court.work_queue(CENTRE) if i.get("em_order_id") == rejected["id"]]


@pytest.mark.scenario("lost_response")
def test_an_order_whose_answer_is_lost_is_retried_and_recorded_once(court: Court, today: date, evidence: Evidence):
    began = time.monotonic()
    court.fault(mode="lose-response", count=1, target="orders")
    prepared, attempt = share_one(court, today)
    result = settle_and_reconcile(court, evidence, "lost_response", prepared, attempt, began)
    assert the_message(court, prepared)["attempts"] >= 2, "the lost answer should have caused a retry"
    assert result.orders_delivered == 1
