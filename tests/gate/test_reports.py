"""The reports: readiness.json's stable names, the PR comment, the self-contained HTML page, JUnit for CI."""

from __future__ import annotations

import json
import re
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from release_gate.evaluate import evaluate
from release_gate.history import entry_from
from release_gate.model import SuiteResult
from release_gate.policy import parse_policy
from release_gate.reports.allure import allure_command, generate_allure
from release_gate.reports.html import render_html
from release_gate.reports.junit import write_junit
from release_gate.reports.markdown import render_markdown
from release_gate.reports.readiness import build_readiness, cannot_evaluate

from .conftest import fail, healthy

POLICY = parse_policy(tomllib.loads('[profiles.ci]\nsuites = ["acceptance"]\n[profiles.two]\nsuites = ["acceptance", "e2e"]\n'))
RUN = {"profile": "ci", "duration_s": 42.123, "target": "http://127.0.0.1:8000", "provider_url": "http://127.0.0.1:8001",
       "embedded_platform": True, "faults": [], "seeds": {"gate": 7, "acceptance": 7},
       "policy": {"pass_score": 90, "warn_score": 95}, "reports": {"allure": "allure-report/index.html"}}


def readiness_of(*results: SuiteResult, baseline: dict | None = None, profile: str = "ci") -> tuple[dict, list]:
    evaluation, found = evaluate(POLICY, POLICY.profile(profile), POLICY.registry, list(results), baseline)
    return build_readiness(evaluation=evaluation, regressions=found, results=list(results), run=RUN), evaluation.checks


def with_load_evidence(result: SuiteResult) -> SuiteResult:
    result.reconciliation = {"recorded": 1000, "received": 997, "missing": 3, "duplicates": 0, "p95_delivery_s": 4.2}
    result.latency = {"percentiles": {"share results": {"p50": 120, "p95": 480, "p99": 900}},
                      "series": {"share results p95": [[0, 300], [60, 480], [120, 450]]},
                      "slo": {"share results": 800}}
    return result


def test_readiness_json_has_the_stable_top_level_names_and_shapes() -> None:
    r, _ = readiness_of(healthy())
    for name in ("verdict", "score", "profile", "duration_s", "suites", "checks"):
        assert name in r
    assert (r["verdict"], r["score"], r["profile"], r["duration_s"]) == ("GO", 100, "ci", 42.1)
    suite = r["suites"][0]
    assert {"name", "status", "tests", "passed", "failed", "flaky", "skipped", "duration_s"} <= set(suite)
    assert (suite["name"], suite["status"], suite["tests"], suite["passed"]) == ("acceptance", "passed", 4, 4)
    for check in r["checks"]:
        assert {"id", "suite", "status", "key", "value", "threshold", "evidence"} <= set(check)
    ids = [c["id"] for c in r["checks"]]
    assert ids[:6] == ["acceptance.ran", "acceptance.pass_rate", "acceptance.critical", "acceptance.incident",
                       "acceptance.flaky", "acceptance.duration_s"]
    assert r["seeds"] == {"gate": 7, "acceptance": 7}
    assert "reconciliation" not in r  # only once load or resilience evidence exists
    json.dumps(r)  # serialisable as it stands


def test_readiness_json_carries_reconciliation_once_load_evidence_exists() -> None:
    r, _ = readiness_of(with_load_evidence(healthy()))
    assert {"recorded", "received", "missing", "duplicates", "p95_delivery_s"} <= set(r["reconciliation"])
    assert r["reconciliation"]["missing"] == 3


def test_when_the_gate_cannot_evaluate_readiness_json_still_says_no_go_and_why() -> None:
    r = cannot_evaluate("unknown key 'pas' in [score]", {"profile": "ci", "duration_s": 0.2})
    assert (r["verdict"], r["evaluated"], r["exit_code"]) == ("NO-GO", False, 2)
    assert "unknown key 'pas'" in r["reason"]
    assert {"verdict", "score", "profile", "duration_s", "suites", "checks"} <= set(r)


def test_the_pr_comment_gives_the_verdict_the_failed_checks_and_the_regressions() -> None:
    baseline = {"time": "2026-11-20T10:00:00+00:00", "verdict": "GO", "profile": "ci",
                "scenarios": {"features/f.feature::share": "passed"}}
    r, _ = readiness_of(fail(healthy(), "share"), baseline=baseline)
    r["baseline"] = {"time": baseline["time"], "score": 100}
    md = render_markdown(r)
    assert md.startswith("## ❌ Release readiness: **NO-GO**")
    assert "`acceptance.critical`" in md and "`acceptance.pass_rate`" in md
    assert "### Regressions since the last GO (2026-11-20T10:00:00+00:00)" in md
    assert "**Sharing results: share** passed then, failed now" in md
    assert "`acceptance.ran`" not in md.split("<details>")[0]  # passing checks stay out of the way
    assert len(md) < 10_000


def test_the_pr_comment_of_a_go_is_short() -> None:
    md = render_markdown(readiness_of(healthy())[0])
    assert md.startswith("## ✅ Release readiness: **GO**")
    assert "evaluated checks passed" in md


def test_the_html_page_puts_the_verdict_first_and_is_self_contained() -> None:
    r, _ = readiness_of(fail(healthy(), "tag"))
    page = render_html(r)
    assert page.index('<h1 id="verdict">NO-GO</h1>') < page.index("<h2>Checks</h2>")
    assert "<script" not in page and "<link" not in page and "@import" not in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "url(" not in page


def test_the_html_page_shows_every_check_with_its_evidence() -> None:
    r, _ = readiness_of(healthy())
    page = render_html(r)
    for check in r["checks"]:
        assert f'id="check-{check["id"]}"' in page
    assert 'href="evidence/acceptance/junit.xml"' in page
    assert 'href="allure-report/index.html"' in page


def test_the_html_page_tells_a_product_owner_what_works_by_feature_in_plain_words() -> None:
    result = fail(healthy(), "tag")
    failing = next(s for s in result.scenarios if s.name == "tag")
    failing.failing_step, failing.message = "Then the provider has the EM order", "no EM order was sent"
    page = render_html(readiness_of(result)[0])
    assert "What this release does" in page and "Sharing results" in page and "(3 of 4 work)" in page
    assert "Does not work" in page and "Works" in page
    assert "Stopped at: Then the provider has the EM order" in page and "no EM order was sent" in page
    assert "@incident" in page


def test_the_html_page_draws_latency_charts_once_load_evidence_exists() -> None:
    without = render_html(readiness_of(healthy())[0])
    assert "<svg" not in without
    page = render_html(readiness_of(with_load_evidence(healthy()))[0])
    assert page.count("<svg") == 2 and "share results" in page and "<polyline" in page
    assert "Reconciliation" in page


def test_the_html_page_of_a_run_that_could_not_be_evaluated_says_so() -> None:
    page = render_html(cannot_evaluate("the platform exited with code 3:\ndatabase is locked", {"profile": "ci"}))
    assert "NO-GO" in page and "could not evaluate" in page and "database is locked" in page


def test_the_merged_junit_has_a_suite_per_suite_a_suite_for_the_checks_and_marks_flaky_tests(tmp_path: Path) -> None:
    result = fail(healthy(), "list", flaky=True)
    result.tests[2].first_message = "timed out waiting"
    broken = SuiteResult(name="e2e", error="not available: no runner is registered for the e2e suite yet")
    _, checks = readiness_of(result, broken, profile="two")
    write_junit(tmp_path / "junit.xml", [result, broken], checks)
    root = ET.parse(tmp_path / "junit.xml").getroot()
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert set(suites) == {"acceptance", "e2e", "release-gate checks"}
    assert suites["acceptance"].get("tests") == "4"
    assert len(list(suites["acceptance"].iter("flakyFailure"))) == 1
    assert suites["e2e"].find("testcase/error").get("message").startswith("not available")
    errors = sum(1 for c in checks if c.status == "error")  # every check of the suite that could not run
    assert errors >= 1 and suites["release-gate checks"].get("errors") == str(errors)


def test_history_keeps_the_key_figures_and_every_scenario_status() -> None:
    r, _ = readiness_of(with_load_evidence(fail(healthy(), "list")))
    entry = entry_from({**r, "generated_at": "2026-11-27T10:00:00+00:00"})
    assert entry["verdict"] == "NO-GO" and entry["profile"] == "ci" and entry["time"].startswith("2026")
    assert entry["scenarios"]["features/f.feature::list"] == "failed"
    assert entry["figures"]["acceptance.pass_rate"] == 0.75
    assert entry["suites"]["acceptance"] == {"status": "failed", "tests": 4, "passed": 3, "failed": 1, "flaky": 0,
                                             "skipped": 0}


def test_allure_3_writes_the_report_as_one_html_file(tmp_path: Path) -> None:
    if allure_command(Path.cwd()) is None:
        pytest.skip("Allure 3 (npm package `allure`) is not installed")
    results = tmp_path / "allure-results" / "acceptance"
    results.mkdir(parents=True)
    (results / "0d6f6a3e-result.json").write_text(json.dumps({
        "uuid": "0d6f6a3e", "historyId": "h1", "name": "A curfew is sent to the provider", "status": "passed",
        "start": 1, "stop": 2, "labels": [{"name": "feature", "value": "Sharing results"}]}))
    index, warning = generate_allure([results], tmp_path, Path.cwd())
    assert warning is None, warning
    assert index == "allure-report/index.html"
    assert sorted(p.name for p in (tmp_path / "allure-report").glob("*.html")) == ["index.html"]
    assert "singleFile" in (tmp_path / "allurerc.mjs").read_text()
