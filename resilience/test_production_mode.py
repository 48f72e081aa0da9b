"""A platform and provider started as a real deployment runs them (not in test mode): the test controls are
not there at all, passwords are stored as argon2 hashes, and signed-in tokens lapse."""

from __future__ import annotations

import sqlite3
import time

import httpx
import pytest

from resilience.access_matrix import ACTIONS, PRINCIPALS, expected
from resilience.conftest import PRODUCTION_PASSWORD, TOKEN_TTL_S
from resilience.evidence import Evidence
from resilience.http_sessions import api_token
from resilience.processes import Stack, is_postgres

TEST_CONTROLS = [a for a in ACTIONS if a.channel == "test-mode"]
PROVIDER_CONTROLS = [("GET", "/__control/faults"), ("POST", "/__control/faults"), ("DELETE", "/__control/faults"),
                     ("POST", "/__control/reset")]


@pytest.mark.scenario("production_mode")
def test_the_test_controls_do_not_exist_outside_test_mode_for_anyone(production_stack: Stack, evidence: Evidence):
    base = production_stack.platform.url
    tokens = {who: api_token(base, who.username, PRODUCTION_PASSWORD) for who in PRINCIPALS if who.role}
    bodies = {"POST /__test/clock": {"advance_seconds": 3600}, "POST /__test/reset": {},
              "POST /__test/history": {"court_centre": "MAG01", "cases": 10}}
    wrong = []
    for action in TEST_CONTROLS:
        for who in PRINCIPALS:
            headers = {"Authorization": f"Bearer {tokens[who]}"} if who.role else {}
            response = httpx.request(action.method, base + action.path, headers=headers,
                                     json=bodies.get(action.key), timeout=30)
            outcome = "hidden" if response.status_code == 404 else f"HTTP {response.status_code}"
            evidence.matrix_cell(action, who, expected(action, who), outcome, response.status_code)
            if outcome != "hidden":
                wrong.append(f"{who.label} {action.key} -> {response.status_code}")
    assert not wrong, wrong


@pytest.mark.scenario("production_mode")
@pytest.mark.parametrize(("method", "path"), PROVIDER_CONTROLS)
def test_the_providers_control_api_does_not_exist_outside_test_mode(production_stack: Stack, method: str, path: str):
    body = {"mode": "outage", "seconds": 60} if method == "POST" and path.endswith("faults") else None
    response = httpx.request(method, production_stack.provider.url + path, json=body, timeout=30)
    assert response.status_code == 404, f"{method} {path} -> {response.status_code}"


@pytest.mark.scenario("production_mode")
def test_passwords_are_stored_only_as_argon2_hashes(production_stack: Stack):
    hashes = _password_hashes(production_stack.database)
    assert len(hashes) >= 12, f"{len(hashes)} users: the seed users are missing"
    assert all(h.startswith("$argon2id$") for h in hashes.values()), {u: h[:10] for u, h in hashes.items()}
    assert not [u for u, h in hashes.items() if PRODUCTION_PASSWORD in h]


@pytest.mark.scenario("production_mode")
def test_a_signed_in_token_lapses(production_stack: Stack):
    base = production_stack.platform.url
    token = api_token(base, "viewer@MAG01", PRODUCTION_PASSWORD)
    me = httpx.get(f"{base}/api/v1/me", headers={"Authorization": f"Bearer {token}"}, timeout=30)
    assert me.status_code == 200
    time.sleep(TOKEN_TTL_S + 1.5)
    lapsed = httpx.get(f"{base}/api/v1/me", headers={"Authorization": f"Bearer {token}"}, timeout=30)
    assert lapsed.status_code == 401, lapsed.text


@pytest.mark.full
@pytest.mark.scenario("production_mode")
def test_seed_passwords_and_faults_are_refused_outside_test_mode(production_stack: Stack):
    """The serve command will not start a deployment with a placeholder password or a seeded fault."""
    import subprocess
    import sys

    from resilience.processes import ROOT, environment

    for extra in (["--seed-password", "court-test-password"], ["--fault", "em-order-not-sent"]):
        command = [sys.executable, "-m", "reference_system", "serve", "--port", "9", "--provider-url",
                   production_stack.provider.url, "--database", production_stack.database, *extra]
        env = environment({"COURT_SECRET_KEY": "x" * 48})
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 2 and "error" in done.stderr, (extra, done.returncode, done.stderr[-300:])


def _password_hashes(database: str) -> dict[str, str]:
    if is_postgres(database):
        import psycopg

        with psycopg.connect(database.replace("postgresql+psycopg://", "postgresql://", 1)) as connection:
            return dict(connection.execute("SELECT username, password_hash FROM users").fetchall())
    path = database.removeprefix("sqlite:///")
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        return dict(connection.execute("SELECT username, password_hash FROM users").fetchall())
