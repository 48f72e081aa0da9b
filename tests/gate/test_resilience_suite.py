"""The gate's resilience suite: its command, the checks it reads from resilience.json, the reconciliation it
feeds into readiness.json (summed with the load suite's), and the access matrix in the HTML report."""

from __future__ import annotations

import json
from pathlib import Path

from release_gate.checks import Evaluation, Measurement, judge
from release_gate.evaluate import suite_checks
from release_gate.model import PASSED, SuiteResult, TestOutcome
from release_gate.processes import ProcessOutcome
from release_gate.reports.html import render_html
from release_gate.reports.readiness import build_readiness
from release_gate.suites import build_registry
from release_gate.suites.base import SuiteContext
from release_gate.suites.resilience import ResilienceSuite

JUNIT = """<?xml version="1.0"?><testsuites><testsuite name="pytest" tests="1">
<testcase classname="resilience.test_crash_recovery" name="test_a_crash" time="30"/></testsuite></testsuites>"""


def context(tmp_path: Path, **options) -> SuiteContext:
    suite = ResilienceSuite()
    values = {name: spec.default for name, spec in suite.option_specs().items()} | options
    return SuiteContext(project_root=tmp_path, report_dir=tmp_path, evidence_dir=tmp_path / "evidence" / "resilience",
                        allure_dir=tmp_path / "allure", target="http://127.0.0.1:8000",
                        provider_url="http://127.0.0.1:8001", seed=7, timeout_s=300, options=values, workers=4,
                        python="python")


def evidence(missing=0, duplicates=0, half_written=0, trials=3, winners=5, wrong_cells=0):
    race = {"races": 5, "contenders": 8, "winners": winners, "conflicts": 35}
    return {
        "database": "sqlite", "seed": 7, "trials": trials, "trials_requested": trials, "orders_shared": 30,
        "orders_recorded": 31, "orders_delivered": 31 - missing, "missing": missing, "duplicates": duplicates,
        "half_written": half_written, "unacknowledged": missing, "p50_delivery_s": 0.1, "p95_delivery_s": 0.4,
        "max_delivery_s": 0.9, "server_errors": {"requests": 180, "server_errors": 0},
        "scenarios": {"concurrent_shares": race, "concurrent_drafts": race},
        "access_matrix": {"cells": 486, "tested": 486, "untested": 0, "wrong": wrong_cells, "forbidden": 214,
                          "refused": 214 - wrong_cells},
        "problems": [],
    }


def run(tmp_path: Path, figures: dict) -> tuple[ResilienceSuite, SuiteResult]:
    suite, ctx = ResilienceSuite(), context(tmp_path)
    ctx.evidence_dir.mkdir(parents=True)
    (ctx.evidence_dir / "junit.xml").write_text(JUNIT)
    (ctx.evidence_dir / "resilience.json").write_text(json.dumps(figures))
    matrix = {"roles": ["not signed in"], "summary": figures["access_matrix"], "actions": [
        {"channel": "api", "method": "GET", "path": "/api/v1/cases/{urn}", "title": "read a case",
         "cells": {"not signed in": {"expected": "sign-in", "tested": True, "as_expected": True, "actual": "sign-in"}}}]}
    (ctx.evidence_dir / "access-matrix.json").write_text(json.dumps(matrix))
    result = SuiteResult(name="resilience")
    suite.parse_evidence(ctx, ProcessOutcome(0, False, 60.0), result)
    return suite, result


def checks(suite: ResilienceSuite, result: SuiteResult) -> dict[str, str]:
    specs = {spec.id: spec for spec in suite.check_specs()}
    return {c.id: c.status for c in suite_checks(suite, result, specs)}


def test_the_suite_is_registered_runs_in_one_process_and_passes_trials_seed_and_evidence_folder(tmp_path):
    assert isinstance(build_registry()["resilience"], ResilienceSuite)
    command = ResilienceSuite().build_command(context(tmp_path, trials=12))
    assert "resilience" in command and "--resilience-trials=12" in command and "--resilience-seed=7" in command
    assert f"--resilience-evidence={tmp_path / 'evidence' / 'resilience'}" in command
    assert "-n" not in command, "processes are killed and faults injected: never under xdist"


def test_a_clean_run_passes_every_check_and_feeds_the_reconciliation(tmp_path):
    suite, result = run(tmp_path, evidence())
    assert set(checks(suite, result).values()) == {"pass"}, checks(suite, result)
    assert result.reconciliation["recorded"] == 31 and result.reconciliation["missing"] == 0
    assert result.access_matrix["summary"]["cells"] == 486


def test_a_lost_duplicated_or_half_written_order_fails_its_key_check(tmp_path):
    suite, result = run(tmp_path, evidence(missing=1, duplicates=2, half_written=1))
    found = checks(suite, result)
    assert found["resilience.missing"] == found["resilience.duplicates"] == found["resilience.half_written"] == "fail"


def test_two_winners_of_a_race_or_a_wrong_cell_fail(tmp_path):
    suite, result = run(tmp_path, evidence(winners=6, wrong_cells=1))
    found = checks(suite, result)
    assert found["resilience.conflicts"] == "fail" and found["resilience.access_matrix"] == "fail"


def test_no_crash_trial_is_not_a_pass(tmp_path):
    suite, result = run(tmp_path, evidence(trials=0))
    found = checks(suite, result)
    assert found["resilience.crash_trials"] == "fail" and found["resilience.missing"] == "fail"


def test_missing_evidence_fails_closed(tmp_path):
    suite, ctx = ResilienceSuite(), context(tmp_path)
    ctx.evidence_dir.mkdir(parents=True)
    (ctx.evidence_dir / "junit.xml").write_text(JUNIT)
    result = SuiteResult(name="resilience")
    suite.parse_evidence(ctx, ProcessOutcome(0, False, 60.0), result)
    assert result.error and "resilience.json" in result.error


def test_readiness_sums_the_reconciliation_with_the_load_suites_and_shows_the_access_matrix(tmp_path):
    _, resilience = run(tmp_path, evidence())
    load = SuiteResult(name="load", tests=[TestOutcome("load", "x", PASSED)])
    load.reconciliation = {"recorded": 100, "received": 100, "missing": 0, "duplicates": 0, "p95_delivery_s": 1.2}
    spec = ResilienceSuite().check_specs()[0]
    evaluation = Evaluation(verdict="GO", score=100.0, score_level="pass", checks=[judge(spec, _ran())],
                            reasons=[], blocking=[])
    readiness = build_readiness(evaluation=evaluation, regressions=[], results=[load, resilience],
                                run={"profile": "ci", "duration_s": 1.0})
    assert readiness["reconciliation"]["recorded"] == 131 and readiness["reconciliation"]["p95_delivery_s"] == 1.2
    assert set(readiness["reconciliation"]["by_suite"]) == {"load", "resilience"}
    html = render_html(readiness)
    assert "Access matrix: who may do what" in html and "/api/v1/cases/{urn}" in html


def _ran() -> Measurement:
    return Measurement("resilience.ran", 1)
