"""Checks shared by every suite whose evidence is JUnit XML (and, for Gherkin suites, scenarios)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from release_gate.checks import CheckSpec, Measurement
from release_gate.model import NOT_PASSING, SuiteResult


def suite_spec(suite: str, name: str, title: str, direction: str, threshold: float, *, weight: float, key: bool,
               unit: str = "", warn_limit: float | None = None) -> CheckSpec:
    """A check of one suite: its id is `suite.name`."""
    return CheckSpec(f"{suite}.{name}", suite, title, direction, threshold, warn_limit=warn_limit, weight=weight,
                     key=key, unit=unit)


def junit_specs(suite: str, *, flaky: bool = True) -> list[CheckSpec]:
    specs = [
        CheckSpec(f"{suite}.pass_rate", suite, f"Share of {suite} tests that passed", "min", 1.0, weight=3, key=True),
        CheckSpec(f"{suite}.duration_s", suite, f"Time the {suite} suite took", "max", 600, weight=1, unit="s"),
    ]
    if flaky:
        specs.insert(
            1,
            CheckSpec(
                f"{suite}.flaky",
                suite,
                "Tests that failed first and passed on a rerun",
                "max",
                0,
                warn_limit=3,
                weight=1,
                key=True,
                unit="tests",
                params={"blocking_tags": ["critical"]},
            ),
        )
    return specs


def tag_spec(suite: str, tag: str, weight: float = 2.0) -> CheckSpec:
    return CheckSpec(
        f"{suite}.{tag}",
        suite,
        f"Every @{tag} scenario passed",
        "max",
        0,
        weight=weight,
        key=True,
        unit="scenarios",
        params={"require_scenarios": True},
    )


def _names(items: Sequence[str], limit: int = 5) -> str:
    shown = "; ".join(items[:limit])
    return shown + (f"; and {len(items) - limit} more" if len(items) > limit else "")


def measure_tests(result: SuiteResult, specs: Mapping[str, CheckSpec]) -> list[Measurement]:
    """`SUITE.ran`, `SUITE.pass_rate`, `SUITE.flaky` and `SUITE.duration_s` from the final test outcomes."""
    suite, junit = result.name, result.evidence.get("junit")
    executed = result.executed
    out = []
    ran_detail = f"{len(executed)} tests executed"
    if result.tests and not executed:
        ran_detail = f"all {len(result.tests)} tests were skipped"
    out.append(Measurement(f"{suite}.ran", len(executed), ran_detail, junit))
    if f"{suite}.pass_rate" in specs:
        if executed:
            failing = [t.node_id or t.name for t in executed if t.status in NOT_PASSING]
            detail = f"{result.passed} of {len(executed)} passed"
            if result.flaky:
                detail += f" ({result.flaky} only on rerun)"
            if failing:
                detail += f"; failing: {_names(failing)}"
            out.append(Measurement(f"{suite}.pass_rate", round(result.passed / len(executed), 4), detail, junit))
        else:
            out.append(Measurement(f"{suite}.pass_rate", None, evidence=junit, error="no test was executed"))
    if f"{suite}.flaky" in specs:
        out.append(_measure_flaky(result, specs[f"{suite}.flaky"], junit))
    if f"{suite}.duration_s" in specs:
        out.append(Measurement(f"{suite}.duration_s", round(result.duration_s, 1), "", result.evidence.get("log")))
    return out


def _measure_flaky(result: SuiteResult, spec: CheckSpec, junit: str | None) -> Measurement:
    flaky = [t.node_id or t.name for t in result.tests if t.flaky]
    blocking_tags = set(spec.params.get("blocking_tags", []))
    blocking = [s for s in result.scenarios if s.flaky and blocking_tags & set(s.tags)]
    detail = f"flaky: {_names(flaky)}" if flaky else "no test needed a rerun"
    force = None
    if blocking:
        tags = ", ".join(f"@{t}" for t in sorted(blocking_tags))
        force = f"flaky {tags} scenario(s): {_names([f'{s.feature}: {s.name}' for s in blocking])}"
    return Measurement(f"{result.name}.flaky", len(flaky), detail, junit, force_fail=force)


def measure_tags(result: SuiteResult, tags: Sequence[str], specs: Mapping[str, CheckSpec]) -> list[Measurement]:
    """`SUITE.TAG`: how many scenarios carrying the tag did not pass (0 passes)."""
    out = []
    evidence = result.evidence.get("cucumber") or result.evidence.get("allure_results")
    for tag in tags:
        check_id = f"{result.name}.{tag}"
        if check_id not in specs:
            continue
        if result.scenario_evidence is None:
            out.append(
                Measurement(check_id, None, error="no scenario evidence (Cucumber JSON or Allure results) to judge by")
            )
            continue
        tagged = [s for s in result.scenarios if tag in s.tags]
        failing = [s for s in tagged if s.status in NOT_PASSING]
        if not tagged:
            if specs[check_id].params.get("require_scenarios", True):
                out.append(Measurement(check_id, 0, "", evidence, force_fail=f"no @{tag} scenario ran in this run"))
            else:
                out.append(Measurement(check_id, None, f"no @{tag} scenario in this run"))
            continue
        if failing:
            names = [f"{s.feature}: {s.name}" + (f" (at '{s.failing_step}')" if s.failing_step else "") for s in failing]
            detail = f"{len(failing)} of {len(tagged)} @{tag} scenarios failed: {_names(names)}"
        else:
            detail = f"all {len(tagged)} @{tag} scenarios passed"
        out.append(Measurement(check_id, len(failing), detail, evidence))
    return out
