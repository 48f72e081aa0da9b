"""The load suite: a court day in Locust at a multiple of the national end-of-day peak, then reconciliation
of every EM order the run created against the provider's ledger.

It runs `python -m load.run` (which runs Locust, then `load.reconcile`, each as its own bounded subprocess)
and reads the evidence that leaves: `load-results.json` (per-endpoint percentiles, throughput, failures, the
court day's stages, a latency-over-time series, the SLO outcomes) and `reconciliation.json`.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from release_gate.checks import CheckSpec, Measurement
from release_gate.model import FAILED, PASSED, SuiteResult, TestOutcome
from release_gate.processes import ProcessOutcome, tail
from release_gate.suites.base import OptionSpec, SubprocessSuite, SuiteContext
from release_gate.suites.measures import suite_spec

RESULTS, RECONCILIATION = "load-results.json", "reconciliation.json"
RUN_EXIT = {2: "could not be evaluated (platform not ready, Locust crashed or left no results, or "
               "reconciliation could not read the ledgers)"}
RECONCILIATION_KEYS = ("recorded", "received", "missing", "duplicates", "unacknowledged", "unexpected",
                       "p50_delivery_s", "p95_delivery_s", "max_delivery_s", "drain_s", "drained", "backlog_peak",
                       "run_id")


_spec = functools.partial(suite_spec, "load")


class LoadSuite(SubprocessSuite):
    kind = "load"

    def __init__(self) -> None:
        super().__init__(
            "load",
            title="Load: a court day at a multiple of the national end-of-day peak",
            description="Locust personas over the API (load/), SLOs from load/slo.toml, reconciliation of every "
                        "EM order with the provider's ledger.",
        )

    def option_specs(self) -> dict[str, OptionSpec]:
        return {
            **super().option_specs(),
            "profile": OptionSpec(str, "ci", "court-day profile: ci, full, chaos-outage, chaos-latency, capacity"),
            "multiplier": OptionSpec(float, 10.0, "multiple of the national end-of-day peak (load/national_peak.py)"),
            "processes": OptionSpec(int, 0, "Locust processes (0 = the gate's --workers, 1 = one process)"),
            "drain_timeout_s": OptionSpec(float, 0.0, "bound on the outbox draining after the run (0 = the profile's)"),
            "platform_workers": OptionSpec(int, 0, "with the embedded platform: run the day against a fresh platform "
                                                   "with this many worker processes (0 = the gate's own platform)"),
        }

    def check_specs(self) -> list[CheckSpec]:
        return [
            _spec("ran", "The load run made requests and left its results", "min", 1, weight=1, key=True,
                  unit="requests"),
            _spec("slo", "Every objective in load/slo.toml held", "max", 0, weight=2, key=True, unit="breaches"),
            _spec("p95_share_ms", "p95 latency of sharing results", "max", 300, weight=2, key=True, unit="ms"),
            _spec("p95_read_ms", "p95 latency of reads", "max", 150, weight=2, key=True, unit="ms"),
            _spec("failure_ratio", "Share of requests that failed", "max", 0.0, weight=2, key=True, unit="ratio"),
            _spec("throughput", "Requests completed against those the court day planned", "min", 0.9, weight=1,
                  key=False, unit="ratio"),
            _spec("reconciliation", "Every EM order and agency notification at the provider exactly once, "
                  "acknowledged, and the outbox drained", "max", 0, weight=3, key=True, unit="discrepancies"),
            _spec("drain_s", "Seconds the notifications outbox took to drain after the run", "max", 30, weight=1,
                  key=False, unit="s", warn_limit=60),
        ]

    def build_command(self, ctx: SuiteContext) -> list[str]:
        options = ctx.options
        processes = int(options.get("processes") or 0) or ctx.workers
        command = [
            ctx.python, "-m", "load.run", "--target", ctx.target, "--provider-url", ctx.provider_url,
            "--profile", str(options.get("profile") or "ci"), "--multiplier", f"{float(options.get('multiplier') or 10):g}",
            "--processes", str(max(1, processes)), "--out", str(ctx.evidence_dir),
        ]
        if options.get("drain_timeout_s"):
            command += ["--drain-timeout", f"{float(options['drain_timeout_s']):g}"]
        workers = int(options.get("platform_workers") or 0)
        if workers > 0 and ctx.env.get("RELEASE_GATE_EMBEDDED") == "1":
            # A platform of the suite's own, started by load.run, with the gate's seeded faults.
            at = command.index("--target")
            del command[at:at + 4]
            command += ["--serve-workers", str(workers)]
            for fault in filter(None, ctx.env.get("RELEASE_GATE_FAULTS", "").split(",")):
                command += ["--fault", fault]
        return command

    def run(self, ctx: SuiteContext) -> SuiteResult:
        if not ctx.provider_url:
            return SuiteResult(name=self.name, title=self.title, error="reconciliation needs the provider's ledger: "
                               "give --provider-url with --target")
        return super().run(ctx)

    def measure(self, result: SuiteResult, specs: Mapping[str, CheckSpec]) -> list[Measurement]:
        return measure_load(result)

    # --- evidence ------------------------------------------------------------------------------------------

    def parse_evidence(self, ctx: SuiteContext, outcome: ProcessOutcome, result: SuiteResult) -> None:
        results_path, rec_path = ctx.evidence_dir / RESULTS, ctx.evidence_dir / RECONCILIATION
        for label, name in (("locust_html", "locust.html"), ("locust_csv", "locust_stats.csv"),
                            ("locust_log", "locust.log")):
            if (ctx.evidence_dir / name).is_file():
                result.evidence[label] = ctx.relative(ctx.evidence_dir / name)
        if outcome.exit_code not in (0, 1):
            why = RUN_EXIT.get(outcome.exit_code or 0, "crashed")
            result.error = f"load.run exited with code {outcome.exit_code}: {why}"
            _note_tail(ctx, result)
            return
        try:
            figures = _read(results_path)
            reconciliation = _read(rec_path)
        except (OSError, ValueError) as exc:
            result.error = f"left no readable evidence: {exc}"
            _note_tail(ctx, result)
            return
        result.evidence["results"] = ctx.relative(results_path)
        result.evidence["reconciliation"] = ctx.relative(rec_path)
        read_figures(figures, reconciliation, result)


def _read(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise OSError(f"{path.name} is missing")
    return json.loads(path.read_text(encoding="utf-8"))


def _note_tail(ctx: SuiteContext, result: SuiteResult) -> None:
    text = tail(ctx.evidence_dir / "output.log", 12).strip()
    if text:
        result.notes.append(f"last lines of its output:\n{text}")


def _short(endpoint: str) -> str:
    return endpoint.replace("/api/v1", "")


def read_figures(figures: Mapping[str, Any], reconciliation: Mapping[str, Any], result: SuiteResult) -> None:
    """Fill the suite result from the load run's evidence: tests (one per objective), figures, charts."""
    slo = figures.get("slo", {})
    for o in slo.get("outcomes", []):
        message = "" if o["ok"] else f"{o['id']} = {o['value']} (limit {o['limit']})"
        result.tests.append(TestOutcome("load.slo", o["title"], PASSED if o["ok"] else FAILED, message=message))
    problems = reconciliation.get("problems", [])
    result.tests.append(TestOutcome("load.reconciliation", "every EM order and agency notification reached the "
                                    "provider exactly once, and the outbox drained",
                                    PASSED if reconciliation.get("ok") else FAILED, message="; ".join(problems)))
    groups, total, throughput = figures.get("groups", {}), figures.get("total", {}), figures.get("throughput", {})
    metrics: dict[str, float] = {}
    for group, values in groups.items():
        for key in ("requests", "p50_ms", "p95_ms", "p99_ms", "rps"):
            if values.get(key) is not None:
                metrics[f"{group}.{key}"] = values[key]
    for key in ("requests", "failures", "failure_ratio", "rps"):
        if total.get(key) is not None:
            metrics[f"total.{key}"] = total[key]
    for key in ("ratio", "rps", "planned_rps", "requests", "planned_requests"):
        if throughput.get(key) is not None:
            metrics[f"throughput.{key}"] = throughput[key]
    metrics["duration_s"] = figures.get("duration_s", 0)
    metrics["multiplier"] = figures.get("multiplier", 0)
    metrics["processes"] = figures.get("processes", 1)
    result.metrics = metrics
    notifications = reconciliation.get("notifications", {})
    result.reconciliation = {
        **{k: reconciliation.get(k) for k in RECONCILIATION_KEYS},
        "notifications": {k: notifications.get(k) for k in ("recorded", "received", "missing", "duplicates",
                                                              "unsent", "unexpected")},
        "ok": bool(reconciliation.get("ok")),
        "problems": problems,
    }
    limits = slo.get("limits", {})
    endpoints = figures.get("endpoints", {})
    result.latency = {
        "percentiles": {_short(name): {k.removesuffix("_ms"): v[k] for k in ("p50_ms", "p95_ms", "p99_ms")
                                       if v.get(k) is not None} for name, v in endpoints.items()},
        "slo": {_short(name): limits[v["group"]] for name, v in endpoints.items() if v.get("group") in limits},
        "series": {f"{group} p95": points for group, points in (figures.get("series", {}).get("p95_ms") or {}).items()},
        "stages": figures.get("stages", []),
        "backlog": figures.get("backlog", {}).get("series", []),
    }
    result.notes.append(
        f"run {figures.get('run_id')}: profile {figures.get('profile')} at x{figures.get('multiplier')} the national "
        f"peak ({figures.get('target', {}).get('requests_per_second')} req/s planned at the peak), "
        f"{figures.get('processes', 1)} Locust process(es), {figures.get('users')} users"
    )


def measure_load(result: SuiteResult) -> list[Measurement]:
    """Each check's value from what `read_figures` kept: the flat figures, the tests and the reconciliation."""
    m, rec = result.metrics, result.reconciliation or {}
    results_file, rec_file = result.evidence.get("results"), result.evidence.get("reconciliation")
    out = [Measurement("load.ran", m.get("total.requests", 0), f"{m.get('total.requests', 0):g} requests in "
                       f"{m.get('duration_s', 0):g} s ({m.get('total.rps', 0):g} req/s)", results_file)]
    objectives = [t for t in result.tests if t.classname == "load.slo"]
    broken = [t.message for t in objectives if t.status != PASSED]
    out.append(Measurement("load.slo", len(broken), "; ".join(broken) or f"all {len(objectives)} objectives held",
                           results_file))
    for check, group in (("load.p95_share_ms", "share"), ("load.p95_read_ms", "read")):
        if m.get(f"{group}.p95_ms") is None:
            out.append(Measurement(check, None, evidence=results_file, error=f"the run made no {group} requests"))
        else:
            out.append(Measurement(check, m[f"{group}.p95_ms"], f"p95 {m[f'{group}.p95_ms']:g} ms, p99 "
                                   f"{m[f'{group}.p99_ms']:g} ms over {m[f'{group}.requests']:g} requests", results_file))
    out.append(Measurement("load.failure_ratio", m.get("total.failure_ratio"),
                           f"{m.get('total.failures', 0):g} of {m.get('total.requests', 0):g} requests failed",
                           results_file))
    out.append(Measurement("load.throughput", m.get("throughput.ratio"),
                           f"{m.get('throughput.rps', 0):g} req/s against {m.get('throughput.planned_rps', 0):g} "
                           f"planned at x{m.get('multiplier', 0):g} the national peak", results_file))
    notifications = rec.get("notifications") or {}
    discrepancies = sum(int(rec.get(k) or 0) for k in ("missing", "duplicates", "unacknowledged", "unexpected"))
    discrepancies += sum(int(notifications.get(k) or 0) for k in ("missing", "duplicates", "unsent", "unexpected"))
    discrepancies += 0 if rec.get("drained") else 1
    detail = (f"{rec.get('recorded')} EM orders recorded, {rec.get('received')} received, {rec.get('missing')} "
              f"missing, {rec.get('duplicates')} duplicates; p95 delivery {rec.get('p95_delivery_s')} s; "
              f"{notifications.get('recorded')} agency notifications; outbox drained in {rec.get('drain_s')} s")
    force = None
    if (rec.get("recorded") or 0) < 1:
        force = "the run recorded no EM order: nothing was reconciled"
    elif rec.get("problems"):
        detail += "; " + "; ".join(rec["problems"])
    out.append(Measurement("load.reconciliation", discrepancies, detail, rec_file, force_fail=force))
    out.append(Measurement("load.drain_s", rec.get("drain_s"), f"backlog peak {rec.get('backlog_peak')}", rec_file))
    return out


def load_suite() -> LoadSuite:
    return LoadSuite()
