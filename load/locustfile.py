"""A court day in Locust: four personas over the platform's API, shaped by the court-day stages.

    uv run locust -f load/locustfile.py --host http://127.0.0.1:8000                # web UI on :8089
    uv run locust -f load/locustfile.py --host URL --headless --court-profile ci --multiplier 10
    uv run python -m load.run --target URL --provider-url URL --profile ci           # + reconciliation

Personas (load/court_day.py calibrates them to the national peak's request budget): the legal adviser
results whole hearings (court list, hearing, case, a draft per defendant, share); the listing officer lists
cases and opens court lists; the agency viewer searches and reads; the court admin watches the work queue.
Everyone signs in once in `on_start`. SLOs (load/slo.toml) are evaluated in a `quitting` listener that
sets the exit code and writes the evidence (`--results-json`).
"""

from __future__ import annotations

import itertools
import json
import logging
import random
import time
import urllib.error
import urllib.request
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import gevent
import gevent.lock
from locust import FastHttpUser, LoadTestShape, events, task
from locust.runners import MasterRunner, WorkerRunner

from load import court_day, payloads
from load import slo as slo_rules
from load import stats as load_stats
from load.national_peak import PEAK, describe

log = logging.getLogger("court-day")
WEIGHTS = court_day.persona_weights()
MESSAGE = "court-day-activity"
_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


# --- options ---------------------------------------------------------------------------------------------

@events.init_command_line_parser.add_listener
def _options(parser) -> None:
    group = parser  # not an argument group: only the parser itself knows include_in_web_ui / is_secret
    group.add_argument("--court-profile", choices=sorted(court_day.PROFILES), default="ci",
                       help="which compressed court day to run (load/court_day.py)")
    group.add_argument("--multiplier", type=float, default=10.0, help="multiple of the national end-of-day peak")
    group.add_argument("--run-id", default=payloads.new_run_id(),
                       help="prefix of every case reference this run creates (reconciliation finds them by it)")
    group.add_argument("--provider-url", default="", help="the EM provider, for the chaos profiles' faults")
    group.add_argument("--results-json", default="", include_in_web_ui=False,
                       help="write the run's figures and SLO verdict here when Locust quits")
    group.add_argument("--slo-file", default=str(slo_rules.DEFAULT_SLO_FILE), include_in_web_ui=False)
    group.add_argument("--seed-password", default="court-test-password", is_secret=True,
                       help="password of the seed users (the test-mode default)")


def _weight(persona: str, task_name: str) -> int:
    return court_day.PERSONA_BY_NAME[persona].task_weight(task_name)


def _opts(environment) -> Any:
    return environment.parsed_options


# --- state shared by the users of one process ------------------------------------------------------------

@dataclass
class Activity:
    """The court day's current activity level, set by the shape (and sent to workers by the master)."""

    level: float = 0.0
    stage: str = ""


@dataclass
class ProcessState:
    refs: payloads.References | None = None
    centres: itertools.cycle = field(default_factory=lambda: itertools.cycle(payloads.CENTRES))
    tokens: dict[str, str] = field(default_factory=dict)
    signing_in: dict[str, gevent.lock.Semaphore] = field(default_factory=dict)
    shared_urns: dict[str, deque] = field(default_factory=lambda: {c: deque(maxlen=200) for c in payloads.CENTRES})
    em_first: bool = True  # the first result of each process is bail with an EM curfew: every run has an order

    def references(self, environment) -> payloads.References:
        if self.refs is None:
            index = getattr(environment.runner, "worker_index", 0) or 0
            self.refs = payloads.References.for_process(_opts(environment).run_id, index)
        return self.refs


ACTIVITY = Activity()
STATE = ProcessState()


def _on_activity(environment, msg, **_kw) -> None:
    ACTIVITY.level, ACTIVITY.stage = float(msg.data["level"]), str(msg.data["stage"])


# --- the personas ------------------------------------------------------------------------------------------

class CourtUser(FastHttpUser):
    """A signed-in member of court staff who paces their tasks to the court day's activity level."""

    abstract = True
    persona = ""
    login = ""
    network_timeout = 30.0
    connection_timeout = 10.0

    def on_start(self) -> None:
        self.rng = random.Random()
        self.centre = next(STATE.centres)
        self.token = self.sign_in(f"{self.login}@{self.centre}")
        self._started = time.monotonic()
        self._jitter = self.rng.uniform(0.0, 1.0)  # the first task comes at a random point of the first pause

    def wait_time(self) -> float:
        """Sleep until the next task is due at the *current* level (re-read every half second), then go."""
        pace = court_day.PERSONA_BY_NAME[self.persona].pace_s
        while True:
            due = self._started + court_day.pause_s(pace, ACTIVITY.level, self._jitter)
            left = due - time.monotonic()
            if left <= 0:
                break
            gevent.sleep(min(left, 0.5))
        self._started, self._jitter = time.monotonic(), self.rng.uniform(0.5, 1.5)
        return 0

    # -- requests ------------------------------------------------------------------------------------------
    def sign_in(self, username: str) -> str | None:
        """A token for `username`: signed in once per Locust process and shared by every user of that login.

        Tokens are stateless, and argon2id makes a sign-in cost about 0.2 s of CPU: each virtual user stands
        for a desk of people working under one session, so signing every virtual user in would load-test the
        hash rather than the court day. The first user of a login signs in (and is timed); the others wait
        for it and reuse the token.
        """
        with STATE.signing_in.setdefault(username, gevent.lock.Semaphore()):
            if username not in STATE.tokens:
                body = {"username": username, "password": _opts(self.environment).seed_password}
                data = self.call("POST", "/api/v1/auth/token", "/api/v1/auth/token", body=body, token=None)
                if data:
                    STATE.tokens[username] = data["access_token"]
            return STATE.tokens.get(username)

    def call(self, method: str, path: str, name: str, *, body: Any = None, token: str | None = "",
             expect: int = 200, check=None) -> Any:
        """One request; anything but the expected status and a JSON body (that passes `check`) is a failure."""
        token = self.token if token == "" else token
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        with self.client.request(method, path, name=name, json=body, headers=headers, catch_response=True) as r:
            if r.status_code == 0:
                r.failure(f"no answer: {r.error!r}")
                return None
            if r.status_code != expect:
                r.failure(f"HTTP {r.status_code} (expected {expect}): {(r.text or '')[:200]}")
                return None
            try:
                data = r.json()
            except ValueError:
                r.failure("the response is not JSON")
                return None
            problem = check(data) if check else None
            if problem:
                r.failure(problem)
                return None
            r.success()
            return data

    def get(self, path: str, name: str, **query: Any) -> Any:
        url = f"{path}?{urlencode({k: v for k, v in query.items() if v is not None})}" if query else path
        return self.call("GET", url, name)

    def ready(self) -> bool:
        """False (after trying to sign in again) when this user has no token: its task is skipped."""
        if not self.token:
            self.token = self.sign_in(f"{self.login}@{self.centre}")
        return bool(self.token)

    def list_case(self, token: str | None) -> tuple[dict, dict, Any] | None:
        """Create a case with a unique URN and list a hearing for it on a sitting day: the listing's writes."""
        refs = STATE.references(self.environment)
        urn, day = refs.next_urn(), payloads.sitting_day(self.rng, payloads.london_today())
        case = self.call("POST", "/api/v1/cases", "/api/v1/cases", token=token, expect=201,
                         body=payloads.case_payload(urn, self.centre, self.rng))
        if case is None:
            return None
        hearing = self.call("POST", f"/api/v1/cases/{urn}/hearings", "/api/v1/cases/[urn]/hearings", token=token,
                            expect=201, body=payloads.hearing_payload(day, self.rng))
        return (case, hearing, day) if hearing else None

    def known_urn(self) -> str | None:
        urns = STATE.shared_urns[self.centre]
        return self.rng.choice(urns) if urns else None


class LegalAdviser(CourtUser):
    """Results whole hearings: opens the court list, the hearing and the case, drafts each defendant, shares."""

    persona, login, weight = "LegalAdviser", "adviser", WEIGHTS["LegalAdviser"]

    @task
    def result_a_hearing(self) -> None:
        if not self.ready():
            return
        listing = listing_token(self)
        listed = self.list_case(listing) if listing else None
        if listed is None:
            return
        case, hearing, day = listed
        self.get("/api/v1/hearings", "/api/v1/hearings?court_centre&date", court_centre=self.centre, date=day.isoformat())
        opened = self.get(f"/api/v1/hearings/{hearing['id']}", "/api/v1/hearings/[id]")
        if opened is None or self.get(f"/api/v1/cases/{case['urn']}", "/api/v1/cases/[urn]") is None:
            return
        version, monitored = opened["version"], 0
        for defendant in case["defendants"]:
            choice = payloads.choose_outcome(self.rng)
            if STATE.em_first:
                STATE.em_first, choice = False, "BAIL_WITH_EM_CURFEW"
            monitored += choice in payloads.EM_CHOICES
            drafted = self.call("PUT", f"/api/v1/hearings/{hearing['id']}/results/{defendant['id']}",
                                "/api/v1/hearings/[id]/results/[defendant_id]",
                                body=payloads.result_payload(choice, day, version, self.rng))
            if drafted is None:
                return
            version = drafted["version"]

        def every_em_curfew_has_an_order(shared: dict) -> str | None:
            orders = [o for o in shared.get("em_orders", []) if o.get("kind") == "NEW"]
            if shared.get("state") not in ("RESULTED", "AMENDED"):
                return f"shared hearing is {shared.get('state')}"
            if len(orders) != monitored:
                return f"{monitored} EM curfew(s) shared but {len(orders)} EM order(s) created"
            return None

        shared = self.call("POST", f"/api/v1/hearings/{hearing['id']}/share", "/api/v1/hearings/[id]/share",
                           body={"version": version}, check=every_em_curfew_has_an_order)
        if shared is not None:
            STATE.shared_urns[self.centre].append(case["urn"])


def listing_token(user: CourtUser) -> str | None:
    """The court's listing officer's token (the legal adviser's docket is listed under it)."""
    return user.sign_in(f"listing@{user.centre}")


class ListingOfficer(CourtUser):
    """Lists tomorrow's cases, opens court lists, searches cases."""

    persona, login, weight = "ListingOfficer", "listing", WEIGHTS["ListingOfficer"]

    @task(_weight("ListingOfficer", "list_tomorrows_case"))
    def list_tomorrows_case(self) -> None:
        if self.ready():
            self.list_case(self.token)

    @task(_weight("ListingOfficer", "open_court_list"))
    def open_court_list(self) -> None:
        if self.ready():
            day = payloads.sitting_day(self.rng, payloads.london_today())
            self.get("/api/v1/hearings", "/api/v1/hearings?court_centre&date", court_centre=self.centre,
                     date=day.isoformat())

    @task(_weight("ListingOfficer", "search_cases"))
    def search_cases(self) -> None:
        if self.ready():
            self.get("/api/v1/cases", "/api/v1/cases?q", court_centre=self.centre,
                     q=payloads.search_prefix(self.rng), page_size=20)


class AgencyViewer(CourtUser):
    """Probation, prison or EM staff: search for a defendant and read the case, its EM orders, its notifications."""

    persona, login, weight = "AgencyViewer", "viewer", WEIGHTS["AgencyViewer"]

    @task(_weight("AgencyViewer", "search_and_read_case"))
    def search_and_read_case(self) -> None:
        if not self.ready():
            return
        found = self.get("/api/v1/cases", "/api/v1/cases?q", court_centre=self.centre,
                         q=payloads.search_prefix(self.rng), page_size=20)
        if found and found["items"]:
            urn = self.rng.choice(found["items"])["urn"]
            self.get(f"/api/v1/cases/{urn}", "/api/v1/cases/[urn]")

    @task(_weight("AgencyViewer", "read_em_orders"))
    def read_em_orders(self) -> None:
        if not self.ready():
            return
        urn = self.known_urn()
        if urn:
            self.get("/api/v1/em-orders", "/api/v1/em-orders?urn", urn=urn, court_centre=self.centre)
        else:
            self.get("/api/v1/em-orders", "/api/v1/em-orders?status", status="ACKNOWLEDGED", page_size=20)

    @task(_weight("AgencyViewer", "read_notifications"))
    def read_notifications(self) -> None:
        if not self.ready():
            return
        urn = self.known_urn()
        if urn:
            self.get("/api/v1/notifications", "/api/v1/notifications?urn", urn=urn)
        else:
            self.get("/api/v1/notifications", "/api/v1/notifications?agency", agency="em-provider", page_size=20)


class CourtAdmin(CourtUser):
    """Watches the work queue and the EM orders still waiting for the provider."""

    persona, login, weight = "CourtAdmin", "admin", WEIGHTS["CourtAdmin"]

    @task(_weight("CourtAdmin", "open_work_queue"))
    def open_work_queue(self) -> None:
        if self.ready():
            self.get("/api/v1/work-queue", "/api/v1/work-queue")

    @task(_weight("CourtAdmin", "pending_em_orders"))
    def pending_em_orders(self) -> None:
        if self.ready():
            self.get("/api/v1/em-orders", "/api/v1/em-orders?status", status="PENDING", page_size=50)


# --- the court-day shape -------------------------------------------------------------------------------------

class CourtDayShape(LoadTestShape):
    """The stages of load/court_day.py: users sign in across the morning and stay; each stage sets the
    activity level every user paces itself to. Returns None (the end of the run) when the day is over."""

    def tick(self):
        environment = self.runner.environment
        run = RUN.setdefault(environment)
        t = self.get_run_time()
        stage = court_day.stage_at(run.plan, t)
        if stage is None:
            _publish(self.runner, 0.0, "the court day is over")
            return None
        _publish(self.runner, stage.level, stage.name)
        chaos = run.profile.chaos
        if chaos and not run.chaos and stage.name == court_day.SPIKE_PEAK and t - stage.start_s >= chaos.after_s:
            run.chaos.append({"at_s": round(t, 1), "fault": chaos.request()})
            gevent.spawn(_inject_fault, environment, chaos, run.chaos[-1])
        return stage.users, stage.spawn_rate


def _publish(runner, level: float, stage: str) -> None:
    ACTIVITY.level, ACTIVITY.stage = level, stage
    if isinstance(runner, MasterRunner):
        runner.send_message(MESSAGE, {"level": level, "stage": stage})


def _inject_fault(environment, chaos: court_day.Chaos, record: dict) -> None:
    url = _opts(environment).provider_url.rstrip("/")
    if not url:
        record["error"] = "no --provider-url: the fault was not injected"
        log.error(record["error"])
        return
    request = urllib.request.Request(f"{url}/__control/faults", data=json.dumps(chaos.request()).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    try:
        with _NO_PROXY.open(request, timeout=5) as response:
            record["status"] = response.status
        log.info("chaos: %s for %g s", chaos.request(), chaos.seconds)
    except (urllib.error.URLError, OSError) as error:
        record["error"] = f"could not inject the fault: {error}"
        log.error(record["error"])


# --- evidence: series while running, figures and SLOs when quitting -------------------------------------------

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


def _scrape_backlog(environment, run: RunRecord) -> None:
    """The outbox depth from /metrics every second: the backlog peak under load and its chart."""
    url = f"{environment.host.rstrip('/')}/metrics"
    while True:
        try:
            with _NO_PROXY.open(url, timeout=5) as response:
                depth = metric(response.read().decode(), "court_outbox_depth")
            if depth is not None:
                run.backlog.append([round(time.monotonic() - run.started, 1), depth])
        except (urllib.error.URLError, OSError, ValueError):
            pass
        gevent.sleep(1.0)


def metric(text: str, name: str) -> float | None:
    for line in text.splitlines():
        if line.startswith(name + " ") or line.startswith(name + "{"):
            return float(line.rsplit(" ", 1)[1])
    return None


@events.init.add_listener
def _on_init(environment, **_kw) -> None:
    if isinstance(environment.runner, WorkerRunner):
        environment.runner.register_message(MESSAGE, _on_activity)
        return
    opts = _opts(environment)
    profile = court_day.PROFILES[opts.court_profile]
    print(describe(PEAK, opts.multiplier))
    print(court_day.describe(profile, opts.multiplier))
    print(f"run id {opts.run_id}: every case reference of this run starts with it", flush=True)


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
