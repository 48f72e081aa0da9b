"""Injected faults: what each one does to orders and notifications, and what it leaves alone."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from reference_system.em_provider.faults import Fault, FaultInjector

Builder = Callable[..., dict[str, Any]]


def inject(provider: TestClient, **fault: Any) -> None:
    response = provider.post("/__control/faults", json=fault)
    assert response.status_code == 201, response.text


def send(provider: TestClient, order: dict[str, Any], key: str = "order-101-1"):
    return provider.post("/orders", json=order, headers={"Idempotency-Key": key})


def recorded_orders(provider: TestClient) -> int:
    return provider.get("/orders").json()["total"]


def test_an_outage_answers_with_its_status_and_then_recovers(provider: TestClient, an_order: Builder):
    inject(provider, mode="outage", status=502, seconds=0.3)

    during = send(provider, an_order())
    time.sleep(0.35)
    after = send(provider, an_order())

    assert during.status_code == 502
    assert during.headers["content-type"] == "application/problem+json"
    assert after.status_code == 201
    assert recorded_orders(provider) == 1


def test_an_outage_without_seconds_lasts_until_cleared(provider: TestClient, an_order: Builder):
    inject(provider, mode="outage", status=503)
    assert send(provider, an_order()).status_code == 503

    provider.delete("/__control/faults")

    assert send(provider, an_order()).status_code == 201


def test_latency_delays_the_answer_but_the_order_is_recorded(provider: TestClient, an_order: Builder):
    inject(provider, mode="latency", ms=250, seconds=5)

    started = time.monotonic()
    response = send(provider, an_order())

    assert time.monotonic() - started >= 0.25
    assert response.status_code == 201
    assert recorded_orders(provider) == 1


def test_a_time_out_hangs_and_records_nothing(provider: TestClient, an_order: Builder):
    inject(provider, mode="timeout", seconds=5, hang_seconds=0.3)

    started = time.monotonic()
    response = send(provider, an_order())

    assert time.monotonic() - started >= 0.3
    assert response.status_code == 504
    assert recorded_orders(provider) == 0


def test_rejections_are_counted_down_and_record_nothing(provider: TestClient, an_order: Builder):
    inject(provider, mode="reject", count=2)

    answers = [send(provider, an_order(), key=f"key-{n}") for n in range(3)]

    assert [answer.status_code for answer in answers] == [422, 422, 201]
    assert answers[0].json()["detail"] == "rejected by provider"
    assert recorded_orders(provider) == 1


def test_a_malformed_order_does_not_use_up_a_rejection(provider: TestClient, an_order: Builder):
    inject(provider, mode="reject", count=1)

    send(provider, an_order(kind="UNKNOWN"))

    assert send(provider, an_order()).json()["detail"] == "rejected by provider"


def test_a_lost_response_is_recorded_so_a_retry_is_a_replay(provider: TestClient, an_order: Builder):
    inject(provider, mode="lose-response", count=1)

    lost = send(provider, an_order())
    retry = send(provider, an_order())

    assert lost.status_code == 503
    assert retry.status_code == 200
    assert recorded_orders(provider) == 1


def test_faults_leave_reads_and_health_checks_alone(provider: TestClient):
    inject(provider, mode="outage", status=503)
    inject(provider, mode="latency", ms=2000)

    started = time.monotonic()
    answers = [provider.get(path) for path in ("/health", "/orders", "/agencies/prison/notifications")]

    assert [answer.status_code for answer in answers] == [200, 200, 200]
    assert time.monotonic() - started < 1


@pytest.mark.parametrize(("target", "prison", "orders"), [("prison", 503, 201), ("orders", 201, 503)])
def test_a_fault_can_be_aimed_at_one_channel(
    provider: TestClient, an_order: Builder, a_notification: Builder, target: str, prison: int, orders: int
):
    inject(provider, mode="outage", status=503, target=target)

    to_prison = provider.post("/agencies/prison/notifications", json=a_notification(), headers={"Idempotency-Key": "k"})

    assert (to_prison.status_code, send(provider, an_order()).status_code) == (prison, orders)


def test_an_agency_outage_applies_to_notifications(provider: TestClient, a_notification: Builder):
    inject(provider, mode="outage", status=500, target="notifications")

    response = provider.post(
        "/agencies/probation/notifications", json=a_notification(), headers={"Idempotency-Key": "k"}
    )

    assert response.status_code == 500


def test_a_timed_fault_ends_when_its_seconds_are_up():
    now = [100.0]
    faults = FaultInjector(clock=lambda: now[0])
    faults.add(Fault(mode="outage", status=503), seconds=5)

    assert faults.outage_status("orders") == 503
    now[0] = 105.0
    assert faults.outage_status("orders") is None
    assert faults.active() == []


def test_a_new_fault_replaces_one_of_the_same_mode_and_target():
    faults = FaultInjector()
    faults.add(Fault(mode="latency", ms=100))
    faults.add(Fault(mode="latency", ms=900))

    assert faults.latency_ms("orders") == 900
    assert len(faults.active()) == 1
