"""`release-gate prove`: ordering the suites, reading outcomes, and the sensitivity / specificity arithmetic."""

from __future__ import annotations

import json

import pytest

from release_gate.errors import CannotEvaluate
from release_gate.prove import FaultSpec, Outcome, ProveResult, gate_command, read_outcome, select_faults, suite_order
from release_gate.reports.prove_report import render_html_section, render_markdown

CATALOGUE = [FaultSpec("em-order-not-sent", "No EM order", "acceptance"),
             FaultSpec("slow-case-search", "Slow search", "load"),
             FaultSpec("lost-update", "Lost update", "properties")]


def outcome(name, verdict, **suites):
    return Outcome(name, verdict, 0 if verdict == "GO" else 1, 12.0, suites)


def test_the_expected_suite_runs_first_so_a_catch_ends_the_run_early():
    assert suite_order(["acceptance", "properties", "load"], "load") == ["load", "acceptance", "properties"]
    assert suite_order(["acceptance"], "e2e") == ["e2e", "acceptance"]


def test_a_fault_run_seeds_the_fault_with_fail_fast(tmp_path):
    command = gate_command("py", profile="ci", report_dir=tmp_path, config=tmp_path / "gate.toml",
                           suites=["load", "acceptance"], fault="slow-case-search")
    assert command[:3] == ["py", "-m", "release_gate"]
    assert command[-3:] == ["--fault", "slow-case-search", "--fail-fast"]
    assert "load,acceptance" in command


def test_the_clean_run_has_no_fault_and_no_fail_fast(tmp_path):
    command = gate_command("py", profile="ci", report_dir=tmp_path, config=tmp_path / "g.toml", suites=None, fault=None)
    assert "--fault" not in command and "--fail-fast" not in command


def test_faults_are_selected_by_name_and_unknown_names_are_refused():
    assert [f.name for f in select_faults(CATALOGUE, "all")] == [f.name for f in CATALOGUE]
    assert [f.name for f in select_faults(CATALOGUE, "lost-update")] == ["lost-update"]
    with pytest.raises(CannotEvaluate, match="nope"):
        select_faults(CATALOGUE, "lost-update,nope")


def test_only_a_suite_that_failed_a_check_caught_the_fault_not_one_that_errored_or_did_not_run():
    o = outcome("f", "NO-GO", acceptance="failed", properties="error", load="not_run", e2e="passed")
    assert o.caught_by == ["acceptance"]
    assert o.errored_in == ["properties"]


def test_a_fault_whose_expected_suite_only_timed_out_is_a_gap():
    result = ProveResult("ci", outcome("clean", "GO"), [(CATALOGUE[0], outcome("a", "NO-GO", acceptance="error"))], 9.0)
    assert result.sensitivity == 1.0 and result.gaps == ["em-order-not-sent"]


def test_a_missing_readiness_file_reads_as_no_go_with_the_reason(tmp_path):
    o = read_outcome("f", tmp_path, 2, 3.0)
    assert o.verdict == "NO-GO" and "readiness.json" in o.reason


def test_an_outcome_is_read_from_readiness_json(tmp_path):
    (tmp_path / "readiness.json").write_text(json.dumps(
        {"verdict": "NO-GO", "suites": [{"name": "acceptance", "status": "failed"}]}))
    assert read_outcome("f", tmp_path, 1, 3.0).caught_by == ["acceptance"]


def test_all_caught_by_their_suites_and_a_clean_go_is_full_marks():
    result = ProveResult("ci", outcome("clean", "GO", acceptance="passed"), [
        (CATALOGUE[0], outcome("a", "NO-GO", acceptance="failed")),
        (CATALOGUE[1], outcome("b", "NO-GO", load="failed", acceptance="not_run")),
    ], 60.0)
    assert (result.sensitivity, result.specificity, result.passed) == (1.0, 1.0, True)


def test_an_escaped_fault_lowers_sensitivity_and_fails_the_proof():
    result = ProveResult("ci", outcome("clean", "GO"), [
        (CATALOGUE[0], outcome("a", "NO-GO", acceptance="failed")),
        (CATALOGUE[1], outcome("b", "GO", load="passed", acceptance="passed")),
    ], 60.0)
    assert result.sensitivity == 0.5 and result.escaped == ["slow-case-search"] and not result.passed


def test_a_fault_caught_only_by_the_wrong_suite_is_a_gap():
    result = ProveResult("ci", outcome("clean", "GO"), [
        (CATALOGUE[2], outcome("c", "NO-GO", properties="passed", acceptance="failed")),
    ], 60.0)
    assert result.sensitivity == 1.0 and result.gaps == ["lost-update"] and not result.passed


def test_a_clean_build_judged_no_go_has_no_specificity():
    result = ProveResult("ci", outcome("clean", "NO-GO", acceptance="failed"), [], 60.0)
    assert result.specificity == 0.0 and not result.passed


def test_prove_json_has_the_stable_keys_and_the_reports_render():
    result = ProveResult("ci", outcome("clean", "GO", acceptance="passed"), [
        (CATALOGUE[0], outcome("a", "NO-GO", acceptance="failed")),
    ], 60.0)
    summary = result.as_json()
    assert {"sensitivity", "specificity", "clean", "faults"} <= summary.keys()
    assert set(summary["faults"][0]) >= {"name", "verdict", "caught_by", "expected_suite", "duration_s"}
    assert 0 <= summary["sensitivity"] <= 1 and summary["clean"]["verdict"] == "GO"
    assert "caught (expected)" in render_markdown(summary, ["acceptance"])
    assert "em-order-not-sent" in render_html_section(summary, ["acceptance"])
