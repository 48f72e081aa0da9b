"""The control API: present only in test mode, validates what it is given, lists, clears and resets."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

Builder = Callable[..., dict[str, Any]]

CONTROL_CALLS = [
    ("POST", "/__control/faults"),
    ("GET", "/__control/faults"),
    ("DELETE", "/__control/faults"),
    ("POST", "/__control/reset"),
]


@pytest.mark.parametrize(("method", "path"), CONTROL_CALLS)
def test_the_control_api_does_not_exist_outside_test_mode(live_provider: TestClient, method: str, path: str):
    response = live_provider.request(method, path, json={"mode": "outage", "status": 503})

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


def test_the_control_api_is_not_in_the_openapi_document(provider: TestClient):
    paths = provider.get("/openapi.json").json()["paths"]

    assert "/orders" in paths
    assert not [path for path in paths if path.startswith("/__control")]


def test_active_faults_are_listed_and_cleared(provider: TestClient):
    provider.post("/__control/faults", json={"mode": "outage", "status": 503, "seconds": 60})
    provider.post("/__control/faults", json={"mode": "reject", "count": 2, "target": "prison"})

    listed = provider.get("/__control/faults").json()
    cleared = provider.delete("/__control/faults")

    assert [(item["mode"], item["target"]) for item in listed["items"]] == [
        ("outage", "all"),
        ("reject", "prison"),
    ]
    assert 0 < listed["items"][0]["seconds_remaining"] <= 60
    assert listed["items"][1]["count_remaining"] == 2
    assert cleared.status_code == 204
    assert provider.get("/__control/faults").json() == {"items": [], "total": 0}


@pytest.mark.parametrize(
    "fault",
    [
        pytest.param({"mode": "flood"}, id="an unknown mode"),
        pytest.param({"status": 503}, id="no mode"),
        pytest.param({"mode": "latency"}, id="latency without ms"),
        pytest.param({"mode": "outage", "status": 200}, id="an outage that succeeds"),
        pytest.param({"mode": "outage", "seconds": -1}, id="negative seconds"),
        pytest.param({"mode": "outage", "secs": 5}, id="a misspelt field"),
        pytest.param({"mode": "reject", "count": 0}, id="no rejections"),
        pytest.param({"mode": "timeout", "target": "police"}, id="an unknown target"),
        pytest.param([], id="not an object"),
    ],
)
def test_a_malformed_fault_is_unprocessable(provider: TestClient, fault: Any):
    response = provider.post("/__control/faults", json=fault)

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"]


def test_a_fault_that_is_not_json_is_unprocessable(provider: TestClient):
    response = provider.post("/__control/faults", content=b"{mode:", headers={"Content-Type": "application/json"})

    assert response.status_code == 422


def test_a_reset_empties_the_ledger_and_clears_faults(provider: TestClient, an_order: Builder, a_notification: Builder):
    provider.post("/orders", json=an_order(), headers={"Idempotency-Key": "a"})
    provider.post("/agencies/prison/notifications", json=a_notification(), headers={"Idempotency-Key": "b"})
    provider.post("/__control/faults", json={"mode": "latency", "ms": 100})

    response = provider.post("/__control/reset")

    assert response.status_code == 204
    assert provider.get("/orders").json() == {"items": [], "total": 0}
    assert provider.get("/agencies/prison/notifications").json() == {"items": [], "total": 0}
    assert provider.get("/__control/faults").json()["total"] == 0
