"""Notifications to the prison and probation services: recorded once per key, listed per agency."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

Builder = Callable[..., dict[str, Any]]


def notify(provider: TestClient, agency: str, body: dict[str, Any], key: str | None = "notification-7-1"):
    headers = {} if key is None else {"Idempotency-Key": key}
    return provider.post(f"/agencies/{agency}/notifications", json=body, headers=headers)


@pytest.mark.parametrize("agency", ["prison", "probation"])
def test_a_notification_to_an_agency_is_recorded_and_listed(provider: TestClient, a_notification: Builder, agency: str):
    response = notify(provider, agency, a_notification(hearing_id=3))

    assert response.status_code == 201
    receipt = response.json()
    listing = provider.get(f"/agencies/{agency}/notifications").json()
    assert listing == {
        "items": [
            {
                "reference": receipt["reference"],
                "notification_id": 7,
                "kind": "REMANDED_IN_CUSTODY",
                "urn": "01AB1234526",
                "idempotency_key": "notification-7-1",
                "received_at": receipt["received_at"],
            }
        ],
        "total": 1,
    }
    detail = provider.get(f"/agencies/{agency}/notifications/{receipt['reference']}").json()
    assert detail["payload"]["hearing_id"] == 3


def test_a_replayed_notification_returns_the_same_reference(provider: TestClient, a_notification: Builder):
    first = notify(provider, "prison", a_notification())
    replay = notify(provider, "prison", a_notification())

    assert (first.status_code, replay.status_code) == (201, 200)
    assert replay.json() == first.json()
    assert provider.get("/agencies/prison/notifications").json()["total"] == 1


def test_one_agency_does_not_see_another_agencys_notifications(provider: TestClient, a_notification: Builder):
    notify(provider, "prison", a_notification())

    assert provider.get("/agencies/probation/notifications").json() == {"items": [], "total": 0}


def test_notifications_can_be_filtered_by_urn(provider: TestClient, a_notification: Builder):
    notify(provider, "probation", a_notification(urn="URN1"), key="a")
    notify(provider, "probation", a_notification(urn="URN2"), key="b")

    listing = provider.get("/agencies/probation/notifications", params={"urn": "URN2"}).json()

    assert [item["idempotency_key"] for item in listing["items"]] == ["b"]


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_an_unknown_agency_is_not_found(provider: TestClient, a_notification: Builder, method: str):
    response = provider.request(
        method, "/agencies/police/notifications", json=a_notification(), headers={"Idempotency-Key": "k"}
    )

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


def test_a_notification_without_an_idempotency_key_is_refused(provider: TestClient, a_notification: Builder):
    response = notify(provider, "prison", a_notification(), key=None)

    assert response.status_code == 400
    assert provider.get("/agencies/prison/notifications").json()["total"] == 0


@pytest.mark.parametrize("missing", ["notification_id", "kind", "urn"])
def test_a_notification_missing_a_required_field_is_unprocessable(
    provider: TestClient, a_notification: Builder, missing: str
):
    notification = a_notification()
    del notification[missing]

    response = notify(provider, "prison", notification)

    assert response.status_code == 422
    assert [error["field"] for error in response.json()["errors"]] == [missing]
