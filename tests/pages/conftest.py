"""Fixtures for the page tests: the real app (API + pages) over a fresh SQLite database per test, a
TestClient, and a signed-in browser-like client per role. No provider runs (its URL is unreachable)."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pages_support import CHEAP_PASSWORD_HASH, PASSWORD, api_token, sign_in

from reference_system.adapters.clock import DatabaseClock
from reference_system.adapters.database import connect, migrate
from reference_system.platform import start_platform
from reference_system.seed import seed
from reference_system.settings import Settings
from reference_system.web.app import create_app


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Migrated and seeded once (centres, users, today's court day); each test copies it."""
    path = tmp_path_factory.mktemp("pages-template") / "platform.db"
    url = f"sqlite:///{path}"
    migrate(url)
    db = connect(url)
    seed(db, DatabaseClock(db), CHEAP_PASSWORD_HASH, court_day=True)
    db.engine.dispose()
    return path


@pytest.fixture
def app(seeded_template: Path, tmp_path: Path):
    path = tmp_path / "platform.db"
    shutil.copyfile(seeded_template, path)
    settings = Settings(test_mode=True, database_url=f"sqlite:///{path}", provider_url="http://127.0.0.1:9",
                        dispatcher_enabled=False, seed_password=PASSWORD)
    platform = start_platform(settings)
    yield create_app(settings, platform)
    platform.stop()


@pytest.fixture
def client(app) -> Iterator[TestClient]:
    with TestClient(app, base_url="http://testserver") as test_client:
        yield test_client


@pytest.fixture
def signed_in(client: TestClient) -> Callable[[str], TestClient]:
    """`signed_in("adviser@MAG01")` signs the client in and returns it."""
    def _sign_in(username: str) -> TestClient:
        response = sign_in(client, username)
        assert response.status_code == 303, response.text
        return client
    return _sign_in


@pytest.fixture
def todays_hearing(client: TestClient) -> dict:
    """The first of today's hearings at MAG01 whose case has one defendant, as the API reports it."""
    headers = api_token(client, "adviser@MAG01")
    hearings = client.get("/api/v1/hearings", headers=headers).json()["items"]
    return next(h for h in hearings if len(h["defendants"]) == 1)


