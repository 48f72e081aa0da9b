"""A real platform for the API tests: `python -m reference_system serve` in its own process group, on free
loopback ports with a fresh SQLite database, and a small client that speaks contract v1 to it."""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from time import monotonic, sleep
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import httpx
import pytest

# Start-up is two processes importing FastAPI, SQLAlchemy and Alembic one after the other; on a 2-CPU box
# with a load average of 8 it took 27 s, so the bound leaves room for a busy runner.
READY_WITHIN_S = 60
PASSWORD = "court-test-password"
LONDON = ZoneInfo("Europe/London")
T = TypeVar("T")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class RunningPlatform:
    base_url: str
    provider_url: str
    process: subprocess.Popen
    log: Path


def _clean_environment(**extra: str) -> dict[str, str]:
    """The caller's environment without settings a developer's shell might carry into the platform."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("COURT_") and k != "DATABASE_URL"}
    return env | extra


def _stop(process: subprocess.Popen) -> None:
    """Stop the platform and the provider it started: they share the process group we gave it."""
    for sig, grace in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=grace)
            return
        except subprocess.TimeoutExpired:
            continue


@contextlib.contextmanager
def serve(folder: Path, *options: str, provider_url: str | None = None, **environment: str) -> Iterator[RunningPlatform]:
    """Start `serve` with `options` (and extra `environment` variables), wait until /ready answers 200,
    and stop it whatever happens. With `provider_url`, it uses that provider instead of starting its own."""
    port, provider_port = free_port(), free_port()
    log = folder / "platform.log"
    command = [sys.executable, "-m", "reference_system", "serve", "--host", "127.0.0.1", "--port", str(port),
               "--provider-port", str(provider_port), "--database", f"sqlite:///{folder / 'p.db'}", *options]
    if provider_url is not None:
        command += ["--provider-url", provider_url]
    with log.open("wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, start_new_session=True,
                                   env=_clean_environment(**environment), cwd=Path(__file__).parents[2])
    platform = RunningPlatform(f"http://127.0.0.1:{port}", provider_url or f"http://127.0.0.1:{provider_port}",
                               process, log)
    try:
        _wait_until_ready(platform)
        yield platform
    finally:
        _stop(process)


def _wait_until_ready(platform: RunningPlatform) -> None:
    deadline = monotonic() + READY_WITHIN_S
    while monotonic() < deadline:
        if platform.process.poll() is not None:
            raise RuntimeError(f"the platform exited with code {platform.process.returncode}:\n{_tail(platform.log)}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{platform.base_url}/ready", timeout=1).status_code == 200:
                return
        sleep(0.1)
    raise RuntimeError(f"the platform was not ready within {READY_WITHIN_S} s:\n{_tail(platform.log)}")


def _tail(log: Path, lines: int = 40) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


@pytest.fixture(scope="session")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningPlatform]:
    """The platform in test mode, shared by every API test (each test uses cases of its own)."""
    with serve(tmp_path_factory.mktemp("platform"), "--test-mode") as running:
        yield running


@pytest.fixture(scope="session")
def serve_platform() -> Callable[..., contextlib.AbstractContextManager[RunningPlatform]]:
    """Start another, short-lived platform with other options (e.g. without test mode)."""
    return serve


@pytest.fixture(scope="session")
def random_secret() -> str:
    return secrets.token_urlsafe(30)[:40]


def eventually(check: Callable[[], T | None], within_s: float = 10, every_s: float = 0.1, what: str = "") -> T:
    """Poll `check` until it returns something truthy; fail after `within_s` seconds, saying what was awaited."""
    deadline = monotonic() + within_s
    while True:
        value = check()
        if value:
            return value
        if monotonic() > deadline:
            raise AssertionError(f"not within {within_s} s: {what or check.__name__}")
        sleep(every_s)


@pytest.fixture(scope="session")
def wait_for():
    return eventually


def unique_urn() -> str:
    return "T" + uuid.uuid4().hex[:11].upper()


@dataclass
class Court:
    """Contract v1 spoken over HTTP: signs users in once each, and builds the payloads the tests send."""

    platform: RunningPlatform
    http: httpx.Client
    _tokens: dict[str, str] = field(default_factory=dict)

    # -- people ------------------------------------------------------------------------------------------
    def headers(self, username: str) -> dict[str, str]:
        if username not in self._tokens:
            response = self.http.post(f"{self.platform.base_url}/api/v1/auth/token",
                                      json={"username": username, "password": PASSWORD})
            assert response.status_code == 200, response.text
            self._tokens[username] = response.json()["access_token"]
        return {"Authorization": f"Bearer {self._tokens[username]}"}

    def get(self, path: str, as_user: str, **params: Any) -> httpx.Response:
        return self.http.get(f"{self.platform.base_url}{path}", params=params, headers=self.headers(as_user))

    def post(self, path: str, as_user: str, body: Any) -> httpx.Response:
        return self.http.post(f"{self.platform.base_url}{path}", json=body, headers=self.headers(as_user))

    def put(self, path: str, as_user: str, body: Any) -> httpx.Response:
        return self.http.put(f"{self.platform.base_url}{path}", json=body, headers=self.headers(as_user))

    # -- the platform's clock ------------------------------------------------------------------------------
    def now(self) -> datetime:
        return datetime.fromisoformat(self.http.get(f"{self.platform.base_url}/__test/clock").json()["now"])

    def move_clock(self, seconds: float) -> None:
        response = self.http.post(f"{self.platform.base_url}/__test/clock", json={"advance_seconds": seconds})
        assert response.status_code == 200, response.text

    def today(self) -> date:
        return self.now().astimezone(LONDON).date()

    # -- payloads ------------------------------------------------------------------------------------------
    @staticmethod
    def defendant(first_name: str, last_name: str) -> dict[str, Any]:
        return {"first_name": first_name, "last_name": last_name, "date_of_birth": "1990-04-01",
                "address": {"line1": "1 High Street", "line2": None, "town": "Northgate", "postcode": "NG1 1AA"},
                "pnc_id": None, "offences": [{"code": "TH68001", "wording": "Theft from a shop"}]}

    def case(self, *defendants: dict[str, Any], urn: str | None = None) -> dict[str, Any]:
        return {"urn": urn or unique_urn(), "court_centre": "MAG01", "prosecutor": "Crown Prosecution Service",
                "defendants": list(defendants) or [self.defendant("Christopher", "Adams")]}

    def hearing(self, type: str = "FIRST_APPEARANCE") -> dict[str, Any]:
        starts_at = datetime.combine(self.today(), time(10, 0), tzinfo=LONDON)
        return {"type": type, "courtroom": "1", "starts_at": starts_at.isoformat()}

    def curfew(self, start_time: str = "19:00", end_time: str = "07:00", **fields: Any) -> dict[str, Any]:
        tagging_starts = (self.now() + timedelta(hours=2)).astimezone(LONDON)
        values = {"address": {"line1": "1 High Street", "line2": None, "town": "Northgate", "postcode": "NG1 1AA"},
                  "start_time": start_time, "end_time": end_time, "days": None,
                  "starts_at": tagging_starts.isoformat(timespec="seconds"), "ends_on": None,
                  "electronically_monitored": True}
        return values | fields

    def next_hearing(self) -> dict[str, str]:
        return {"date": (self.today() + timedelta(days=14)).isoformat()}

    def bail_with_curfew(self, version: int, **curfew: Any) -> dict[str, Any]:
        return {"version": version, "outcome": "ADJOURNED_CONDITIONAL_BAIL", "next_hearing": self.next_hearing(),
                "order_length_months": None, "curfew": self.curfew(**curfew), "exclusion_zone": None}

    def remand_in_custody(self, version: int) -> dict[str, Any]:
        return {"version": version, "outcome": "REMANDED_IN_CUSTODY", "next_hearing": self.next_hearing(),
                "order_length_months": None, "curfew": None, "exclusion_zone": None}

    # -- journeys ------------------------------------------------------------------------------------------
    def case_with_hearing(self, *defendants: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        """A MAG01 case created and a first appearance listed today, by the listing officer."""
        created = self.post("/api/v1/cases", "listing@MAG01", self.case(*defendants))
        assert created.status_code == 201, created.text
        case = created.json()
        listed = self.post(f"/api/v1/cases/{case['urn']}/hearings", "listing@MAG01", self.hearing())
        assert listed.status_code == 201, listed.text
        return case, listed.json()

    def draft(self, hearing_id: int, defendant_id: int, body: dict[str, Any]) -> dict[str, Any]:
        response = self.put(f"/api/v1/hearings/{hearing_id}/results/{defendant_id}", "adviser@MAG01", body)
        assert response.status_code == 200, response.text
        return response.json()

    def share(self, hearing_id: int, version: int) -> dict[str, Any]:
        response = self.post(f"/api/v1/hearings/{hearing_id}/share", "adviser@MAG01", {"version": version})
        assert response.status_code == 200, response.text
        return response.json()

    def em_orders(self, urn: str) -> list[dict[str, Any]]:
        return self.get("/api/v1/em-orders", "adviser@MAG01", urn=urn).json()["items"]

    def em_order(self, order_id: int) -> dict[str, Any]:
        return self.get(f"/api/v1/em-orders/{order_id}", "adviser@MAG01").json()

    def notifications(self, urn: str) -> list[dict[str, Any]]:
        return self.get("/api/v1/notifications", "adviser@MAG01", urn=urn).json()["items"]

    # -- the provider ----------------------------------------------------------------------------------------
    def provider_orders(self, urn: str) -> list[dict[str, Any]]:
        return self.http.get(f"{self.platform.provider_url}/orders", params={"urn": urn}).json()["items"]

    def provider_notifications(self, agency: str, urn: str) -> list[dict[str, Any]]:
        return self.http.get(f"{self.platform.provider_url}/agencies/{agency}/notifications",
                             params={"urn": urn}).json()["items"]

    def provider_fault(self, **fault: Any) -> None:
        response = self.http.post(f"{self.platform.provider_url}/__control/faults", json=fault)
        assert response.status_code == 201, response.text

    def clear_provider_faults(self) -> None:
        self.http.delete(f"{self.platform.provider_url}/__control/faults")


@pytest.fixture(scope="session")
def http() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=10) as client:
        yield client


@pytest.fixture(scope="session")
def court(platform: RunningPlatform, http: httpx.Client) -> Court:
    return Court(platform, http)


@pytest.fixture
def urn() -> str:
    return unique_urn()
