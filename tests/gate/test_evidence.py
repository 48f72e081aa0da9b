"""The evidence readers against real output of pytest 9 + pytest-bdd 9 + allure-pytest-bdd on a tiny suite."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from release_gate.evidence import (
    apply_rerun,
    enrich_tags,
    node_id_for,
    parse_allure_results,
    parse_cucumber,
    parse_junit,
    settle_scenarios,
    short_message,
)
from release_gate.model import TestOutcome

from .conftest import write_bdd_project


def run_pytest(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
    command = [sys.executable, "-m", "pytest", "-p", "pytest_bdd.plugin", "-p", "allure_pytest_bdd.plugin",
               "-p", "no:cacheprovider", f"--rootdir={root}", "-q", *args]
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One real run of every kind of scenario, with JUnit XML, Cucumber JSON and Allure results."""
    root = write_bdd_project(tmp_path_factory.mktemp("evidence"), SCENARIO_KINDS)
    (root / "bdd" / "test_plain.py").write_text(
        "import pytest\n\n@pytest.fixture\ndef broken():\n    raise RuntimeError('database unavailable')\n\n"
        "def test_setup_fails(broken):\n    pass\n"
    )
    done = run_pytest(root, "bdd", f"--junitxml={root / 'junit.xml'}", f"--cucumberjson={root / 'cucumber.json'}",
                      f"--alluredir={root / 'allure'}")
    assert done.returncode == 1, done.stdout + done.stderr
    return root


SCENARIO_KINDS = ("passing", "failing", "skipped", "flaky", "outline")


def by_name(items, name):
    return next(i for i in items if i.name == name)


def test_junit_gives_each_test_its_final_status_and_a_short_message(sample: Path) -> None:
    tests = parse_junit(sample / "junit.xml")
    statuses = {t.name: t.status for t in tests}
    assert statuses == {
        "test_a_curfew_is_sent_to_the_provider": "passed",
        "test_the_provider_receives_the_em_order_for_a_tagged_curfew": "failed",
        "test_a_browseronly_check": "skipped",
        "test_a_confirmation_that_arrives_late": "failed",
        "test_a_curfew_of_hours_hours[2-allowed]": "passed",
        "test_a_curfew_of_hours_hours[21-refused]": "passed",
        "test_setup_fails": "error",
    }
    failed = by_name(tests, "test_the_provider_receives_the_em_order_for_a_tagged_curfew")
    assert failed.message.startswith("AssertionError: no EM order was sent to the provider")
    assert by_name(tests, "test_a_browseronly_check").message == "browser channel only"
    assert "database unavailable" in by_name(tests, "test_setup_fails").message


def test_junit_classnames_turn_back_into_node_ids_pytest_accepts(sample: Path) -> None:
    tests = parse_junit(sample / "junit.xml")
    failing = by_name(tests, "test_the_provider_receives_the_em_order_for_a_tagged_curfew")
    node_id = node_id_for(failing.classname, failing.name, sample)
    assert node_id == "bdd/test_sharing.py::test_the_provider_receives_the_em_order_for_a_tagged_curfew"
    outline = by_name(tests, "test_a_curfew_of_hours_hours[21-refused]")
    assert node_id_for(outline.classname, outline.name, sample).endswith("::test_a_curfew_of_hours_hours[21-refused]")
    assert node_id_for("pkg.test_mod.TestThing", "test_x", sample) == "pkg/test_mod/TestThing.py::test_x"


def test_cucumber_json_gives_features_scenarios_steps_and_tags(sample: Path) -> None:
    scenarios = parse_cucumber(sample / "cucumber.json", "acceptance")
    assert {s.feature for s in scenarios} == {"Sharing results"}
    names = [s.name for s in scenarios]
    assert "A curfew of 2 hours" in names and "A curfew of 21 hours" in names
    sent = by_name(scenarios, "A curfew is sent to the provider")
    assert sent.tags == ["critical", "sharing"]  # the feature's tag is inherited
    assert [f"{s.keyword} {s.text}" for s in sent.steps] == [
        "Given a hearing", "When the adviser shares", "Then the provider receives an order"]
    assert sent.feature_description.startswith("As a legal adviser")
    outline = by_name(scenarios, "A curfew of 21 hours")
    assert outline.id == "features/sharing.feature::A curfew of 21 hours[21-refused]"
    assert outline.test_name == "test_a_curfew_of_hours_hours[21-refused]"


def test_cucumber_json_names_the_failing_step_and_its_message(sample: Path) -> None:
    failed = by_name(parse_cucumber(sample / "cucumber.json", "acceptance"),
                     "The provider receives the EM order for a tagged curfew")
    assert failed.status == "failed"
    assert failed.failing_step == "Then the provider has the EM order"
    assert failed.message.startswith("AssertionError: no EM order was sent to the provider")
    assert failed.tags == ["incident", "sharing"]


def test_a_skipped_scenario_is_skipped_although_cucumber_json_marks_its_steps_passed(sample: Path) -> None:
    scenarios = parse_cucumber(sample / "cucumber.json", "acceptance")
    assert by_name(scenarios, "A browser-only check").status == "passed"  # pytest-bdd's own view
    settle_scenarios(scenarios, parse_junit(sample / "junit.xml"))
    assert by_name(scenarios, "A browser-only check").status == "skipped"


def test_cucumber_json_leaves_out_rule_tags_and_allure_results_bring_them_back(sample: Path) -> None:
    scenarios = parse_cucumber(sample / "cucumber.json", "acceptance")
    assert "boundaries" not in by_name(scenarios, "A curfew of 2 hours").tags
    enrich_tags(scenarios, parse_allure_results(sample / "allure", "acceptance"))
    assert "boundaries" in by_name(scenarios, "A curfew of 2 hours").tags


def test_allure_results_alone_give_scenarios_with_status_tags_and_failing_step(sample: Path) -> None:
    scenarios = parse_allure_results(sample / "allure", "acceptance")
    assert len(scenarios) == 6  # the plain test (not a scenario) is left out
    failed = by_name(scenarios, "The provider receives the EM order for a tagged curfew")
    assert (failed.status, failed.failing_step) == ("failed", "Then the provider has the EM order")
    assert failed.feature == "Sharing results" and "incident" in failed.tags
    assert by_name(scenarios, "A browser-only check").status == "skipped"
    outline = by_name(scenarios, "A curfew of 21 hours")
    assert outline.id == "features/sharing.feature::A curfew of 21 hours[21-refused]"


def test_a_failed_test_that_passes_on_its_rerun_is_flaky_and_counts_as_passed(sample: Path) -> None:
    tests = parse_junit(sample / "junit.xml")
    flaky = by_name(tests, "test_a_confirmation_that_arrives_late")
    node = node_id_for(flaky.classname, flaky.name, sample)
    done = run_pytest(sample, node, f"--junitxml={sample / 'junit-rerun.xml'}", f"--alluredir={sample / 'allure'}")
    assert done.returncode == 0, done.stdout
    apply_rerun(tests, parse_junit(sample / "junit-rerun.xml"))
    flaky = by_name(tests, "test_a_confirmation_that_arrives_late")
    assert (flaky.status, flaky.flaky) == ("passed", True)
    assert "confirmation not there yet" in flaky.first_message
    still = by_name(tests, "test_the_provider_receives_the_em_order_for_a_tagged_curfew")
    assert (still.status, still.flaky) == ("failed", False)
    # Allure keeps both attempts; the last one wins and the scenario is flaky there too.
    again = by_name(parse_allure_results(sample / "allure", "acceptance"), "A confirmation that arrives late")
    assert (again.status, again.flaky) == ("passed", True)


def test_a_test_that_fails_again_on_rerun_stays_failed() -> None:
    first = [TestOutcome("m", "t", "failed", message="boom")]
    apply_rerun(first, [TestOutcome("m", "t", "failed", message="boom again")])
    assert (first[0].status, first[0].flaky, first[0].message) == ("failed", False, "boom")


def test_a_short_message_keeps_the_assertion_lines_of_a_traceback() -> None:
    traceback = "def test():\n>   assert x\nE   AssertionError: expected 1\nE   assert 0 == 1\n\nfile.py:3: AssertionError"
    assert short_message(traceback) == "AssertionError: expected 1 / assert 0 == 1"
    assert short_message("one line") == "one line"


def test_unreadable_cucumber_json_is_an_evidence_error(tmp_path: Path) -> None:
    from release_gate.evidence import EvidenceError

    bad = tmp_path / "cucumber.json"
    bad.write_text(json.dumps({"not": "a list"}))
    with pytest.raises(EvidenceError):
        parse_cucumber(bad, "acceptance")
