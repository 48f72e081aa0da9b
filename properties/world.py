"""The platform and EM provider as the property suites see them: HTTP clients that sign court users in once,
remember every server error, and give a failing example a readable account of the request that failed."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from typing import Any

import httpx

SEED_PASSWORD = "court-test-password"
ROLES = {"listing": "listing officer", "adviser": "legal adviser", "admin": "court admin", "viewer": "agency viewer"}


class ServerError(AssertionError):
    """The platform answered 5xx: never acceptable, whatever the input."""


@dataclass
class Exchange:
    method: str
    path: str
    status: int
    body: Any

    def __str__(self) -> str:
        shown = json.dumps(self.body, ensure_ascii=False)[:600] if self.body is not None else ""
        return f"{self.method} {self.path} -> {self.status} {shown}"


@dataclass(repr=False)
class World:
    """One deployment: its base URL, its provider's URL, and clients shared by every example of a session."""

    base_url: str
    provider_url: str
    password: str = SEED_PASSWORD
    timeout_s: float = 15.0
    server_errors: list[Exchange] = field(default_factory=list)
    requests: int = 0

    def __post_init__(self) -> None:
        self._platform = httpx.Client(base_url=self.base_url, timeout=self.timeout_s)
        self._provider = httpx.Client(base_url=self.provider_url, timeout=self.timeout_s)
        self._tokens: dict[str, str] = {}
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"World({self.base_url!r})"

    def _repr_pretty_(self, printer, cycle: bool) -> None:  # how Hypothesis prints a failing example
        printer.text(repr(self))

    def close(self) -> None:
        self._platform.close()
        self._provider.close()

    # --- the platform's API ---------------------------------------------------------------------------

    def token(self, role: str, centre: str) -> str:
        """A bearer token for the seed user `role@centre`, signed in once per session (sign-in is slow on
        purpose: passwords are hashed with Argon2)."""
        username = f"{role}@{centre}"
        with self._lock:
            if username not in self._tokens:
                response = self._platform.post("/api/v1/auth/token",
                                               json={"username": username, "password": self.password})
                if response.status_code != 200:
                    raise AssertionError(f"could not sign in as {username}: {response.status_code} {response.text}")
                self._tokens[username] = response.json()["access_token"]
            return self._tokens[username]

    def call(self, method: str, path: str, *, role: str, centre: str, json_body: Any = None,
             params: dict[str, Any] | None = None) -> Exchange:
        """One API call as `role@centre`. A 5xx is recorded and raised at once: it fails any example."""
        headers = {"Authorization": f"Bearer {self.token(role, centre)}"}
        response = self._platform.request(method, path, json=json_body, params=params, headers=headers)
        self.requests += 1
        exchange = Exchange(method, path, response.status_code, _body(response))
        if response.status_code >= 500:
            self.server_errors.append(exchange)
            raise ServerError(f"the platform answered a server error: {exchange}")
        return exchange

    def expect(self, status: int, method: str, path: str, **kwargs: Any) -> Any:
        """Call, and fail with the whole exchange unless the answer has `status`; returns the body."""
        exchange = self.call(method, path, **kwargs)
        if exchange.status != status:
            sent = kwargs.get("json_body")
            raise AssertionError(f"expected {status}, got {exchange}"
                                 + (f"\n  sent: {json.dumps(sent, ensure_ascii=False)}" if sent is not None else ""))
        return exchange.body

    # --- test-mode controls -----------------------------------------------------------------------------

    def move_clock(self, seconds: float) -> float:
        """Move the platform's test clock; returns how far it now runs ahead of real time, in seconds."""
        response = self._platform.post("/__test/clock", json={"advance_seconds": seconds})
        self.requests += 1
        if response.status_code != 200:
            raise AssertionError(f"the test clock did not move: {response.status_code} {response.text}")
        return float(response.json()["offset_seconds"])

    def clock_offset(self) -> float:
        """How far the platform's test clock runs ahead of real time, in seconds."""
        response = self._platform.get("/__test/clock")
        self.requests += 1
        response.raise_for_status()
        return float(response.json()["offset_seconds"])

    def provider_outage(self, seconds: int = 300) -> None:
        self._control("POST", "/__control/faults", {"mode": "outage", "status": 503, "seconds": seconds})

    def provider_recovers(self) -> None:
        self._control("DELETE", "/__control/faults")

    def provider_orders(self, urn: str) -> list[dict[str, Any]]:
        """The provider's own ledger of EM orders for one case."""
        response = self._provider.get("/orders", params={"urn": urn})
        self.requests += 1
        response.raise_for_status()
        return response.json()["items"]

    def _control(self, method: str, path: str, body: Any = None) -> None:
        response = self._provider.request(method, path, json=body)
        self.requests += 1
        if response.status_code >= 300:
            raise AssertionError(f"the provider's control API refused {method} {path}: {response.status_code}")


def _body(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return response.text[:600]
