"""Checks, the score and the verdict: the gate's decision, free of any I/O so it can be tested as a table.

A suite measures a value for each of its checks; the policy says what value passes, where a warning band
ends, how much the check weighs and whether failing it alone blocks the release (`key`). The verdict is GO
only when no check is in error, no key check fails and the weighted score reaches the pass level.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

PASS, WARN, FAIL, ERROR, SKIP = "pass", "warn", "fail", "error", "skipped"
CREDIT = {PASS: 1.0, WARN: 0.5, FAIL: 0.0, ERROR: 0.0}
GO, NO_GO = "GO", "NO-GO"


@dataclass(frozen=True)
class CheckSpec:
    """A check as the policy configures it. `direction` "min": the value must be at least `threshold`
    (a pass rate); "max": at most `threshold` (a count of failures, a latency). Between `threshold` and
    `warn_limit` the check only warns."""

    id: str
    suite: str
    title: str
    direction: str
    threshold: float
    warn_limit: float | None = None
    weight: float = 1.0
    key: bool = False
    unit: str = ""
    params: Mapping[str, Any] = field(default_factory=dict)

    def configured(self, overrides: Mapping[str, Any]) -> CheckSpec:
        """This check with the policy's values laid over the defaults (params by name)."""
        fields = {k: v for k, v in overrides.items() if k in ("threshold", "warn_limit", "weight", "key")}
        params = {k: v for k, v in overrides.items() if k in self.params}
        return replace(self, **fields, params={**self.params, **params})


@dataclass
class Measurement:
    """What a suite found for one check. `error` means it could not be measured (fail closed);
    `value` None means the check does not apply to this run; `force_fail` fails it whatever the value."""

    check_id: str
    value: float | None
    detail: str = ""
    evidence: str | None = None
    error: str | None = None
    force_fail: str | None = None


@dataclass
class CheckResult:
    id: str
    suite: str
    title: str
    status: str
    key: bool
    value: float | None
    threshold: float
    evidence: str | None
    detail: str
    weight: float = 1.0
    warn_limit: float | None = None
    direction: str = "min"
    unit: str = ""

    @property
    def blocks(self) -> bool:
        return self.status == ERROR or (self.key and self.status == FAIL)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "suite": self.suite,
            "status": self.status,
            "key": self.key,
            "value": _json_number(self.value),
            "threshold": _json_number(self.threshold),
            "evidence": self.evidence,
            "title": self.title,
            "detail": self.detail,
            "weight": self.weight,
            "warn_limit": _json_number(self.warn_limit),
            "direction": self.direction,
            "unit": self.unit,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> CheckResult:
        return cls(
            id=data["id"],
            suite=data.get("suite", ""),
            title=data.get("title", data["id"]),
            status=data.get("status", ERROR),
            key=bool(data.get("key", False)),
            value=data.get("value"),
            threshold=data.get("threshold"),
            evidence=data.get("evidence"),
            detail=data.get("detail", ""),
            weight=data.get("weight", 1.0),
            warn_limit=data.get("warn_limit"),
            direction=data.get("direction", "min"),
            unit=data.get("unit", ""),
        )


def _json_number(value: float | None) -> float | None:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return round(value, 4) if isinstance(value, float) else value


def judge(spec: CheckSpec, measurement: Measurement) -> CheckResult:
    """Turn one measurement into pass / warn / fail / error / skipped under its spec."""
    status, detail = _status(spec, measurement)
    return CheckResult(
        id=spec.id,
        suite=spec.suite,
        title=spec.title,
        status=status,
        key=spec.key,
        value=measurement.value,
        threshold=spec.threshold,
        evidence=measurement.evidence,
        detail=detail,
        weight=spec.weight,
        warn_limit=spec.warn_limit,
        direction=spec.direction,
        unit=spec.unit,
    )


def _status(spec: CheckSpec, m: Measurement) -> tuple[str, str]:
    if m.error:
        return ERROR, m.error
    if m.value is None:
        return SKIP, m.detail or "does not apply to this run"
    if m.force_fail:
        return FAIL, m.force_fail
    value = float(m.value)
    if spec.direction == "min":
        meets, within_band = value >= spec.threshold, spec.warn_limit is not None and value >= spec.warn_limit
    else:
        meets, within_band = value <= spec.threshold, spec.warn_limit is not None and value <= spec.warn_limit
    if meets:
        return PASS, m.detail
    return (WARN if within_band else FAIL), m.detail


def error_result(spec: CheckSpec, reason: str, evidence: str | None = None) -> CheckResult:
    return judge(spec, Measurement(spec.id, None, error=reason, evidence=evidence))


@dataclass
class Evaluation:
    verdict: str
    score: float
    score_level: str
    checks: list[CheckResult]
    blocking: list[str]
    reasons: list[str]


def score_of(checks: Iterable[CheckResult]) -> float:
    """Weighted share of passing checks, 0-100; a warning counts half; skipped checks do not count."""
    counted = [c for c in checks if c.status != SKIP]
    total = sum(c.weight for c in counted)
    if total <= 0:
        return 0.0
    return round(100.0 * sum(c.weight * CREDIT[c.status] for c in counted) / total, 1)


def decide(checks: list[CheckResult], pass_score: float, warn_score: float) -> Evaluation:
    """The verdict: GO only with no check in error, no key check failing and the score at the pass level."""
    score = score_of(checks)
    blocking = [c for c in checks if c.blocks]
    failed = []
    # Checks left unevaluated for one cause (a suite that crashed) make one reason, not one each.
    unevaluated: dict[tuple[str, str], list[str]] = {}
    for check in blocking:
        if check.status == ERROR:
            unevaluated.setdefault((check.suite, check.detail), []).append(check.id)
        else:
            failed.append(f"{check.id} failed (key check): {check.detail}" if check.detail else
                          f"{check.id} failed (key check)")
    reasons = [f"{', '.join(ids)} could not be evaluated: {detail}" for (_, detail), ids in unevaluated.items()]
    reasons += failed
    if not [c for c in checks if c.status != SKIP]:
        reasons.append("no check could be evaluated")
    if score < pass_score:
        reasons.append(f"score {score:g} is below the pass level {pass_score:g}")
    level = "fail" if score < pass_score else ("warn" if score < warn_score else "pass")
    verdict = NO_GO if reasons else GO
    return Evaluation(verdict, score, level, checks, [c.id for c in blocking], reasons)
