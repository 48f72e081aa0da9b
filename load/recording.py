"""The load run's evidence, recorded by the master (or the only Locust process): a latency series and the
outbox backlog while the court day runs; per-endpoint figures, throughput and the SLO verdict when Locust quits
(the `quitting` listener sets the exit code and writes `--results-json`). Imported by load/locustfile.py.
"""

from __future__ import annotations

import json
import logging
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import gevent
from locust import events
from locust.runners import MasterRunner, WorkerRunner

from load import court_day
from load import slo as slo_rules
from load import stats as load_stats
from load.national_peak import PEAK

log = logging.getLogger("court-day")
_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _opts(environment) -> Any:
    return environment.parsed_options


@dataclass
class RunRecord:
    """What the master (or the single process) records about one run."""

    profile: court_day.Profile
    multiplier: float
    plan: list[court_day.PlannedStage]
    started: float = field(default_factory=time.monotonic)
    stopped: float | None = None
    series: load_stats.Series = field(default_factory=load_stats.Series)
    backlog: list[list[float]] = field(default_factory=list)
    chaos: list[dict] = field(default_factory=list)
    greenlets: list = field(default_factory=list)

    @property
    def elapsed(self) -> float:
        return (self.stopped or time.monotonic()) - self.started


class _Runs:
    current: RunRecord | None = None

    def setdefault(self, environment) -> RunRecord:
        if self.current is None:
            self.current = new_run(environment)
        return self.current


RUN = _Runs()


def new_run(environment) -> RunRecord:
    opts = _opts(environment)
    profile = court_day.PROFILES[opts.court_profile]
    return RunRecord(profile, opts.multiplier, court_day.plan(profile, opts.multiplier))


def _entries(environment) -> list[load_stats.Entry]:
    return [
        load_stats.Entry(e.method or "", e.name, e.num_requests, e.num_failures, dict(e.response_times),
                         float(e.max_response_time or 0), float(e.total_response_time or 0))
        for e in environment.stats.entries.values()
    ]


def _sample(environment, run: RunRecord) -> None:
    interval = 3.0 if isinstance(environment.runner, MasterRunner) else 2.0
    run.series.interval_s = interval
    while True:
        gevent.sleep(interval)
        run.series.sample(time.monotonic() - run.started, _entries(environment))


SCRAPE_EVERY_S = 3.0


def _scrape_backlog(environment, run: RunRecord) -> None:
    """The outbox depth from /metrics every SCRAPE_EVERY_S: the backlog peak under load and its chart. Each scrape
    renders every latency histogram (about 20 ms of the platform's one core), so not every second."""
    url = f"{environment.host.rstrip('/')}/metrics"
    while True:
        try:
            with _NO_PROXY.open(url, timeout=5) as response:
                depth = metric(response.read().decode(), "court_outbox_depth")
            if depth is not None:
                run.backlog.append([round(time.monotonic() - run.started, 1), depth])
        except (urllib.error.URLError, OSError, ValueError):
            pass
        gevent.sleep(SCRAPE_EVERY_S)


def metric(text: str, name: str) -> float | None:
    for line in text.splitlines():
        if line.startswith(name + " ") or line.startswith(name + "{"):
            return float(line.rsplit(" ", 1)[1])
    return None


@events.test_start.add_listener
def _on_test_start(environment, **_kw) -> None:
    if isinstance(environment.runner, WorkerRunner):
        return
    run = RUN.current = new_run(environment)
    run.greenlets = [gevent.spawn(_sample, environment, run), gevent.spawn(_scrape_backlog, environment, run)]


@events.test_stop.add_listener
def _on_test_stop(environment, **_kw) -> None:
    run = RUN.current
    if isinstance(environment.runner, WorkerRunner) or run is None or run.stopped is not None:
        return
    run.stopped = time.monotonic()
    for greenlet in run.greenlets:
        greenlet.kill(block=False)
    run.series.sample(run.elapsed, _entries(environment))


def results(environment, run: RunRecord) -> dict[str, Any]:
    """The run's evidence: figures per endpoint and group, throughput, stages, series, backlog and SLOs."""
    opts = _opts(environment)
    seconds = max(run.elapsed, 1e-6)
    entries = _entries(environment)
    figures = load_stats.summarise(entries, seconds)
    work = sum(e.requests for e in entries if e.group != "sign_in")
    planned = court_day.planned_requests([s for s in run.plan if s.start_s < seconds])
    figures["throughput"] = {
        "requests": work, "planned_requests": round(planned), "rps": round(work / seconds, 2),
        "planned_rps": round(planned / min(seconds, run.plan[-1].end_s), 2),
        "ratio": round(work / planned, 4) if planned else None,
    }
    rules = slo_rules.load(opts.slo_file)
    outcomes = slo_rules.evaluate(rules, figures)
    runner = environment.runner
    return {
        "run_id": opts.run_id,
        "profile": run.profile.name,
        "multiplier": run.multiplier,
        "host": environment.host,
        "duration_s": round(seconds, 1),
        "processes": len(runner.clients) if isinstance(runner, MasterRunner) else 1,
        "national_peak": PEAK.to_json(),
        "target": PEAK.at(run.multiplier),
        "users": court_day.users_at(run.multiplier),
        "stages": [s.to_json() for s in run.plan],
        **figures,
        "series": run.series.to_json(),
        "backlog": {"peak": max((d for _, d in run.backlog), default=None), "series": run.backlog},
        "chaos": run.chaos,
        "errors": [{"method": e.method, "name": e.name, "error": str(e.error), "occurrences": e.occurrences}
                   for e in environment.stats.errors.values()],
        "slo": {"passed": slo_rules.passed(outcomes), "limits": rules.latency_limits(),
                "outcomes": [o.to_json() for o in outcomes]},
    }


@events.quitting.add_listener
def _on_quitting(environment, **_kw) -> None:
    run = RUN.current
    if isinstance(environment.runner, WorkerRunner) or run is None:
        return
    evidence = results(environment, run)
    outcomes = evidence["slo"]["outcomes"]
    for o in outcomes:
        log.info("SLO %-4s %-16s %s (value %s)", "ok" if o["ok"] else "FAIL", o["id"], o["title"], o["value"])
    path = _opts(environment).results_json
    if path:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(json.dumps(evidence, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    environment.process_exit_code = 0 if evidence["slo"]["passed"] else 1
