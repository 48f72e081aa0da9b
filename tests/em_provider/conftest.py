"""Fixtures for the stand-in provider's tests: a provider on a fresh ledger, and message builders."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from reference_system.em_provider.app import create_app

Builder = Callable[..., dict[str, Any]]


@pytest.fixture
def ledger_path(tmp_path: Path) -> str:
    return str(tmp_path / "ledger.db")


@pytest.fixture
def provider(ledger_path: str) -> Iterator[TestClient]:
    """The provider in test mode, with its control API."""
    with TestClient(create_app(ledger_path, test_mode=True)) as client:
        yield client


@pytest.fixture
def live_provider(ledger_path: str) -> Iterator[TestClient]:
    """The provider as it runs for real: no control API."""
    with TestClient(create_app(ledger_path, test_mode=False)) as client:
        yield client


@pytest.fixture
def an_order() -> Builder:
    """An EM order for a curfew on bail, as the platform sends it; keyword arguments replace fields."""

    def build(**fields: Any) -> dict[str, Any]:
        order = {
            "platform_order_id": 101,
            "kind": "NEW",
            "urn": "01AB1234526",
            "court_centre": "MAG01",
            "device_wearer": {
                "first_name": "Siân",
                "last_name": "O'Brien",
                "date_of_birth": "1990-04-01",
                "address": {"line1": "1 High Street", "postcode": "SW1A 1AA"},
            },
            "curfew": {"start_time": "19:00", "end_time": "07:00", "starts_at": "2026-11-27T19:00:00+00:00"},
            "exclusion_zone": None,
        }
        return order | fields

    return build


@pytest.fixture
def a_notification() -> Builder:
    """A notification to an agency that a defendant was remanded in custody."""

    def build(**fields: Any) -> dict[str, Any]:
        notification = {"notification_id": 7, "kind": "REMANDED_IN_CUSTODY", "urn": "01AB1234526"}
        return notification | fields

    return build
