"""The gate's decision table: what makes GO, what makes NO-GO, and that it always fails closed."""

from __future__ import annotations

import tomllib
from collections.abc import Callable

import pytest

from release_gate.checks import CheckSpec, Measurement, decide, judge, score_of
from release_gate.evaluate import evaluate
from release_gate.model import SuiteResult
from release_gate.policy import Policy, parse_policy
from release_gate.suites.base import PlannedSuite

from .conftest import fail, healthy

POLICY = """
[score]
pass = 95
warn = 98

[profiles.ci]
suites = ["acceptance"]

[profiles.multi]
suites = ["acceptance", "e2e"]

[checks.acceptance.duration_s]
threshold = 100
warn_limit = 200

[regression.max_regression]
"acceptance.duration_s" = 0.5
"""


def policy(text: str = POLICY) -> Policy:
    return parse_policy(tomllib.loads(text))


def crashed(result: SuiteResult) -> SuiteResult:
    result.tests, result.scenarios, result.scenario_evidence = [], [], None
    result.error = "crashed: pytest exited with code 3, internal error"
    return result


def timed_out(result: SuiteResult) -> SuiteResult:
    result.tests, result.scenarios, result.timed_out = [], [], True
    result.error = "timed out after 50 s (killed)"
    return result


def nothing_collected(result: SuiteResult) -> SuiteResult:
    result.tests, result.scenarios = [], []
    result.error = "collected no tests (pytest exit code 5)"
    return result


def no_evidence(result: SuiteResult) -> SuiteResult:
    result.tests, result.scenarios = [], []
    result.error = "wrote no evidence: junit.xml is missing (pytest exit code 0)"
    return result


def no_scenario_evidence(result: SuiteResult) -> SuiteResult:
    result.scenarios, result.scenario_evidence = [], None
    return result


def slow(seconds: float) -> Callable[[SuiteResult], SuiteResult]:
    def change(result: SuiteResult) -> SuiteResult:
        result.duration_s = seconds
        return result

    return change


def all_skipped(result: SuiteResult) -> SuiteResult:
    for t in result.tests:
        t.status = "skipped"
    for s in result.scenarios:
        s.status = "skipped"
    return result


CASES = [
    # what happened, change to a healthy run, verdict, {check: status}
    ("everything passes", lambda r: r, "GO", {"acceptance.ran": "pass", "acceptance.pass_rate": "pass"}),
    ("the suite crashes", crashed, "NO-GO", {"acceptance.ran": "error", "acceptance.pass_rate": "error"}),
    ("the suite times out", timed_out, "NO-GO", {"acceptance.ran": "error"}),
    ("no tests are collected", nothing_collected, "NO-GO", {"acceptance.ran": "error"}),
    ("the evidence is missing", no_evidence, "NO-GO", {"acceptance.ran": "error"}),
    ("no scenario evidence to judge tags by", no_scenario_evidence, "NO-GO", {"acceptance.critical": "error"}),
    ("every test is skipped", all_skipped, "NO-GO", {"acceptance.ran": "fail", "acceptance.pass_rate": "error"}),
    ("a critical scenario fails", lambda r: fail(r, "share"), "NO-GO", {"acceptance.critical": "fail"}),
    ("the incident scenario fails", lambda r: fail(r, "tag"), "NO-GO", {"acceptance.incident": "fail"}),
    ("an ordinary scenario fails", lambda r: fail(r, "list"), "NO-GO", {"acceptance.pass_rate": "fail",
                                                                        "acceptance.critical": "pass"}),
    ("a flaky critical scenario", lambda r: fail(r, "share", flaky=True), "NO-GO", {"acceptance.flaky": "fail",
                                                                                    "acceptance.pass_rate": "pass"}),
    ("a flaky ordinary scenario", lambda r: fail(r, "list", flaky=True), "GO", {"acceptance.flaky": "warn"}),
    ("too many flaky scenarios", lambda r: [fail(r, n, flaky=True) for n in ("list", "search", "tag", "share")][0],
     "NO-GO", {"acceptance.flaky": "fail"}),
    ("slow, inside the warning band", slow(150), "GO", {"acceptance.duration_s": "warn"}),
    ("slow, beyond the warning band (not a key check)", slow(500), "NO-GO", {"acceptance.duration_s": "fail"}),
]


@pytest.mark.parametrize(("change", "verdict", "statuses"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_the_decision_table(change, verdict: str, statuses: dict[str, str]) -> None:
    p = policy()
    evaluation, _ = evaluate(p, p.profile("ci"), p.registry, [change(healthy())], baseline=None)
    got = {c.id: c.status for c in evaluation.checks}
    assert evaluation.verdict == verdict, evaluation.reasons
    for check_id, status in statuses.items():
        assert got[check_id] == status, (check_id, got)


def test_a_failing_key_check_blocks_even_when_the_score_is_high_enough() -> None:
    p = policy(POLICY.replace("pass = 95", "pass = 10"))
    evaluation, _ = evaluate(p, p.profile("ci"), p.registry, [fail(healthy(), "tag")], None)
    assert evaluation.score >= 10
    assert evaluation.verdict == "NO-GO"
    assert "acceptance.incident" in evaluation.blocking


def test_a_failing_check_that_is_not_key_only_lowers_the_score() -> None:
    p = policy(POLICY.replace("pass = 95", "pass = 80"))
    evaluation, _ = evaluate(p, p.profile("ci"), p.registry, [slow(500)(healthy())], None)
    assert evaluation.verdict == "GO"
    assert evaluation.blocking == []
    assert 80 <= evaluation.score < 98 and evaluation.score_level == "warn"


def test_a_score_below_the_pass_level_is_no_go_and_says_so() -> None:
    evaluation, _ = evaluate(policy(), policy().profile("ci"), policy().registry, [slow(500)(healthy())], None)
    assert evaluation.verdict == "NO-GO"
    assert evaluation.blocking == []
    assert any("below the pass level 95" in reason for reason in evaluation.reasons)


def test_a_suite_crash_names_the_cause_in_every_check_it_leaves_unevaluated() -> None:
    evaluation, _ = evaluate(policy(), policy().profile("ci"), policy().registry, [crashed(healthy())], None)
    own = [c for c in evaluation.checks if c.suite == "acceptance"]
    assert own and all(c.status == "error" and "exited with code 3" in c.detail for c in own)
    assert evaluation.score == 0


def test_a_selected_suite_without_a_runner_is_an_error_not_a_silent_skip() -> None:
    p = policy()
    e2e = PlannedSuite("e2e").run(ctx=None)  # a planned suite needs no context to say it is not available
    evaluation, _ = evaluate(p, p.profile("multi"), p.registry, [healthy(), e2e], None)
    check = next(c for c in evaluation.checks if c.id == "e2e.ran")
    assert check.status == "error" and "not available" in check.detail
    assert evaluation.verdict == "NO-GO"


def baseline(scenarios: dict[str, str], duration: float = 30.0) -> dict:
    return {"time": "2026-11-20T10:00:00+00:00", "verdict": "GO", "profile": "ci",
            "figures": {"acceptance.duration_s": duration}, "scenarios": scenarios}


def test_a_scenario_that_passed_at_the_last_go_and_fails_now_is_a_regression() -> None:
    before = baseline({"features/f.feature::list": "passed", "features/f.feature::share": "passed"})
    evaluation, found = evaluate(policy(), policy().profile("ci"), policy().registry, [fail(healthy(), "list")], before)
    check = next(c for c in evaluation.checks if c.id == "regression.scenarios")
    assert (check.status, check.value) == ("fail", 1)
    assert found == [{"kind": "scenario", "id": "features/f.feature::list", "suite": "acceptance",
                      "feature": "Sharing results", "name": "list", "was": "passed", "now": "failed"}]
    assert "regression.scenarios" in evaluation.blocking


def test_a_scenario_that_already_failed_at_the_last_go_is_not_a_regression() -> None:
    before = baseline({"features/f.feature::list": "failed"})
    evaluation, found = evaluate(policy(), policy().profile("ci"), policy().registry, [fail(healthy(), "list")], before)
    assert next(c for c in evaluation.checks if c.id == "regression.scenarios").status == "pass"
    assert found == []


def test_a_figure_that_got_worse_than_the_policy_allows_is_a_regression() -> None:
    evaluation, found = evaluate(policy(), policy().profile("ci"), policy().registry, [slow(60)(healthy())],
                                 baseline({}, duration=30.0))
    check = next(c for c in evaluation.checks if c.id == "regression.acceptance.duration_s")
    assert (check.status, check.value, check.threshold) == ("fail", 1.0, 0.5)
    assert found[0]["kind"] == "metric" and found[0]["change"] == 1.0
    assert evaluation.verdict == "NO-GO"


def test_a_figure_within_its_regression_limit_passes() -> None:
    evaluation, found = evaluate(policy(), policy().profile("ci"), policy().registry, [slow(40)(healthy())],
                                 baseline({}, duration=30.0))
    assert next(c for c in evaluation.checks if c.id == "regression.acceptance.duration_s").status == "pass"
    assert found == [] and evaluation.verdict == "GO"


def test_without_an_earlier_go_the_regression_checks_do_not_count() -> None:
    evaluation, _ = evaluate(policy(), policy().profile("ci"), policy().registry, [healthy()], None)
    regression = [c for c in evaluation.checks if c.id.startswith("regression.")]
    assert regression and all(c.status == "skipped" for c in regression)
    assert evaluation.score == 100


# --- the pieces of the decision ------------------------------------------------------------------------

LATENCY = CheckSpec("load.p95_ms", "load", "p95", "max", 800, warn_limit=1000, weight=2, key=True)
RATE = CheckSpec("x.pass_rate", "x", "rate", "min", 1.0, warn_limit=0.95)


@pytest.mark.parametrize(
    ("spec", "value", "status"),
    [(LATENCY, 700, "pass"), (LATENCY, 800, "pass"), (LATENCY, 900, "warn"), (LATENCY, 1000, "warn"),
     (LATENCY, 1001, "fail"), (RATE, 1.0, "pass"), (RATE, 0.97, "warn"), (RATE, 0.9, "fail")],
)
def test_a_value_passes_warns_or_fails_against_threshold_and_warning_band(spec, value, status) -> None:
    assert judge(spec, Measurement(spec.id, value)).status == status


def test_a_measurement_that_could_not_be_made_is_an_error_and_blocks_even_a_check_that_is_not_key() -> None:
    result = judge(RATE, Measurement(RATE.id, None, error="no JUnit XML"))
    assert (result.status, result.blocks) == ("error", True)


def test_a_forced_failure_fails_whatever_the_value() -> None:
    assert judge(LATENCY, Measurement(LATENCY.id, 0, force_fail="flaky @critical")).status == "fail"


def test_the_score_weighs_checks_and_counts_a_warning_half() -> None:
    checks = [judge(LATENCY, Measurement(LATENCY.id, 900)),  # warn, weight 2 -> 1
              judge(RATE, Measurement(RATE.id, 1.0)),  # pass, weight 1 -> 1
              judge(RATE, Measurement(RATE.id, None))]  # skipped: not counted
    assert score_of(checks) == pytest.approx(100 * 2 / 3, abs=0.1)


def test_no_evaluable_check_at_all_is_no_go() -> None:
    evaluation = decide([judge(RATE, Measurement(RATE.id, None))], 0, 0)
    assert evaluation.verdict == "NO-GO"
