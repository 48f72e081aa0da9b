"""A court day in Locust: four personas over the platform's API, shaped by the court-day stages.

    uv run locust -f load/locustfile.py --host http://127.0.0.1:8000                # web UI on :8089
    uv run locust -f load/locustfile.py --host URL --headless --court-profile ci --multiplier 10
    uv run python -m load.run --target URL --provider-url URL --profile ci           # + reconciliation

Personas (load/court_day.py calibrates them to the national peak's request budget): the legal adviser
results whole hearings (court list, hearing, case, a draft per defendant, share); the listing officer lists
cases and opens court lists; the agency viewer searches and reads; the court admin watches the work queue.
Everyone signs in in `on_start`. SLOs (load/slo.toml) are evaluated in a `quitting` listener
(load/recording.py) that sets the exit code and writes the evidence (`--results-json`).
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
from typing import Any
from urllib.parse import urlencode

import gevent
import gevent.lock
from locust import FastHttpUser, LoadTestShape, events, task
from locust.runners import MasterRunner, WorkerRunner

from load import court_day, payloads
from load import slo as slo_rules
from load.national_peak import PEAK, describe
from load.recording import RUN

log = logging.getLogger("court-day")
WEIGHTS = court_day.persona_weights()
MESSAGE = "court-day-activity"
IDLE_CONNECTION_S = 4.0
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
    multi_handed: bool = True  # one multi-handed sentencing per process, in the share spike (payloads.MULTI_HANDED)

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
        idle_since = time.monotonic()
        while True:
            due = self._started + court_day.pause_s(pace, ACTIVITY.level, self._jitter)
            left = due - time.monotonic()
            if left <= 0:
                break
            gevent.sleep(min(left, 0.5))
        if time.monotonic() - idle_since > IDLE_CONNECTION_S:
            # The server closes idle keep-alive connections (uvicorn: after 5 s); a request sent on one it is
            # closing at that moment is lost. Like a browser, start afresh after a long pause.
            self.client.client.clientpool.close()
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

    def list_case(self, token: str | None, defendants: int | None = None) -> tuple[dict, dict, Any] | None:
        """Create a case with a unique URN and list a hearing for it on a sitting day: the listing's writes."""
        refs = STATE.references(self.environment)
        urn, day = refs.next_urn(), payloads.sitting_day(self.rng, payloads.london_today())
        case = self.call("POST", "/api/v1/cases", "/api/v1/cases", token=token, expect=201,
                         body=payloads.case_payload(urn, self.centre, self.rng, defendants))
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
        multi_handed = STATE.multi_handed and ACTIVITY.stage == court_day.SPIKE_PEAK
        if multi_handed:
            STATE.multi_handed = False
        listing = listing_token(self)
        listed = self.list_case(listing, len(payloads.MULTI_HANDED) if multi_handed else None) if listing else None
        if listed is None:
            return
        case, hearing, day = listed
        self.get("/api/v1/hearings", "/api/v1/hearings?court_centre&date", court_centre=self.centre, date=day.isoformat())
        opened = self.get(f"/api/v1/hearings/{hearing['id']}", "/api/v1/hearings/[id]")
        if opened is None or self.get(f"/api/v1/cases/{case['urn']}", "/api/v1/cases/[urn]") is None:
            return
        version, monitored = opened["version"], 0
        for index, defendant in enumerate(case["defendants"]):
            choice = payloads.MULTI_HANDED[index] if multi_handed else payloads.choose_outcome(self.rng)
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
