"""The resilience suite: crash, outage and concurrency with nothing lost, and access control proven cell by
cell (resilience/).

It runs `python -m pytest resilience`, which starts its own platform and provider processes (so it can kill
and restart them; the gate's faults are seeded into them through RELEASE_GATE_FAULTS), points the HTTP-only
security checks at the target, and writes `resilience.json` (crash trials, reconciliation figures, every
scenario's figures) and the access matrix (`access-matrix.json`, `access-matrix.md`). The reconciliation
figures feed readiness.json's `reconciliation` (summed with the load suite's when both ran).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from typing import Any

from release_gate.checks import CheckSpec, Measurement
from release_gate.model import SuiteResult
from release_gate.processes import ProcessOutcome
from release_gate.suites.base import OptionSpec, SuiteContext
from release_gate.suites.measures import junit_specs, measure_tests, suite_spec
from release_gate.suites.pytest_suite import PytestSuite

EVIDENCE, MATRIX = "resilience.json", "access-matrix.json"


_spec = functools.partial(suite_spec, "resilience")


class ResilienceSuite(PytestSuite):
    def __init__(self) -> None:
        super().__init__(
            "resilience",
            title="Resilience and security: crashes, outages and concurrency with nothing lost; access control",
            description="kill -9 of the platform while sharing, provider outages, time-outs, refusals, rejections "
                        "and lost answers, concurrent shares, write contention, several workers on PostgreSQL; "
                        "the access matrix cell by cell, CSRF, sessions, headers, escaping in a browser, logs.",
            paths=["resilience"],
            args=["--target={target}", "--provider-url={provider_url}", "--resilience-trials={trials}",
                  "--resilience-evidence={evidence_dir}", "--resilience-seed={seed}"],
            allure=True,
            extra_options={"trials": OptionSpec(int, 3, "crash trials: kill -9 the platform while sharing, restart, "
                                                         "reconcile")},
        )

    def option_specs(self) -> dict[str, OptionSpec]:
        specs = super().option_specs()
        # Processes are killed and faults injected at one provider: one pytest process, and no rerun (a crash
        # trial rerun would take minutes and overwrite the evidence of the first run).
        specs["workers"] = OptionSpec(int, 1, "pytest-xdist workers (the suite needs 1: it controls processes)")
        specs["rerun_failed"] = OptionSpec(bool, False, "rerun failed tests once; passing on rerun = flaky")
        return specs

    def check_specs(self) -> list[CheckSpec]:
        return [
            self.ran_check(),
            *junit_specs(self.name, flaky=False),
            _spec("crash_trials", "Crash trials run (kill -9 while sharing, restart, reconcile)", "min", 1, weight=2,
                  key=True, unit="trials"),
            _spec("missing", "Shared EM orders that never reached the provider", "max", 0, weight=3, key=True,
                  unit="orders"),
            _spec("duplicates", "EM orders the provider received more than once (or the platform made twice)", "max",
                  0, weight=3, key=True, unit="orders"),
            _spec("half_written", "Shares found half-written after a crash (result, order and outbox not all there)",
                  "max", 0, weight=3, key=True, unit="shares"),
            _spec("conflicts", "Concurrent shares and drafts of one version not resolved as one winner and clear "
                  "409s", "max", 0, weight=2, key=True, unit="answers"),
            _spec("no_server_errors", "Server errors (5xx other than 503 with Retry-After) under write contention",
                  "max", 0, weight=2, key=True, unit="responses"),
            _spec("access_matrix", "Access-matrix cells untested or not as the table says", "max", 0, weight=3,
                  key=True, unit="cells"),
        ]

    def measure(self, result: SuiteResult, specs: Mapping[str, CheckSpec]) -> list[Measurement]:
        return measure_tests(result, specs) + measure_resilience(result, specs)

    def parse_evidence(self, ctx: SuiteContext, outcome: ProcessOutcome, result: SuiteResult) -> None:
        super().parse_evidence(ctx, outcome, result)
        if result.error:
            return
        path = ctx.evidence_dir / EVIDENCE
        try:
            evidence = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            result.error = f"left no readable {EVIDENCE}: {exc}"
            return
        result.evidence["resilience"] = ctx.relative(path)
        for label, name in (("access_matrix", MATRIX), ("access_matrix_md", "access-matrix.md")):
            if (ctx.evidence_dir / name).is_file():
                result.evidence[label] = ctx.relative(ctx.evidence_dir / name)
        matrix = ctx.evidence_dir / MATRIX
        if matrix.is_file():
            try:
                result.access_matrix = json.loads(matrix.read_text(encoding="utf-8"))
            except ValueError as exc:
                result.notes.append(f"unreadable {MATRIX}: {exc}")
        read_resilience(evidence, result)


def read_resilience(evidence: Mapping[str, Any], result: SuiteResult) -> None:
    """Figures for the checks, the reconciliation for readiness.json, and a note for people."""
    contention = evidence.get("server_errors") or {}
    scenarios = evidence.get("scenarios") or {}
    matrix = evidence.get("access_matrix") or {}
    unresolved = 0
    for name in ("concurrent_shares", "concurrent_drafts"):
        race = scenarios.get(name) or {}
        if race:
            races, contenders = race.get("races", 0), race.get("contenders", 0)
            unresolved += abs(race.get("winners", 0) - races) + (races * (contenders - 1) - race.get("conflicts", 0))
    result.metrics.update({
        "crash_trials": evidence.get("trials", 0),
        "orders_shared": evidence.get("orders_shared", 0),
        "orders_recorded": evidence.get("orders_recorded", 0),
        "orders_delivered": evidence.get("orders_delivered", 0),
        "missing": evidence.get("missing", 0),
        "duplicates": evidence.get("duplicates", 0),
        "half_written": evidence.get("half_written", 0),
        "unacknowledged": evidence.get("unacknowledged", 0),
        "unresolved_conflicts": unresolved,
        "races_measured": sum(1 for n in ("concurrent_shares", "concurrent_drafts") if scenarios.get(n)),
        "server_errors": contention.get("server_errors", 0) if contention else 0,
        "contention_requests": contention.get("requests", 0) if contention else 0,
        "matrix_cells": matrix.get("cells", 0),
        "matrix_tested": matrix.get("tested", 0),
        "matrix_off": (matrix.get("untested", 0) + matrix.get("wrong", 0)) if matrix else 0,
        "matrix_refused": matrix.get("refused", 0),
        "matrix_forbidden": matrix.get("forbidden", 0),
    })
    if evidence.get("p95_delivery_s") is not None:
        result.metrics["p95_delivery_s"] = evidence["p95_delivery_s"]
    result.reconciliation = {
        "recorded": evidence.get("orders_recorded", 0), "received": evidence.get("orders_delivered", 0),
        "missing": evidence.get("missing", 0), "duplicates": evidence.get("duplicates", 0),
        "p95_delivery_s": evidence.get("p95_delivery_s"), "p50_delivery_s": evidence.get("p50_delivery_s"),
        "max_delivery_s": evidence.get("max_delivery_s"), "half_written": evidence.get("half_written", 0),
        "unacknowledged": evidence.get("unacknowledged", 0), "shared": evidence.get("orders_shared", 0),
        "crash_trials": evidence.get("trials", 0), "database": evidence.get("database"),
    }
    result.notes.append(
        f"{evidence.get('trials', 0)} crash trials on {evidence.get('database')} (seed {evidence.get('seed')}): "
        f"{evidence.get('orders_shared', 0)} orders shared, {evidence.get('orders_delivered', 0)} delivered, "
        f"{evidence.get('missing', 0)} missing, {evidence.get('duplicates', 0)} duplicates, "
        f"{evidence.get('half_written', 0)} half-written; access matrix {matrix.get('tested', 0)} of "
        f"{matrix.get('cells', 0)} cells tested, {matrix.get('wrong', 0)} not as expected")
    for problem in (evidence.get("problems") or [])[:5]:
        result.notes.append(problem)


# check -> (figure, how to say it, what must have been measured for the figure to mean anything)
MEASURES = {
    "crash_trials": ("crash_trials", "{crash_trials} trials; {orders_shared} orders shared, {orders_delivered} "
                     "delivered", None),
    "missing": ("missing", "{missing} of {orders_recorded} recorded orders never reached the provider", "crash_trials"),
    "duplicates": ("duplicates", "{duplicates} duplicates among {orders_delivered} delivered orders", "crash_trials"),
    "half_written": ("half_written", "{half_written} half-written shares", "crash_trials"),
    "conflicts": ("unresolved_conflicts", "{unresolved_conflicts} answers other than one winner and 409s per race",
                  "races_measured"),
    "no_server_errors": ("server_errors", "{server_errors} server errors in {contention_requests} contended writes",
                         "contention_requests"),
    "access_matrix": ("matrix_off", "{matrix_tested} of {matrix_cells} cells tested; {matrix_refused} of "
                      "{matrix_forbidden} forbidden cells refused", "matrix_cells"),
}


def measure_resilience(result: SuiteResult, specs: Mapping[str, CheckSpec]) -> list[Measurement]:
    out = []
    evidence = result.evidence.get("resilience")
    for check, (figure, detail, needs) in MEASURES.items():
        check_id = f"resilience.{check}"
        if check_id not in specs:
            continue
        if not result.metrics:
            out.append(Measurement(check_id, None, evidence=evidence, error=f"no figures: {EVIDENCE} was not read"))
            continue
        force = None
        if needs and not result.metrics.get(needs):
            force = f"not measured in this run ({needs.replace('_', ' ')} is 0)"
        where = result.evidence.get("access_matrix_md") if check == "access_matrix" else evidence
        out.append(Measurement(check_id, result.metrics.get(figure, 0), detail.format(**result.metrics), where,
                               force_fail=force))
    return out


def resilience_suite() -> ResilienceSuite:
    return ResilienceSuite()
