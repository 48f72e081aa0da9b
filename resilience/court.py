"""Court actions over the platform's API, and reads of the EM provider's ledger, as the resilience scenarios
need them: prepare a hearing with a drafted bail-with-EM result, share it, and read back what exists.

Payloads come from `fixtures.builders` (contract v1 dictionaries); nothing here knows the platform's code.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import httpx

from fixtures.builders import LONDON, a_case, a_curfew, a_defendant, a_hearing, bail_with_curfew, london

PASSWORD = "court-test-password"
NO_ANSWER = (httpx.TimeoutException, httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError)


@dataclass(frozen=True)
class Prepared:
    """A hearing listed today with one defendant's conditional bail with an EM curfew drafted, ready to share."""

    urn: str
    hearing_id: int
    defendant_id: int
    version: int
    centre: str = "MAG01"


@dataclass
class ShareAttempt:
    """One share request and what came of it: `answer` is `ok` (2xx), `conflict` (409), `no-answer` (sent,
    nothing came back), `not-sent` (connection refused) or `status:NNN`."""

    prepared: Prepared
    answer: str
    status: int | None = None
    orders: list[int] = field(default_factory=list)
    seconds: float = 0.0
    retry_after: str | None = None


class Court:
    """Thread-safe: each thread gets its own HTTP connection pool; tokens are shared."""

    def __init__(self, base_url: str, provider_url: str, password: str = PASSWORD, timeout_s: float = 30.0):
        self.base_url, self.provider_url, self.password, self.timeout_s = base_url, provider_url, password, timeout_s
        self._tokens: dict[str, str] = {}
        self._lock = threading.Lock()
        self._local = threading.local()

    # --- plumbing ----------------------------------------------------------------------------------------
    @property
    def http(self) -> httpx.Client:
        client = getattr(self._local, "client", None)
        if client is None:
            client = self._local.client = httpx.Client(base_url=self.base_url, timeout=self.timeout_s)
        return client

    def token(self, username: str) -> str:
        with self._lock:
            if username in self._tokens:
                return self._tokens[username]
        response = self._retrying(lambda: self.http.post("/api/v1/auth/token",
                                                         json={"username": username, "password": self.password}))
        response.raise_for_status()
        with self._lock:
            self._tokens[username] = response.json()["access_token"]
            return self._tokens[username]

    def forget_tokens(self) -> None:
        with self._lock:
            self._tokens.clear()

    def headers(self, username: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(username)}"}

    def call(self, username: str, method: str, path: str, **kwargs: Any) -> httpx.Response:
        response = self.http.request(method, path, headers=self.headers(username), **kwargs)
        if response.status_code == 401:  # the token expired (or the platform restarted with another key)
            with self._lock:
                self._tokens.pop(username, None)
            response = self.http.request(method, path, headers=self.headers(username), **kwargs)
        return response

    def ok(self, username: str, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        """A call that must succeed; a busy answer (503 + Retry-After) is waited out, a few times, and a read
        whose connection broke (a worker process died under it) is asked again."""
        for _ in range(4 if method == "GET" else 0):
            try:
                response = self._retrying(lambda: self.call(username, method, path, **kwargs))
                break
            except httpx.TransportError:
                self.close()
                time.sleep(0.5)
        else:
            response = self._retrying(lambda: self.call(username, method, path, **kwargs))
        if response.status_code >= 300:
            raise AssertionError(f"{method} {path} as {username} -> {response.status_code}: {response.text[:300]}")
        return response.json() if response.content else {}

    @staticmethod
    def _retrying(send, attempts: int = 5) -> httpx.Response:
        for _ in range(attempts - 1):
            response = send()
            if response.status_code != 503 or "retry-after" not in response.headers:
                return response
            time.sleep(min(5.0, float(response.headers["retry-after"] or 1)))
        return send()

    def close(self) -> None:
        client = getattr(self._local, "client", None)
        if client is not None:
            client.close()
            self._local.client = None

    # --- the court's actions --------------------------------------------------------------------------------
    def today(self) -> date:
        """The platform's date (its test clock may have moved), else ours."""
        response = self.http.get("/__test/clock")
        if response.status_code == 200:
            return datetime.fromisoformat(response.json()["now"]).astimezone(LONDON).date()
        return datetime.now(LONDON).date()

    def prepare(self, today: date, centre: str = "MAG01", **case: Any) -> Prepared:
        """List a new case's hearing today and draft conditional bail with an EM curfew from tomorrow."""
        body = a_case(court_centre=centre, **case)
        created = self.ok(f"listing@{centre}", "POST", "/api/v1/cases", json=body)
        defendant_id = created["defendants"][0]["id"]
        hearing = self.ok(f"listing@{centre}", "POST", f"/api/v1/cases/{body['urn']}/hearings",
                          json=a_hearing(starts_at=london(today, "10:00")))
        curfew = a_curfew("19:00", "07:00", starts_at=london(today + timedelta(days=1), "19:00"))
        draft = {**bail_with_curfew(curfew, next_hearing=today + timedelta(weeks=4)), "version": hearing["version"]}
        drafted = self.ok(f"adviser@{centre}", "PUT", f"/api/v1/hearings/{hearing['id']}/results/{defendant_id}",
                          json=draft)
        return Prepared(body["urn"], hearing["id"], defendant_id, drafted["version"], centre)

    def share(self, prepared: Prepared, client: httpx.Client | None = None) -> ShareAttempt:
        """Share, and classify what came back without ever retrying (the caller decides)."""
        began = time.monotonic()
        client = client or self.http
        try:
            response = client.post(f"/api/v1/hearings/{prepared.hearing_id}/share", json={"version": prepared.version},
                                   headers=self.headers(f"adviser@{prepared.centre}"))
        except httpx.ConnectError:
            return ShareAttempt(prepared, "not-sent", seconds=time.monotonic() - began)
        except NO_ANSWER:
            return ShareAttempt(prepared, "no-answer", seconds=time.monotonic() - began)
        seconds = time.monotonic() - began
        if response.is_success:
            orders = [o["id"] for o in response.json().get("em_orders", [])]
            return ShareAttempt(prepared, "ok", response.status_code, orders, seconds)
        answer = "conflict" if response.status_code == 409 else f"status:{response.status_code}"
        return ShareAttempt(prepared, answer, response.status_code, seconds=seconds,
                            retry_after=response.headers.get("retry-after"))

    # --- what exists ---------------------------------------------------------------------------------------
    def hearing(self, prepared: Prepared) -> dict[str, Any]:
        return self.ok(f"viewer@{prepared.centre}", "GET", f"/api/v1/hearings/{prepared.hearing_id}")

    def orders_of(self, urn: str, centre: str = "MAG01") -> list[dict[str, Any]]:
        return self.ok(f"viewer@{centre}", "GET", "/api/v1/em-orders", params={"urn": urn})["items"]

    def notifications_of(self, urn: str, centre: str = "MAG01") -> list[dict[str, Any]]:
        return self.ok(f"viewer@{centre}", "GET", "/api/v1/notifications", params={"urn": urn})["items"]

    def all_orders(self, centre: str = "MAG01") -> list[dict[str, Any]]:
        items, page = [], 1
        while True:
            body = self.ok(f"viewer@{centre}", "GET", "/api/v1/em-orders", params={"page": page, "page_size": 1000})
            items += body["items"]
            if len(items) >= body["total"] or not body["items"]:
                return items
            page += 1

    def work_queue(self, centre: str = "MAG01") -> list[dict[str, Any]]:
        return self.ok(f"admin@{centre}", "GET", "/api/v1/work-queue")["items"]

    # --- the provider -------------------------------------------------------------------------------------
    def ledger(self) -> list[dict[str, Any]]:
        response = httpx.get(f"{self.provider_url}/orders", timeout=30)
        response.raise_for_status()
        return response.json()["items"]

    def fault(self, **spec: Any) -> None:
        response = httpx.post(f"{self.provider_url}/__control/faults", json=spec, timeout=10)
        assert response.status_code == 201, response.text

    def clear_faults(self) -> None:
        httpx.delete(f"{self.provider_url}/__control/faults", timeout=10).raise_for_status()


def a_person(first_name: str, last_name: str, **details: Any) -> dict[str, Any]:
    return a_defendant(first_name, last_name, **details)
