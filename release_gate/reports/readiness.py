"""readiness.json: the machine-readable verdict. Its top-level names are stable; fields may be added."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from release_gate.checks import NO_GO, Evaluation
from release_gate.model import SuiteResult

RECONCILIATION_KEYS = ("recorded", "received", "missing", "duplicates", "p95_delivery_s")


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _reconciliation(results: Sequence[SuiteResult]) -> dict[str, Any] | None:
    parts = {r.name: r.reconciliation for r in results if r.reconciliation}
    if not parts:
        return None
    if len(parts) == 1:
        return {**next(iter(parts.values())), "by_suite": parts}
    total: dict[str, Any] = {k: sum(p.get(k) or 0 for p in parts.values()) for k in RECONCILIATION_KEYS[:-1]}
    delays = [p.get("p95_delivery_s") for p in parts.values() if p.get("p95_delivery_s") is not None]
    total["p95_delivery_s"] = max(delays) if delays else None
    total["by_suite"] = parts
    return total


def build_readiness(
    *,
    evaluation: Evaluation,
    regressions: Sequence[Mapping[str, Any]],
    results: Sequence[SuiteResult],
    run: Mapping[str, Any],
) -> dict[str, Any]:
    """`run` carries the facts of the run: profile, duration_s, target, provider_url, embedded_platform,
    faults, seeds, policy, baseline, warnings, reports, started_at, lanes (the suites in run order, those of
    one step side by side)."""
    readiness: dict[str, Any] = {
        "verdict": evaluation.verdict,
        "score": evaluation.score,
        "profile": run["profile"],
        "duration_s": round(run["duration_s"], 1),
        "suites": [r.summary() for r in results],
        "lanes": [list(step) for step in run.get("lanes", [[r.name] for r in results])],
        "parallel_limit": run.get("parallel_limit"),
        "checks": [c.to_json() for c in evaluation.checks],
        "exit_code": 0 if evaluation.verdict == "GO" else 1,
        "evaluated": True,
        "reason": "; ".join(evaluation.reasons) or None,
        "reasons": list(evaluation.reasons),
        "score_level": evaluation.score_level,
        "blocking": evaluation.blocking,
        "regressions": list(regressions),
        "generated_at": now_iso(),
        "started_at": run.get("started_at"),
        "target": run.get("target"),
        "provider_url": run.get("provider_url"),
        "embedded_platform": run.get("embedded_platform", False),
        "faults": list(run.get("faults", [])),
        "seeds": dict(run.get("seeds", {})),
        "policy": dict(run.get("policy", {})),
        "baseline": run.get("baseline"),
        "warnings": list(run.get("warnings", [])),
        "reports": dict(run.get("reports", {})),
        "scenarios": [s.to_json() for r in results for s in r.scenarios],
    }
    reconciliation = _reconciliation(results)
    if reconciliation is not None:
        readiness["reconciliation"] = reconciliation
    latency = {r.name: r.latency for r in results if r.latency}
    if latency:
        readiness["latency"] = latency
    matrix = next((r.access_matrix for r in results if r.access_matrix), None)
    if matrix:
        readiness["access_matrix"] = matrix
    return readiness


def cannot_evaluate(reason: str, run: Mapping[str, Any], results: Sequence[SuiteResult] = ()) -> dict[str, Any]:
    """What readiness.json says when the gate could not reach a verdict (exit 2): never GO, and why."""
    return {
        "verdict": NO_GO,
        "score": 0.0,
        "profile": run.get("profile"),
        "duration_s": round(run.get("duration_s", 0.0), 1),
        "suites": [r.summary() for r in results],
        "checks": [],
        "exit_code": 2,
        "evaluated": False,
        "reason": f"could not evaluate: {reason}",
        "reasons": [f"could not evaluate: {reason}"],
        "score_level": "fail",
        "blocking": [],
        "regressions": [],
        "generated_at": now_iso(),
        "started_at": run.get("started_at"),
        "target": run.get("target"),
        "provider_url": run.get("provider_url"),
        "embedded_platform": run.get("embedded_platform", False),
        "faults": list(run.get("faults", [])),
        "seeds": dict(run.get("seeds", {})),
        "policy": dict(run.get("policy", {})),
        "baseline": None,
        "warnings": list(run.get("warnings", [])),
        "reports": dict(run.get("reports", {})),
        "scenarios": [],
    }


def write_json(path: Path, readiness: Mapping[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(readiness, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def read_json(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))
