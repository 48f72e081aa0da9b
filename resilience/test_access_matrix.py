"""The access matrix, cell by cell: every action of the API and the pages (one row of `access_matrix.ACTIONS`
each), tried by every role of the home centre, every role of another centre, and someone not signed in.
Each cell is its own test; the outcomes are written to the evidence as a role x action table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import httpx
import pytest

from fixtures.builders import a_case, a_hearing, a_plain_result, london
from resilience.access_matrix import ACTIONS, HOME, MOUNT_SAMPLES, PRINCIPALS, Action, Principal, expected, route_keys
from resilience.conftest import Target
from resilience.court import PASSWORD, Court
from resilience.evidence import Evidence
from resilience.http_sessions import PageSession

TRIED_HERE = [a for a in ACTIONS if a.channel != "test-mode"]


@dataclass
class Scene:
    """A Northgate case with a hearing today whose bail-with-EM result was shared: what every cell acts on."""

    urn: str
    hearing_id: int
    defendant_id: int
    order_id: int
    today: date
    court: Court


@pytest.fixture(scope="module")
def scene(target_court: Court) -> Scene:
    court = target_court
    today = court.today()
    prepared = court.prepare(today, HOME)
    shared = court.share(prepared)
    assert shared.answer == "ok" and shared.orders, shared
    return Scene(prepared.urn, prepared.hearing_id, prepared.defendant_id, shared.orders[0], today, court)


@pytest.fixture(scope="module")
def tokens(target_court: Court) -> dict[Principal, str]:
    return {who: target_court.token(who.username) for who in PRINCIPALS if who.role}


@pytest.fixture(scope="module")
def pages(page_sessions) -> dict[Principal, PageSession]:
    return {who: page_sessions(who) for who in PRINCIPALS}


def _path(action: Action, scene: Scene) -> str:
    if action.channel == "static" and action.path in MOUNT_SAMPLES:
        return MOUNT_SAMPLES[action.path]
    return action.path.format(urn=scene.urn, hearing_id=scene.hearing_id, defendant_id=scene.defendant_id,
                              order_id=scene.order_id)


def _version(scene: Scene) -> int:
    return scene.court.ok(f"viewer@{HOME}", "GET", f"/api/v1/hearings/{scene.hearing_id}")["version"]


def api_request(action: Action, who: Principal, scene: Scene) -> dict[str, Any]:
    """A valid request for the action (so a refusal can only be about who asks, never about the input)."""
    centre = who.centre or HOME
    return {
        "POST /api/v1/auth/token": lambda: {"json": {"username": who.username or f"viewer@{HOME}",
                                                      "password": PASSWORD}},
        "POST /api/v1/cases": lambda: {"json": a_case(court_centre=centre)},
        "GET /api/v1/cases": lambda: {"params": {"court_centre": HOME}},
        "POST /api/v1/cases/{urn}/hearings": lambda: {"json": a_hearing(
            starts_at=london(scene.today + timedelta(days=7), "10:00"))},
        "GET /api/v1/hearings": lambda: {"params": {"court_centre": HOME}},
        "PUT /api/v1/hearings/{hearing_id}/results/{defendant_id}": lambda: {"json": {
            **a_plain_result("FINE", scene.today), "version": _version(scene)}},
        "POST /api/v1/hearings/{hearing_id}/share": lambda: {"json": {"version": _version(scene)}},
        "GET /api/v1/em-orders": lambda: {"params": {"court_centre": HOME}},
        "GET /api/v1/notifications": lambda: {"params": {"urn": scene.urn}},
        "GET /api/v1/audit-events": lambda: {"params": {"urn": scene.urn}},
    }.get(action.key, dict)()


def page_form(action: Action, scene: Scene, csrf: str) -> dict[str, str]:
    day = scene.today + timedelta(days=7)
    return {
        "POST /cases/{urn}/hearings/new": {"hearing-type": "TRIAL", "courtroom": "2", "hearing-date-day": str(day.day),
                                           "hearing-date-month": str(day.month), "hearing-date-year": str(day.year),
                                           "hearing-time": "10:00"},
        "POST /hearings/{hearing_id}/results/{defendant_id}": {"version": str(_version(scene)), "outcome": "FINE"},
        "POST /hearings/{hearing_id}/share": {"version": str(_version(scene))},
    }.get(action.key, {}) | {"csrf_token": csrf}


def try_cell(action: Action, who: Principal, scene: Scene, tokens, pages) -> httpx.Response:
    path = _path(action, scene)
    if action.channel == "page":
        session = pages[who]
        if action.path in ("/sign-in", "/sign-out") and action.method == "POST":
            session = session.clone()  # signing in or out again must not end this principal's session
            form = {"csrf_token": session.csrf}
            if action.path == "/sign-in":
                form |= {"username": who.username or f"viewer@{HOME}", "password": PASSWORD}
            return session.client.post(path, data=form)
        if action.method == "GET":
            params = {"q": scene.urn} if action.path == "/cases" else None
            return session.client.get(path, params=params)
        return session.client.request(action.method, path, data=page_form(action, scene, session.csrf))
    headers = {"Authorization": f"Bearer {tokens[who]}"} if who.role else {}
    return scene.court.http.request(action.method, path, headers=headers, **api_request(action, who, scene))


def classify(action: Action, who: Principal, response: httpx.Response, scene: Scene) -> str:
    status = response.status_code
    location = response.headers.get("location", "")
    if status >= 500:
        return f"error {status}"
    if status == 401 or (status in (302, 303) and location.startswith("/sign-in") and action.path != "/sign-out"):
        return "sign-in"
    if status == 403:
        return "refused"
    if status == 404:
        return "hidden"
    if status == 429:
        return "throttled"
    if who.centre not in (None, HOME) and action.scope == "list":
        marker = f'"{scene.urn}"' if action.channel == "api" else f"/cases/{scene.urn}"
        return "leaked" if marker in response.text else "filtered"
    return "allowed"


@pytest.mark.scenario("access_matrix")
@pytest.mark.parametrize("who", PRINCIPALS, ids=lambda w: w.label)
@pytest.mark.parametrize("action", TRIED_HERE, ids=lambda a: f"{a.channel}:{a.key}")
def test_access_cell(action: Action, who: Principal, scene: Scene, tokens, pages, evidence: Evidence):
    response = try_cell(action, who, scene, tokens, pages)
    outcome = classify(action, who, response, scene)
    want = expected(action, who)
    evidence.matrix_cell(action, who, want, outcome, response.status_code)
    assert outcome == want, (f"{who.label} trying to {action.title} ({action.key}): expected {want}, got "
                             f"{outcome} (HTTP {response.status_code})")


@pytest.mark.scenario("access_matrix")
def test_every_api_route_the_platform_publishes_has_a_row_in_the_matrix(target: Target):
    """A route added to the API without deciding who may use it fails here (and the matrix row with it)."""
    paths = httpx.get(f"{target.base_url}/openapi.json", timeout=30).json()["paths"]
    published = {f"{method.upper()} {path}" for path, item in paths.items() for method in item
                 if method in ("get", "post", "put", "patch", "delete")}
    rows = route_keys("api")
    assert published - rows == set(), f"routes with no row in resilience/access_matrix.py: {sorted(published - rows)}"
    assert rows - published == set(), f"rows for routes the API no longer has: {sorted(rows - published)}"
