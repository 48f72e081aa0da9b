"""EM orders over HTTP: receipt, idempotent replays, refusals of malformed orders, and the ledger listing."""

from __future__ import annotations

import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from fastapi.testclient import TestClient

Builder = Callable[..., dict[str, Any]]


def send(provider: TestClient, order: dict[str, Any], key: str | None = "order-101-1"):
    headers = {} if key is None else {"Idempotency-Key": key}
    return provider.post("/orders", json=order, headers=headers)


def test_a_new_order_is_acknowledged_with_a_provider_reference(provider: TestClient, an_order: Builder):
    response = send(provider, an_order())

    assert response.status_code == 201
    receipt = response.json()
    assert re.fullmatch(r"EMS-\d{6}", receipt["provider_ref"])
    assert receipt["received_at"].endswith("+00:00")
    [recorded] = provider.get("/orders").json()["items"]
    assert recorded == {
        "provider_ref": receipt["provider_ref"],
        "platform_order_id": 101,
        "kind": "NEW",
        "idempotency_key": "order-101-1",
        "received_at": receipt["received_at"],
        "urn": "01AB1234526",
        "court_centre": "MAG01",
    }


def test_a_replayed_order_returns_the_same_reference(provider: TestClient, an_order: Builder):
    first = send(provider, an_order())
    replay = send(provider, an_order())

    assert (first.status_code, replay.status_code) == (201, 200)
    assert replay.json() == first.json()
    assert provider.get("/orders").json()["total"] == 1


def test_concurrent_replays_of_one_order_leave_one_row(provider: TestClient, an_order: Builder):
    with ThreadPoolExecutor(max_workers=16) as pool:
        responses = list(pool.map(lambda _: send(provider, an_order()), range(32)))

    assert sorted(response.status_code for response in responses) == [200] * 31 + [201]
    assert len({response.json()["provider_ref"] for response in responses}) == 1
    assert provider.get("/orders").json()["total"] == 1


def test_orders_with_different_keys_get_different_references(provider: TestClient, an_order: Builder):
    first = send(provider, an_order(), key="order-101-1").json()
    second = send(provider, an_order(platform_order_id=102), key="order-102-1").json()

    assert first["provider_ref"] != second["provider_ref"]


def test_an_order_without_an_idempotency_key_is_refused(provider: TestClient, an_order: Builder):
    response = send(provider, an_order(), key=None)

    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"] == [{"field": "Idempotency-Key", "message": "is required"}]
    assert provider.get("/orders").json()["total"] == 0


def test_an_order_without_a_platform_order_id_is_unprocessable(provider: TestClient, an_order: Builder):
    order = an_order()
    del order["platform_order_id"]

    response = send(provider, order)

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert (problem["status"], problem["title"]) == (422, "Unprocessable Entity")
    assert [error["field"] for error in problem["errors"]] == ["platform_order_id"]


def test_an_order_of_an_unknown_kind_is_unprocessable(provider: TestClient, an_order: Builder):
    response = send(provider, an_order(kind="SUSPENSION"))

    assert response.status_code == 422
    assert [error["field"] for error in response.json()["errors"]] == ["kind"]


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(b"{not json", id="not JSON"),
        pytest.param(b"", id="empty"),
        pytest.param(b"[]", id="a list"),
        pytest.param(b'{"platform_order_id": NaN}', id="NaN"),
        pytest.param(b'{"platform_order_id": 1e400}', id="an infinite number"),
        pytest.param(b'{"urn": "\\ud800"}', id="a lone surrogate"),
        pytest.param(b"\xff\xfe\x00", id="not UTF-8"),
        pytest.param(b"[" * 100_000, id="nested too deep"),
    ],
)
def test_a_malformed_body_is_unprocessable_not_a_server_error(provider: TestClient, body: bytes):
    response = provider.post(
        "/orders", content=body, headers={"Idempotency-Key": "k", "Content-Type": "application/json"}
    )

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


def test_an_oversized_platform_order_id_is_unprocessable(provider: TestClient, an_order: Builder):
    response = send(provider, an_order(platform_order_id=2**70))

    assert response.status_code == 422


def test_fields_beyond_the_contract_are_kept_with_the_order(provider: TestClient, an_order: Builder):
    order = an_order(defendant_id=5, exclusion_zone={"description": "Northgate town centre"})
    provider_ref = send(provider, order).json()["provider_ref"]

    recorded = provider.get(f"/orders/{provider_ref}").json()

    assert recorded["payload"] == order


def test_an_unknown_provider_reference_is_not_found(provider: TestClient):
    response = provider.get("/orders/EMS-999999")

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


def test_orders_are_listed_in_order_of_receipt_and_can_be_filtered(provider: TestClient, an_order: Builder):
    send(provider, an_order(platform_order_id=1, urn="URN1"), key="a")
    send(provider, an_order(platform_order_id=2, urn="URN2"), key="b")
    send(provider, an_order(platform_order_id=3, urn="URN1", kind="REVOCATION"), key="c")

    everything = provider.get("/orders").json()
    of_urn1 = provider.get("/orders", params={"urn": "URN1"}).json()
    of_order2 = provider.get("/orders", params={"platform_order_id": "2"}).json()

    assert [item["platform_order_id"] for item in everything["items"]] == [1, 2, 3]
    assert everything["total"] == 3
    assert [item["idempotency_key"] for item in of_urn1["items"]] == ["a", "c"]
    assert [item["urn"] for item in of_order2["items"]] == ["URN2"]


def test_the_provider_answers_health_checks(provider: TestClient):
    assert provider.get("/health").json() == {"status": "ok"}
