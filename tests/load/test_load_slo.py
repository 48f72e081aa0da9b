"""SLO evaluation: per-group percentiles, failures and throughput against load/slo.toml."""

from __future__ import annotations

import pytest

from load.slo import DEFAULT_SLO_FILE, breaches, evaluate, load, parse, passed

RULES = parse({
    "target": {"multiplier": 10},
    "groups": {"share": {"p95_ms": 300, "p99_ms": 600}, "read": {"p95_ms": 150}},
    "failures": {"max_ratio": 0.0},
    "throughput": {"min_ratio_of_planned": 0.9},
})


def figures(share_p95=120.0, share_p99=250.0, read_p95=40.0, failures=0, requests=1000, ratio=0.97):
    return {
        "groups": {"share": {"p95_ms": share_p95, "p99_ms": share_p99}, "read": {"p95_ms": read_p95, "p99_ms": 90.0}},
        "total": {"requests": requests, "failures": failures, "failure_ratio": failures / requests if requests else 0.0},
        "throughput": {"ratio": ratio},
    }


def by_id(outcomes):
    return {o.id: o for o in outcomes}


def test_a_run_within_every_objective_passes():
    outcomes = evaluate(RULES, figures())
    assert passed(outcomes)
    assert set(by_id(outcomes)) == {"share.p95", "share.p99", "read.p95", "failure_ratio", "throughput"}


def test_sharing_results_slower_than_300_ms_at_p95_breaks_the_slo():
    outcomes = evaluate(RULES, figures(share_p95=310.0))
    assert not passed(outcomes)
    assert breaches(outcomes) == ["share.p95 = 310.0 (limit 300)"]


def test_exactly_the_limit_still_holds():
    assert passed(evaluate(RULES, figures(share_p95=300.0, read_p95=150.0)))


def test_a_single_failed_request_breaks_a_zero_failure_objective():
    assert by_id(evaluate(RULES, figures(failures=1)))["failure_ratio"].ok is False


def test_falling_behind_the_planned_requests_breaks_throughput():
    assert by_id(evaluate(RULES, figures(ratio=0.85)))["throughput"].ok is False


def test_a_run_that_made_no_requests_fails_rather_than_passes():
    outcomes = by_id(evaluate(RULES, {"groups": {}, "total": {"requests": 0, "failure_ratio": 0.0},
                                      "throughput": {"ratio": None}}))
    assert outcomes["failure_ratio"].ok is False
    assert outcomes["throughput"].ok is False
    assert outcomes["share.p95"].ok is True  # no share was slow; the run fails on the other two


def test_the_project_slo_file_sets_the_release_objectives():
    rules = load(DEFAULT_SLO_FILE)
    assert rules.target_multiplier == 10
    assert rules.groups["share"]["p95_ms"] == 300
    assert rules.groups["read"]["p95_ms"] == 150
    assert rules.max_failure_ratio == 0.0
    assert rules.latency_limits()["share"] == 300


def test_a_misspelt_key_in_the_slo_file_is_refused():
    with pytest.raises(ValueError, match="p59_ms"):
        parse({"groups": {"share": {"p59_ms": 300}}})
    with pytest.raises(ValueError, match="throughputs"):
        parse({"throughputs": {}})
