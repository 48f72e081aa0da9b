"""Wiring for the resilience and security suite: its own platform and provider processes (so it can kill
and restart them), the number of crash trials, the seed, the faults to seed, and where the evidence goes.

Options: `--resilience-trials N` (crash trials), `--resilience-evidence DIR` (resilience.json and the
access matrix), `--resilience-seed N` (default: RELEASE_GATE_SEED, else random), `--platform-fault NAME`
(seeded into the processes this suite starts; default: RELEASE_GATE_FAULTS), and the root conftest's
`--database-url` (a PostgreSQL server gets a fresh database per platform). `--target` (with
`--provider-url`) points the HTTP-only security checks at a running deployment; everything that needs
process control always runs on the processes started here.
"""

from __future__ import annotations

import contextlib
import os
import random
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from resilience.access_matrix import Principal
from resilience.court import PASSWORD, Court
from resilience.evidence import Evidence
from resilience.http_sessions import PageSession, page_session
from resilience.processes import Stack, fresh_database, is_postgres, new_stack

_evidence_key = pytest.StashKey[Evidence]()
_needs_key = pytest.StashKey[set[str]]()
# Short leases and back-off so a killed dispatcher's claims come back, and an outage's retries resume, within
# seconds: intervals are settings "so that tests run in seconds" (DESIGN.md). The rules under test are not.
STACK_ENV = {"COURT_LEASE_SECONDS": "8", "COURT_BACKOFF_BASE_S": "0.2", "COURT_BACKOFF_MAX_S": "2"}


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("resilience", "resilience and security suite")
    group.addoption("--resilience-trials", type=int, default=3, metavar="N",
                    help="crash trials: kill -9 the platform while sharing, restart, reconcile (default 3)")
    group.addoption("--resilience-evidence", metavar="DIR", default=None,
                    help="where resilience.json and the access matrix go (default: reports/resilience)")
    group.addoption("--resilience-seed", type=int, default=None, metavar="N",
                    help="seed of the random kill moments (default: RELEASE_GATE_SEED, else random)")
    group.addoption("--platform-fault", action="append", default=None, metavar="NAME",
                    help="seed a named fault into the platform processes this suite starts "
                         "(default: RELEASE_GATE_FAULTS, comma-separated)")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "scenario(name): the resilience.json scenario a test reports under")
    config.addinivalue_line("markers", "postgres: needs PostgreSQL (--database-url / DATABASE_URL)")
    config.addinivalue_line("markers", "last: runs after every other test (reads what they made the processes write)")
    config.addinivalue_line("markers", "full: slower checks run by the full profile only (the ci profile: -m 'not full')")
    seed = config.getoption("--resilience-seed")
    if seed is None:
        seed = int(os.environ.get("RELEASE_GATE_SEED") or secrets.randbelow(2**31))
    folder = config.getoption("--resilience-evidence") or str(Path(config.rootpath) / "reports" / "resilience")
    database = config.getoption("--database-url", default=None)
    config.stash[_evidence_key] = Evidence(Path(folder), "postgresql" if is_postgres(database) else "sqlite", seed,
                                           config.getoption("--resilience-trials"))


@pytest.hookimpl(trylast=True)  # after -m / -k have deselected what will not run
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: item.get_closest_marker("last") is not None)  # stable: keeps the order otherwise
    fixtures = {name for item in items for name in getattr(item, "fixturenames", ())}
    needed = fixtures & {"stack", "production_stack"}
    if fixtures & {"court", "today"} or ("target" in fixtures and not config.getoption("--target")):
        needed.add("stack")
    config.stash[_needs_key] = needed


def pytest_sessionfinish(session: pytest.Session) -> None:
    evidence = session.config.stash.get(_evidence_key, None)
    if evidence is not None and not hasattr(session.config, "workerinput") and not session.config.option.collectonly:
        path = evidence.write()
        session.config._resilience_evidence_path = path  # for the terminal summary


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    path = getattr(config, "_resilience_evidence_path", None)
    evidence = config.stash.get(_evidence_key, None)
    if path and evidence is not None:
        figures = evidence.to_json()
        terminalreporter.write_line(
            f"resilience evidence: {path} — {figures['trials']} crash trials, {figures['orders_shared']} orders "
            f"shared, {figures['orders_delivered']} delivered, {figures['missing']} missing, "
            f"{figures['duplicates']} duplicates, {figures['half_written']} half-written")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call):
    report = yield
    marker = item.get_closest_marker("scenario")
    if marker and (report.when == "call" or report.failed or report.skipped):
        message = str(report.longrepr)[-1500:] if report.failed or report.skipped else ""
        item.config.stash[_evidence_key].outcome(marker.args[0], report.outcome, message)
    return report


# --- fixtures ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def evidence(pytestconfig: pytest.Config) -> Evidence:
    return pytestconfig.stash[_evidence_key]


@pytest.fixture(scope="session")
def rng(evidence: Evidence) -> random.Random:
    return random.Random(evidence.seed)


@pytest.fixture(scope="session")
def database_url(pytestconfig: pytest.Config) -> str | None:
    return pytestconfig.getoption("--database-url", default=None)


@pytest.fixture(scope="session")
def platform_faults(pytestconfig: pytest.Config) -> list[str]:
    given = pytestconfig.getoption("--platform-fault")
    if given is None:
        given = [f for f in os.environ.get("RELEASE_GATE_FAULTS", "").split(",") if f.strip()]
    return [f.strip() for f in given]


PRODUCTION_PASSWORD = "resilience-" + secrets.token_urlsafe(12)
TOKEN_TTL_S = 4


@pytest.fixture(scope="session")
def _stacks(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, database_url: str | None,
            platform_faults: list[str]) -> Iterator[dict[str, Stack]]:
    """The suite's own deployments, started side by side (each only when a selected test needs it):
    `stack` in test mode, killed and restarted by the crash trials; `production_stack` NOT in test mode, as a
    real deployment runs (a random secret key and seed password; tokens that lapse after a few seconds)."""
    needed = request.config.stash.get(_needs_key, {"stack", "production_stack"})
    folder = tmp_path_factory.mktemp("stacks")
    options = {
        "stack": {"name": "platform", "faults": platform_faults, "env": STACK_ENV},
        "production_stack": {"name": "production", "test_mode": False, "seed_password": PRODUCTION_PASSWORD,
                             "env": {"COURT_SECRET_KEY": secrets.token_urlsafe(48),
                                     "COURT_TOKEN_TTL_SECONDS": str(TOKEN_TTL_S)}},
    }
    with contextlib.ExitStack() as cleanup:
        stacks = {}
        for fixture, settings in options.items():
            if fixture in needed:
                database = cleanup.enter_context(fresh_database(database_url, folder, settings["name"]))
                stacks[fixture] = new_stack(folder, database, **settings)
                cleanup.callback(stacks[fixture].stop)
                stacks[fixture].start()
        yield stacks


@pytest.fixture(scope="session")
def stack(_stacks: dict[str, Stack]) -> Stack:
    """The suite's own platform and provider (test mode), killed and restarted by the crash trials."""
    return _stacks["stack"].wait_ready()


@pytest.fixture(scope="session")
def production_stack(_stacks: dict[str, Stack]) -> Stack:
    """The suite's own platform and provider NOT in test mode."""
    return _stacks["production_stack"].wait_ready()


@pytest.fixture(scope="session")
def court(stack: Stack) -> Iterator[Court]:
    court = Court(stack.platform.url, stack.provider.url)
    yield court
    court.close()


@pytest.fixture(scope="session")
def today(court: Court) -> date:
    return court.today()


@dataclass(frozen=True)
class Target:
    """Where the HTTP-only security checks go: `--target`, else the suite's own platform."""

    base_url: str
    provider_url: str
    own: bool


@pytest.fixture(scope="session")
def target(pytestconfig: pytest.Config, request: pytest.FixtureRequest) -> Target:
    given = pytestconfig.getoption("--target")
    if given:
        return Target(given.rstrip("/"), (pytestconfig.getoption("--provider-url") or "").rstrip("/"), own=False)
    own: Stack = request.getfixturevalue("stack")
    return Target(own.platform.url, own.provider.url, own=True)


@pytest.fixture(scope="session")
def target_court(target: Target, request: pytest.FixtureRequest) -> Court:
    """Court actions at the target (sharing the suite's signed-in tokens when the target is its own platform)."""
    return request.getfixturevalue("court") if target.own else Court(target.base_url, target.provider_url)


@pytest.fixture(scope="session")
def page_sessions(target: Target) -> Callable[[Principal], PageSession]:
    """`page_sessions(who)`: that member of staff signed in through the sign-in form (once per session)."""
    signed_in: dict[Principal, PageSession] = {}

    def session_of(who: Principal) -> PageSession:
        if who not in signed_in:
            signed_in[who] = page_session(target.base_url, who.username, PASSWORD)
        return signed_in[who]

    return session_of
