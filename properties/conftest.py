"""Wiring for the property suites: profile, seed and evidence options; the deployment under test (the root
conftest's `--target` / `--provider-url`, or its embedded platform); and `properties.json` at the end.

    uv run pytest properties --properties-profile=ci --properties-seed=1234 [--target=URL --provider-url=URL]
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from hypothesis import seed as hypothesis_seed
from hypothesis import settings

from properties.budgets import BUDGETS, DATABASE, ROOT, Budget, limit_shrinking, register_profiles
from properties.evidence import Evidence, Failure
from properties.world import World

register_profiles()
_evidence_key = pytest.StashKey[Evidence]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("properties", "property-based and fuzz suites")
    group.addoption("--properties-profile", choices=sorted(BUDGETS), default=None,
                    help="how much to generate: dev (default), ci or gate (also $PROPERTIES_PROFILE)")
    group.addoption("--properties-seed", type=int, default=None,
                    help="seed for Hypothesis and Schemathesis (default: $RELEASE_GATE_SEED, else random)")
    group.addoption("--properties-evidence", default=None, metavar="DIR",
                    help="where properties.json and the Schemathesis reports go (default: reports/properties)")


def _print_failing_examples() -> None:
    """Schemathesis's pytest plugin (auto-loaded with it) swaps Hypothesis's printer for one that prints nothing,
    to speed up its own tests; these suites need their shrunk examples printed, so the printer goes back."""
    from hypothesis import core
    from hypothesis.vendor import pretty

    core.RepresentationPrinter = pretty.RepresentationPrinter


def pytest_configure(config: pytest.Config) -> None:
    _print_failing_examples()
    profile = config.getoption("--properties-profile") or os.environ.get("PROPERTIES_PROFILE") or "dev"
    if profile not in BUDGETS:
        raise pytest.UsageError(f"unknown properties profile {profile!r}: choose one of {', '.join(sorted(BUDGETS))}")
    seed = config.getoption("--properties-seed")
    if seed is None:
        seed = int(os.environ.get("RELEASE_GATE_SEED") or random.SystemRandom().randrange(2**31))
    settings.load_profile(profile)
    limit_shrinking(BUDGETS[profile])
    folder = config.getoption("--properties-evidence")
    config.stash[_evidence_key] = Evidence(seed=seed, profile=profile, target=config.getoption("--target") or "",
                                           folder=Path(folder).resolve() if folder else ROOT / "reports" / "properties")


def evidence_of(config: pytest.Config) -> Evidence:
    return config.stash[_evidence_key]


def pytest_report_header(config: pytest.Config) -> list[str]:
    ev = evidence_of(config)
    return [f"properties: profile {ev.profile}, seed {ev.seed} (replay with --properties-seed={ev.seed}), "
            f"example database {DATABASE}"]


# Quick properties first, the long state machine (whose failures take longest to shrink) last.
ORDER = ("test_input_properties", "test_contract_fuzzing", "test_case_lifecycle")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every Hypothesis test in these suites runs from the session's seed, so a run can be replayed."""
    items.sort(key=lambda item: next((i for i, name in enumerate(ORDER) if name in item.nodeid), len(ORDER)))
    seed = evidence_of(config).seed
    for item in items:
        function = getattr(item, "obj", None)
        if function is not None and hasattr(function, "hypothesis"):
            hypothesis_seed(seed)(function)


# --- fixtures ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def evidence(request: pytest.FixtureRequest) -> Evidence:
    return evidence_of(request.config)


@pytest.fixture(scope="session")
def budget(evidence: Evidence) -> Budget:
    return BUDGETS[evidence.profile]


@pytest.fixture(scope="session")
def world(court_platform, evidence: Evidence):
    """HTTP clients for the deployment under test, shared by every test of the session."""
    deployment = World(court_platform.base_url, court_platform.provider_url)
    evidence.target = court_platform.base_url
    yield deployment
    evidence.server_errors += len(deployment.server_errors)
    deployment.close()


# --- evidence ------------------------------------------------------------------------------------------------


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" and not (report.when == "setup" and report.failed):
        return
    ev = evidence_of(item.config)
    ev.tests[item.nodeid] = report.outcome
    if report.failed and call.excinfo is not None and not getattr(getattr(item, "obj", None), "records_own_failures", False):
        ev.fail(Failure(name=item.nodeid, reproduction=_reproduction(call.excinfo),
                        kind="stateful" if "lifecycle" in item.nodeid else "property"))
    if not hasattr(item.config, "workerinput"):
        ev.write()  # after every test, so that a run killed by a time limit still leaves its evidence


def _reproduction(excinfo: pytest.ExceptionInfo) -> str:
    """What failed and the shrunk example that shows it (Hypothesis attaches the steps as exception notes);
    for several distinct failures (an exception group), each one in turn."""
    return _describe(excinfo.value)


def _describe(error: BaseException) -> str:
    message = f"{type(error).__name__}: {error}".strip()
    notes = [str(note) for note in getattr(error, "__notes__", [])]
    parts = [message, *notes]
    for number, inner in enumerate(getattr(error, "exceptions", ()), start=1):
        parts.append(f"--- failure {number} ---\n{_describe(inner)}")
    return "\n".join(parts)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    config = session.config
    if _evidence_key not in config.stash or hasattr(config, "workerinput"):
        return
    evidence_of(config).write()


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    ev = evidence_of(config)
    terminalreporter.write_sep("-", "properties")
    terminalreporter.write_line(
        f"profile {ev.profile}, seed {ev.seed}: {ev.stateful_runs} stateful sequences ({ev.stateful_steps} steps, "
        f"{ev.stateful_requests} requests), {ev.input_examples} input examples, {ev.schemathesis_cases} "
        f"Schemathesis cases, {ev.server_errors} server errors, {len(ev.failures)} failures")
    terminalreporter.write_line(f"evidence: {ev.folder / 'properties.json'}")
