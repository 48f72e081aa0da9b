"""From suite results to checks and a verdict under the policy, including regressions against the last GO."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from release_gate.checks import SKIP, CheckResult, CheckSpec, Evaluation, Measurement, decide, error_result, judge
from release_gate.model import NOT_PASSING, PASSED, SuiteResult
from release_gate.policy import Policy, Profile, RegressionPolicy
from release_gate.suites.base import Suite


def suite_checks(suite: Suite, result: SuiteResult, specs: Mapping[str, CheckSpec]) -> list[CheckResult]:
    """The checks of one suite. A suite that could not be judged puts every one of its checks in error."""
    own = [spec for spec in specs.values() if spec.suite == suite.name]
    if result.error:
        reason = f"{'not run' if result.not_run else 'suite error'}: {result.error}"
        evidence = result.evidence.get("log")
        return [error_result(spec, reason, evidence) for spec in own]
    measured = {m.check_id: m for m in suite.measure(result, specs)}
    out = []
    for spec in own:
        measurement = measured.get(spec.id) or Measurement(spec.id, None, error="the suite measured nothing for it")
        out.append(judge(spec, measurement))
    return out


def regression_specs(policy: RegressionPolicy, selected: Mapping[str, CheckSpec]) -> list[CheckSpec]:
    specs = [
        CheckSpec(
            "regression.scenarios",
            "gate",
            "No scenario that passed at the last GO fails now",
            "max",
            0,
            weight=policy.scenarios_weight,
            key=policy.scenarios_key,
            unit="scenarios",
        )
    ]
    for check_id, limit in policy.max_regression.items():
        if check_id in selected:
            specs.append(
                CheckSpec(
                    f"regression.{check_id}",
                    "gate",
                    f"{selected[check_id].title}: at most {limit:.0%} worse than at the last GO",
                    "max",
                    limit,
                    weight=policy.metrics_weight,
                    key=policy.metrics_key,
                    unit="ratio",
                )
            )
    return specs


def regressions(
    baseline: Mapping[str, Any] | None,
    results: Sequence[SuiteResult],
    checks: Sequence[CheckResult],
    specs: Sequence[CheckSpec],
) -> tuple[list[CheckResult], list[dict[str, Any]]]:
    """Compare with the baseline history entry: scenarios that passed then and fail now, figures that got
    worse by more than the policy allows."""
    out, found = [], []
    when = baseline.get("time", "?") if baseline else None
    for spec in specs:
        if baseline is None:
            out.append(judge(spec, Measurement(spec.id, None, "no earlier GO run of this profile to compare with")))
            continue
        if spec.id == "regression.scenarios":
            passed_then = {sid for sid, status in baseline.get("scenarios", {}).items() if status == PASSED}
            now = [s for r in results for s in r.scenarios if s.id in passed_then and s.status in NOT_PASSING]
            for s in now:
                found.append({"kind": "scenario", "id": s.id, "suite": s.suite, "feature": s.feature,
                              "name": s.name, "was": PASSED, "now": s.status})
            names = "; ".join(f"{s.feature}: {s.name}" for s in now[:5])
            detail = f"passed at the last GO ({when}), fail now: {names}" if now else f"none since {when}"
            out.append(judge(spec, Measurement(spec.id, len(now), detail, "history.jsonl")))
            continue
        check_id = spec.id.removeprefix("regression.")
        current = next((c for c in checks if c.id == check_id), None)
        before = baseline.get("figures", {}).get(check_id)
        if current is None or current.value is None or current.status == "error" or not before:
            out.append(judge(spec, Measurement(spec.id, None, "no figure to compare with")))
            continue
        worse = (current.value - before) / before if current.direction == "max" else (before - current.value) / before
        detail = f"{before:g} at the last GO ({when}) -> {current.value:g} now ({worse:+.0%})"
        if worse > spec.threshold:
            found.append({"kind": "metric", "id": check_id, "was": before, "now": current.value,
                          "change": round(worse, 4), "limit": spec.threshold})
        out.append(judge(spec, Measurement(spec.id, round(worse, 4), detail, current.evidence)))
    return out, found


def evaluate(
    policy: Policy,
    profile: Profile,
    suites: Mapping[str, Suite],
    results: Sequence[SuiteResult],
    baseline: Mapping[str, Any] | None,
) -> tuple[Evaluation, list[dict[str, Any]]]:
    """All checks of all selected suites plus the regression checks, then the verdict."""
    names = [r.name for r in results]
    specs = policy.check_specs(profile, names)
    checks: list[CheckResult] = []
    for result in results:
        checks += suite_checks(suites[result.name], result, specs)
    extra, found = regressions(baseline, results, checks, regression_specs(policy.regression, specs))
    checks += extra
    return decide(checks, policy.pass_score, policy.warn_score), found


def blocks(checks: Sequence[CheckResult]) -> bool:
    return any(c.blocks for c in checks if c.status != SKIP)
