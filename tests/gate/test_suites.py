"""The command lines the gate builds for its suites."""

from __future__ import annotations

from pathlib import Path

from release_gate.suites import build_registry
from release_gate.suites.acceptance import acceptance_suite
from release_gate.suites.base import SuiteContext
from release_gate.suites.pytest_suite import PytestSuite


def context(tmp_path: Path, **options) -> SuiteContext:
    return SuiteContext(
        project_root=tmp_path,
        report_dir=tmp_path / "reports",
        evidence_dir=tmp_path / "reports" / "evidence" / "acceptance",
        allure_dir=tmp_path / "reports" / "allure-results" / "acceptance",
        target="http://127.0.0.1:8000",
        provider_url="http://127.0.0.1:8001",
        seed=7,
        timeout_s=60,
        options={**{name: spec.default for name, spec in acceptance_suite().option_specs().items()}, **options},
        python="/venv/bin/python",
    )


def test_the_acceptance_command_runs_the_steps_through_the_api_with_all_evidence(tmp_path: Path) -> None:
    cmd = acceptance_suite().build_command(context(tmp_path))
    evidence = tmp_path / "reports" / "evidence" / "acceptance"
    assert cmd[:4] == ["/venv/bin/python", "-m", "pytest", "steps"]
    for part in ("-p", "no:allure_pytest", "no:cacheprovider", "--target=http://127.0.0.1:8000",
                 "--provider-url=http://127.0.0.1:8001", "--channel=api", f"--junitxml={evidence / 'junit.xml'}",
                 f"--cucumberjson={evidence / 'cucumber.json'}",
                 f"--alluredir={tmp_path / 'reports' / 'allure-results' / 'acceptance'}", "-q"):
        assert part in cmd
    args = cmd[4:]  # after `python -m pytest steps`
    assert "-m" not in args and "-x" not in args and "-n" not in args


def test_a_profile_selection_fail_fast_and_workers_reach_pytest(tmp_path: Path) -> None:
    ctx = context(tmp_path, markers="critical")
    ctx.fail_fast, ctx.workers = True, 2
    args = acceptance_suite().build_command(ctx)[4:]
    assert args[args.index("-m") + 1] == "critical"
    assert "-x" in args and args[args.index("-n") + 1] == "2"


def test_the_rerun_runs_only_the_failed_node_ids_into_separate_evidence(tmp_path: Path) -> None:
    ctx = context(tmp_path, markers="critical")
    ctx.fail_fast = True
    cmd = acceptance_suite().build_command(ctx, ["steps/test_a.py::test_x"], rerun=True)
    assert cmd[3] == "steps/test_a.py::test_x" and "steps" not in cmd
    assert any(part.endswith("junit-rerun.xml") for part in cmd)
    assert any(part.endswith("cucumber-rerun.json") for part in cmd)
    assert "-m" not in cmd[4:] and "-x" not in cmd[4:]


def test_the_browser_suite_records_a_playwright_trace_only_when_it_reruns_a_failed_scenario(tmp_path: Path) -> None:
    from release_gate.suites.e2e import e2e_suite

    suite = e2e_suite()
    first = suite.build_command(context(tmp_path, markers="ui"))
    rerun = suite.build_command(context(tmp_path, markers="ui"), ["steps/test_a.py::test_x"], rerun=True)
    assert "--channel=ui" in first and "--channel=ui" in rerun
    assert "--tracing=retain-on-failure" not in first and "--tracing=retain-on-failure" in rerun
    assert "--tb=short" in first and "--tb=short" in rerun  # tracebacks without the records' contents


def test_an_unknown_provider_url_leaves_the_option_out(tmp_path: Path) -> None:
    ctx = context(tmp_path)
    ctx.provider_url = ""
    cmd = acceptance_suite().build_command(ctx)
    assert not any(part.startswith("--provider-url") for part in cmd)


def test_a_plain_pytest_suite_uses_allure_pytest_instead_of_the_bdd_plugin(tmp_path: Path) -> None:
    suite = PytestSuite("props", paths=["properties"])
    cmd = suite.build_command(context(tmp_path))
    assert cmd[cmd.index("no:allure_pytest_bdd") + 1:cmd.index("no:allure_pytest_bdd") + 3] == ["-p", "allure_pytest"]
    assert not any(part.startswith("--cucumberjson") for part in cmd)


def test_the_registry_knows_every_standard_suite_and_runs_only_acceptance_for_now() -> None:
    registry = build_registry()
    assert {name: suite.kind for name, suite in registry.items()} == {
        "acceptance": "pytest-bdd", "e2e": "pytest-bdd", "properties": "pytest", "load": "load",
        "resilience": "pytest"}
