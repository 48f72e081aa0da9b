"""Throwaway projects for the gate's tests: a tiny pytest-bdd suite, stub commands, a fake platform.

The stub suites run pytest with plugin autoloading off (only pytest-bdd and allure-pytest-bdd loaded), so
each run takes about a second instead of the six the full plugin set needs.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from release_gate.model import ScenarioOutcome, SuiteResult, TestOutcome

SCENARIOS = {
    "passing": """
  @critical
  Scenario: A curfew is sent to the provider
    Given a hearing
    When the adviser shares
    Then the provider receives an order
""",
    "failing": """
  @incident
  Scenario: The provider receives the EM order for a tagged curfew
    Given a hearing
    When the adviser shares
    Then the provider has the EM order
""",
    "skipped": """
  Scenario: A browser-only check
    Given a hearing
    Then it is skipped on this channel
""",
    "flaky": """
  @critical
  Scenario: A confirmation that arrives late
    Given a hearing
    Then the confirmation arrives on the second try
""",
    "outline": """
  @boundaries
  Rule: Curfew hours
    Scenario Outline: A curfew of <hours> hours
      Given a hearing
      Then <hours> hours is <verdict>

      Examples:
        | hours | verdict |
        | 2     | allowed |
        | 21    | refused |
""",
}

FEATURE_HEAD = """@sharing
Feature: Sharing results
  As a legal adviser
  I want the agencies told when I share results
  So that nobody leaves court without the tag the court ordered
"""

STEPS = '''
import os
from pathlib import Path

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

scenarios("../features/sharing.feature")
SEEN = Path(__file__).parent / ".flaky-seen"


@given("a hearing", target_fixture="hearing")
def hearing():
    return {}


@when("the adviser shares")
def shares(hearing):
    hearing["shared"] = True


@then("the provider receives an order")
def receives(hearing):
    assert hearing["shared"] and not os.environ.get("BREAK_SHARING"), "the provider received no order"


@then("the provider has the EM order")
def has_em_order(hearing):
    assert hearing.get("em_order"), "no EM order was sent to the provider"


@then("it is skipped on this channel")
def skipped():
    pytest.skip("browser channel only")


@then("the confirmation arrives on the second try")
def second_try():
    if not SEEN.exists():
        SEEN.write_text("seen")
        raise AssertionError("confirmation not there yet")


@then(parsers.parse("{hours:d} hours is {verdict}"))
def hours(hours, verdict):
    assert (hours <= 20) == (verdict == "allowed")
'''

PYTEST_INI = """[pytest]
markers =
    critical
    incident
    sharing
    boundaries
"""

STUB_SUITES = """
[suites.stub]
kind = "pytest-bdd"
paths = ["bdd"]
key_tags = ["critical", "incident"]
plugins = ["pytest_bdd.plugin", "allure_pytest_bdd.plugin"]
env = { PYTEST_DISABLE_PLUGIN_AUTOLOAD = "1" }

[suites.crash]
kind = "command"
command = ["{python}", "-c", "import sys; print('boom'); sys.exit(3)"]

[suites.hang]
kind = "command"
command = ["{python}", "-c", "import time; time.sleep(60)"]

[suites.junit]
kind = "command"
command = ["{python}", "-c", "import pathlib, sys; pathlib.Path(sys.argv[1]).write_text(sys.argv[2])", "{junit}",
           "<testsuite><testcase classname='c' name='ok'/></testsuite>"]
"""

GATE_TOML = """
[gate]
default_profile = "ci"
allure_report = false
platform_ready_timeout_s = 20

[score]
pass = 90
warn = 95

[profiles.ci]
suites = ["stub"]

[profiles.ci.stub]
timeout_s = 60

[profiles.ci.hang]
timeout_s = 1.5

[checks.stub.incident]
require_scenarios = false
""" + STUB_SUITES

FAKE_PLATFORM = '''
"""A stand-in for `python -m reference_system serve`: answers /ready per FAKE_PLATFORM_MODE."""
import http.server
import json
import os
import sys
from pathlib import Path

args = sys.argv[1:]
Path("platform-args.json").write_text(json.dumps({"args": args, "pid": os.getpid()}))
mode = os.environ.get("FAKE_PLATFORM_MODE", "ready")
if mode == "exit":
    print("database is locked", file=sys.stderr)
    sys.exit(3)
port = int(args[args.index("--port") + 1])


class Ready(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200 if mode == "ready" and self.path == "/ready" else 503)
        self.end_headers()

    def log_message(self, *args):
        pass


http.server.HTTPServer(("127.0.0.1", port), Ready).serve_forever()
'''


def write_bdd_project(root: Path, include: Iterable[str] = ("passing",), gate_toml: str = GATE_TOML) -> Path:
    """A project with features/sharing.feature holding the chosen scenarios, its steps and a gate.toml."""
    (root / "features").mkdir(parents=True, exist_ok=True)
    (root / "bdd").mkdir(exist_ok=True)
    body = "".join(SCENARIOS[name] for name in include)
    (root / "features" / "sharing.feature").write_text(FEATURE_HEAD + body)
    (root / "bdd" / "test_sharing.py").write_text(textwrap.dedent(STEPS))
    (root / "pytest.ini").write_text(PYTEST_INI)
    (root / "gate.toml").write_text(gate_toml)
    return root


def write_fake_platform(root: Path) -> None:
    package = root / "reference_system"
    package.mkdir(parents=True, exist_ok=True)
    (package / "__init__.py").write_text("")
    (package / "__main__.py").write_text(FAKE_PLATFORM)


@pytest.fixture
def bdd_project(tmp_path: Path) -> Callable[..., Path]:
    def make(*include: str, gate_toml: str = GATE_TOML) -> Path:
        return write_bdd_project(tmp_path / "project", include or ("passing",), gate_toml)

    return make


# --- suite results built by hand, for the decision table and the reports ---------------------------------


def scenario(name: str, status: str = "passed", tags: tuple[str, ...] = (), flaky: bool = False) -> ScenarioOutcome:
    return ScenarioOutcome(id=f"features/f.feature::{name}", suite="acceptance", feature="Sharing results", name=name,
                           status=status, tags=list(tags), flaky=flaky, test_name=f"test_{name}")


def healthy() -> SuiteResult:
    """Four scenarios, one @critical and one @incident, all passing, in 30 s."""
    scenarios = [scenario("share", tags=("critical",)), scenario("tag", tags=("incident",)),
                 scenario("list"), scenario("search")]
    tests = [TestOutcome("steps.test_f", s.test_name, "passed", node_id=f"steps/test_f.py::{s.test_name}")
             for s in scenarios]
    return SuiteResult(name="acceptance", tests=tests, scenarios=scenarios, scenario_evidence="cucumber",
                       duration_s=30.0, exit_code=0, evidence={"junit": "evidence/acceptance/junit.xml"})


def fail(result: SuiteResult, name: str, flaky: bool = False) -> SuiteResult:
    for s in result.scenarios:
        if s.name == name:
            s.status, s.flaky = ("passed", True) if flaky else ("failed", False)
    for t in result.tests:
        if t.name == f"test_{name}":
            t.status, t.flaky = ("passed", True) if flaky else ("failed", False)
    return result
