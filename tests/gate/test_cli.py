"""`release-gate` end to end, on stub suites and a fake platform: exit 0 GO, 1 NO-GO, 2 could not evaluate."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from release_gate.cli import app
from release_gate.suites import BUILT_IN

from .conftest import GATE_TOML, write_bdd_project, write_fake_platform

runner = CliRunner()
NOWHERE = "http://127.0.0.1:1"  # the stub suites never call the target


def gate(project: Path, *args: str):
    return runner.invoke(
        app,
        ["run", "--config", str(project / "gate.toml"), "--report-dir", str(project / "reports"), "--no-allure",
         *args],
    )


ALLURE_WRITING_SUITE = """
[suites.allured]
kind = "command"
command = ["{python}", "-c", "import pathlib, sys; pathlib.Path(sys.argv[1]).write_text(sys.argv[2]); d = pathlib.Path(sys.argv[3]); d.mkdir(parents=True); (d / 'x-result.json').write_text('{}')", "{junit}", "<testsuite><testcase classname='c' name='ok'/></testsuite>", "{allure_dir}"]
"""


def readiness(project: Path) -> dict:
    return json.loads((project / "reports" / "readiness.json").read_text())


def check(project: Path, check_id: str) -> dict:
    return next(c for c in readiness(project)["checks"] if c["id"] == check_id)


def test_help_says_what_the_gate_does_and_what_its_exit_codes_mean() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "GO / NO-GO" in result.output and "Exit codes" in result.output
    for command in ("run", "report", "history"):
        assert command in result.output


def test_a_passing_suite_gives_go_and_exit_0(bdd_project) -> None:
    project = bdd_project("passing", "outline")
    result = gate(project, "--target", NOWHERE, "--suites", "stub")
    assert result.exit_code == 0, result.output
    r = readiness(project)
    assert (r["verdict"], r["score"], r["exit_code"]) == ("GO", 100, 0)
    assert r["suites"][0] | {"duration_s": 0} == r["suites"][0] | {
        "name": "stub", "status": "passed", "tests": 3, "passed": 3, "failed": 0, "flaky": 0, "skipped": 0,
        "duration_s": 0}
    assert {s["name"] for s in r["scenarios"]} == {"A curfew is sent to the provider", "A curfew of 2 hours",
                                                    "A curfew of 21 hours"}
    assert "GO" in result.output
    assert (project / "reports" / "junit.xml").is_file() and (project / "reports" / "readiness.html").is_file()
    assert len((project / "reports" / "history.jsonl").read_text().splitlines()) == 1


@pytest.fixture(scope="module")
def failed_run(tmp_path_factory: pytest.TempPathFactory):
    """One gate run of a suite with a passing, a failing and a flaky scenario (shared: a run costs seconds)."""
    project = write_bdd_project(tmp_path_factory.mktemp("failed") / "project", ("passing", "failing", "flaky"))
    return project, gate(project, "--target", NOWHERE, "--suites", "stub")


def test_a_failing_suite_gives_no_go_and_exit_1(failed_run) -> None:
    project, result = failed_run
    assert result.exit_code == 1, result.output
    assert check(project, "stub.incident")["status"] == "fail"
    assert check(project, "stub.pass_rate")["value"] == pytest.approx(2 / 3, abs=0.001)
    markdown = (project / "reports" / "readiness.md").read_text()
    assert "NO-GO" in markdown and "The provider receives the EM order for a tagged curfew" in markdown
    assert (project / "reports" / "evidence" / "stub" / "junit-rerun.xml").is_file()  # failures were rerun once


def test_a_crashing_suite_is_an_error_and_exit_1(bdd_project) -> None:
    project = bdd_project()
    result = gate(project, "--target", NOWHERE, "--suites", "crash")
    assert result.exit_code == 1, result.output
    ran = check(project, "crash.ran")
    assert ran["status"] == "error" and "exited with code 3" in ran["detail"]
    assert readiness(project)["suites"][0]["status"] == "error"


def test_a_hanging_suite_is_killed_at_its_time_limit_and_is_an_error(bdd_project) -> None:
    project = bdd_project()
    began = time.monotonic()
    result = gate(project, "--target", NOWHERE, "--suites", "hang")
    assert result.exit_code == 1, result.output
    assert time.monotonic() - began < 20
    assert "timed out after 1.5 s" in check(project, "hang.ran")["detail"]


def test_a_command_suite_that_writes_junit_is_judged_by_it(bdd_project) -> None:
    project = bdd_project()
    assert gate(project, "--target", NOWHERE, "--suites", "junit").exit_code == 0


def test_a_suite_that_collects_no_tests_is_an_error(bdd_project) -> None:
    project = bdd_project("passing", gate_toml=GATE_TOML.replace("timeout_s = 60", 'timeout_s = 60\nmarkers = "wip"'))
    result = gate(project, "--target", NOWHERE, "--suites", "stub")
    assert result.exit_code == 1
    assert "collected no tests" in check(project, "stub.ran")["detail"]


def test_a_flaky_critical_scenario_blocks_the_release(failed_run) -> None:
    project, result = failed_run
    assert result.exit_code == 1, result.output
    r = readiness(project)
    assert r["suites"][0]["flaky"] == 1 and r["suites"][0]["failed"] == 1 and r["suites"][0]["passed"] == 2
    flaky = check(project, "stub.flaky")
    assert flaky["status"] == "fail" and "flaky @critical" in flaky["detail"]
    assert next(s for s in r["scenarios"] if s["name"] == "A confirmation that arrives late")["flaky"] is True


def test_a_bad_policy_gives_exit_2_and_still_writes_a_no_go_readiness(bdd_project) -> None:
    project = bdd_project(gate_toml=GATE_TOML.replace("[score]\npass = 90", "[score]\npas = 90"))
    result = gate(project, "--target", NOWHERE)
    assert result.exit_code == 2, result.output
    r = readiness(project)
    assert r["verdict"] == "NO-GO" and r["evaluated"] is False and r["exit_code"] == 2
    assert "unknown key 'pas' in [score]" in r["reason"]
    assert "pas" in result.output
    assert "could not evaluate" in (project / "reports" / "readiness.md").read_text()
    assert "could not evaluate" in (project / "reports" / "junit.xml").read_text()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--suites", "stubb"], "unknown suite 'stubb'"),
        (["--profile", "nightly"], "unknown profile 'nightly'"),
        (["--fault", "em-order-not-sent"], "cannot be used with --target"),
    ],
    ids=["unknown suite", "unknown profile", "fault with a target"],
)
def test_bad_command_line_choices_give_exit_2(bdd_project, args, message) -> None:
    project = bdd_project()
    result = gate(project, "--target", NOWHERE, *args)
    assert result.exit_code == 2, result.output
    assert message in readiness(project)["reason"]


def test_a_standard_suite_without_a_runner_fails_closed(bdd_project, monkeypatch) -> None:
    monkeypatch.delitem(BUILT_IN, "e2e")  # every standard suite has a runner now: take one away
    project = bdd_project("passing")
    result = gate(project, "--target", NOWHERE, "--suites", "junit,e2e")
    assert result.exit_code == 1, result.output
    assert "not available" in check(project, "e2e.ran")["detail"]


def test_fail_fast_stops_the_remaining_suites_after_the_first_no_go(bdd_project) -> None:
    project = bdd_project("passing")
    result = gate(project, "--target", NOWHERE, "--suites", "crash,junit", "--fail-fast")
    assert result.exit_code == 1
    stub = next(s for s in readiness(project)["suites"] if s["name"] == "junit")
    assert stub["status"] == "not_run" and "--fail-fast" in stub["error"]


def test_a_scenario_that_passed_at_the_last_go_and_fails_now_is_listed_as_a_regression(bdd_project, monkeypatch) -> None:
    project = bdd_project("passing", gate_toml=GATE_TOML.replace("timeout_s = 60", "timeout_s = 60\nrerun_failed = false"))
    last_go = {"time": "2026-11-20T10:00:00+00:00", "verdict": "GO", "profile": "ci", "score": 100,
               "scenarios": {"features/sharing.feature::A curfew is sent to the provider": "passed"}}
    (project / "reports").mkdir()
    (project / "reports" / "history.jsonl").write_text(json.dumps(last_go) + "\n")
    monkeypatch.setenv("BREAK_SHARING", "1")
    assert gate(project, "--target", NOWHERE, "--suites", "stub").exit_code == 1
    r = readiness(project)
    assert r["regressions"][0]["name"] == "A curfew is sent to the provider"
    assert check(project, "regression.scenarios")["status"] == "fail"
    assert "Regressions since the last GO" in (project / "reports" / "readiness.md").read_text()

    listed = runner.invoke(app, ["history", "--report-dir", str(project / "reports"), "--json"])
    entries = [json.loads(line) for line in listed.output.splitlines()]
    assert [e["verdict"] for e in entries] == ["NO-GO", "GO"]  # newest first
    assert entries[1]["scenarios"] == {"features/sharing.feature::A curfew is sent to the provider": "passed"}
    table = runner.invoke(app, ["history", "--report-dir", str(project / "reports")])
    assert "NO-GO" in table.output and table.exit_code == 0


def test_report_re_renders_the_last_run_and_keeps_its_exit_code(failed_run) -> None:
    project, _ = failed_run
    (project / "reports" / "readiness.html").unlink()
    result = runner.invoke(app, ["report", "--report-dir", str(project / "reports")])
    assert result.exit_code == 1
    assert "NO-GO" in (project / "reports" / "readiness.html").read_text()


def test_report_without_a_previous_run_gives_exit_2(tmp_path: Path) -> None:
    assert runner.invoke(app, ["report", "--report-dir", str(tmp_path)]).exit_code == 2


def test_a_failing_allure_generation_is_a_warning_not_a_crash(bdd_project, monkeypatch) -> None:
    import release_gate.reports.allure as allure

    monkeypatch.setattr(allure, "allure_command", lambda root: [sys.executable, "-c", "import sys; sys.exit(1)"])
    project = bdd_project(gate_toml=GATE_TOML + ALLURE_WRITING_SUITE)
    result = runner.invoke(app, ["run", "--config", str(project / "gate.toml"), "--report-dir",
                                 str(project / "reports"), "--target", NOWHERE, "--suites", "allured", "--allure"])
    assert result.exit_code == 0, result.output
    assert any("Allure report failed" in w for w in readiness(project)["warnings"])


def test_without_a_target_the_gate_starts_the_platform_with_the_faults_and_stops_it(bdd_project) -> None:
    project = bdd_project("passing")
    write_fake_platform(project)
    result = gate(project, "--suites", "junit", "--fault", "em-order-not-sent", "--fault", "name-rejected")
    assert result.exit_code == 0, result.output
    started = json.loads((project / "platform-args.json").read_text())
    args = started["args"]
    assert args[:2] == ["serve", "--host"] and "--test-mode" in args
    assert args.count("--fault") == 2 and "em-order-not-sent" in args and "name-rejected" in args
    r = readiness(project)
    assert r["embedded_platform"] is True and r["target"].startswith("http://127.0.0.1:")
    assert r["faults"] == ["em-order-not-sent", "name-rejected"]
    with pytest.raises(ProcessLookupError):
        os.kill(started["pid"], 0)


def test_a_platform_that_exits_before_it_is_ready_gives_exit_2_with_its_output(bdd_project, monkeypatch) -> None:
    project = bdd_project("passing")
    write_fake_platform(project)
    monkeypatch.setenv("FAKE_PLATFORM_MODE", "exit")
    result = gate(project, "--suites", "junit")
    assert result.exit_code == 2, result.output
    reason = readiness(project)["reason"]
    assert "exited with code 3" in reason and "database is locked" in reason


def test_a_platform_that_never_becomes_ready_gives_exit_2(bdd_project, monkeypatch) -> None:
    project = bdd_project("passing", gate_toml=GATE_TOML.replace("platform_ready_timeout_s = 20",
                                                                 "platform_ready_timeout_s = 1"))
    write_fake_platform(project)
    monkeypatch.setenv("FAKE_PLATFORM_MODE", "never")
    result = gate(project, "--suites", "junit")
    assert result.exit_code == 2, result.output
    assert "not ready after 1 s" in readiness(project)["reason"]


SIDE_BY_SIDE_SUITES = """
[suites.left]
kind = "command"
command = ["{python}", "{project_root}/timed.py", "{target}", "{evidence_dir}", "{junit}"]

[suites.right]
kind = "command"
command = ["{python}", "{project_root}/timed.py", "{target}", "{evidence_dir}", "{junit}"]

[suites.third]
kind = "command"
command = ["{python}", "{project_root}/timed.py", "{target}", "{evidence_dir}", "{junit}"]

[profiles.lanes]
suites = ["left", "right", "junit"]
parallel = [["left", "right"]]

[profiles.two_at_a_time]
suites = ["left", "right", "third"]
parallel = [["left", "right", "third"]]
parallel_limit = 2
"""

TIMED_SUITE = """
import json, pathlib, sys, time
target, evidence, junit = sys.argv[1:4]
began = time.time()
time.sleep(1.5)
pathlib.Path(evidence, "span.json").write_text(json.dumps({"target": target, "began": began, "ended": time.time()}))
pathlib.Path(junit).write_text("<testsuite><testcase classname='c' name='ok'/></testsuite>")
"""


def _timed_project(bdd_project, *, embedded: bool) -> Path:
    """The stub project with the timed suites (and, for an embedded run, the fake platform)."""
    project = bdd_project(gate_toml=GATE_TOML + SIDE_BY_SIDE_SUITES)
    if embedded:
        write_fake_platform(project)
    (project / "timed.py").write_text(TIMED_SUITE)
    return project


def _span(project: Path, suite: str) -> dict:
    return json.loads((project / "reports" / "evidence" / suite / "span.json").read_text())


def test_a_parallel_group_runs_side_by_side_each_on_an_embedded_platform_of_its_own(bdd_project) -> None:
    project = _timed_project(bdd_project, embedded=True)
    result = gate(project, "--profile", "lanes")
    assert result.exit_code == 0, result.output
    left, right = _span(project, "left"), _span(project, "right")
    assert left["target"] != right["target"]
    assert left["began"] < right["ended"] and right["began"] < left["ended"], "the two suites did not overlap"
    r = readiness(project)
    assert r["lanes"] == [["left", "right"], ["junit"]]
    assert r["target"] == left["target"]  # the first of a group uses the main platform, later suites too
    logs = {s["name"]: s["evidence"]["platform_log"] for s in r["suites"]}
    assert {logs["left"], logs["right"]} == {"platform.log", "platform-2.log"} and logs["junit"] == "platform.log"
    assert (project / "reports" / "platform-2.log").is_file()
    assert "left and right side by side" in (project / "reports" / "readiness.md").read_text()


def test_against_a_target_a_parallel_group_runs_one_by_one_and_says_why(bdd_project) -> None:
    project = _timed_project(bdd_project, embedded=False)
    result = gate(project, "--profile", "lanes", "--target", NOWHERE)
    assert result.exit_code == 0, result.output
    left, right = _span(project, "left"), _span(project, "right")
    assert left["ended"] <= right["began"]
    r = readiness(project)
    assert r["lanes"] == [["left"], ["right"], ["junit"]]
    assert any("one after another" in w for w in r["warnings"])


def test_a_parallel_limit_starts_the_next_suite_of_a_group_when_one_ends_on_the_platform_it_freed(bdd_project) -> None:
    project = _timed_project(bdd_project, embedded=True)
    result = gate(project, "--profile", "two_at_a_time")
    assert result.exit_code == 0, result.output
    spans = {name: _span(project, name) for name in ("left", "right", "third")}
    first_end = min(spans["left"]["ended"], spans["right"]["ended"])
    assert spans["left"]["began"] < spans["right"]["ended"] and spans["right"]["began"] < spans["left"]["ended"]
    assert spans["third"]["began"] >= first_end, "a third suite ran while two were still running"
    assert spans["third"]["target"] in {spans["left"]["target"], spans["right"]["target"]}
    assert not (project / "reports" / "platform-3.log").exists()
    assert "left, right and third side by side, 2 at a time" in (project / "reports" / "readiness.md").read_text()
