"""Tasks: what actors do, each with an API implementation and (later) a browser implementation.

A task returns an `Outcome`: what the platform decided, refusals included, so that a scenario can assert
on a refusal as readily as on a success.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from steps.redaction import redacted_repr

from .abilities import (
    BrowserChannelNotBuilt,
    CallTheApi,
    ControlTheEmProvider,
    ControlThePlatformClock,
)

if TYPE_CHECKING:
    import httpx

    from .abilities import BrowseTheWeb
    from .actor import Actor


@dataclass(frozen=True)
class Outcome:
    """What the platform answered to one attempt."""

    __repr__ = redacted_repr

    status: int
    body: Any
    sent: Any = None

    @classmethod
    def of(cls, response: httpx.Response, sent: Any = None) -> Outcome:
        try:
            body = response.json()
        except ValueError:
            body = response.text
        return cls(response.status_code, body, sent)

    @property
    def accepted(self) -> bool:
        return 200 <= self.status < 300

    @property
    def needs_sign_in(self) -> bool:
        return self.status == 401

    @property
    def not_permitted(self) -> bool:
        return self.status == 403

    @property
    def not_found(self) -> bool:
        return self.status == 404

    @property
    def conflicts(self) -> bool:
        return self.status == 409

    @property
    def invalid(self) -> bool:
        return self.status in (400, 422)

    @property
    def field_errors(self) -> dict[str, list[str]]:
        return field_errors_in(self.body)

    def summary(self) -> str:
        errors = self.field_errors
        if errors:
            return f"status {self.status}, field errors {errors}"
        detail = self.body.get("detail") or self.body.get("title") if isinstance(self.body, dict) else None
        return f"status {self.status}" + (f": {detail}" if detail else "")


def field_errors_in(body: Any) -> dict[str, list[str]]:
    """Field errors of a problem document, keyed by dotted path (`curfew.end_time`).

    The contract fixes the paths, not the shape of the list, so the usual shapes are all read.
    """
    if not isinstance(body, dict):
        return {}
    found: dict[str, list[str]] = {}
    for key in ("errors", "field_errors", "invalid_params", "invalid-params", "detail"):
        entries = body.get(key)
        if isinstance(entries, dict):
            for path, messages in entries.items():
                found.setdefault(str(path), []).extend(messages if isinstance(messages, list) else [messages])
        elif isinstance(entries, list):
            for entry in entries:
                if not isinstance(entry, dict):
                    continue
                path = next((entry[k] for k in ("field", "path", "name", "pointer", "loc") if k in entry), None)
                if isinstance(path, list):
                    path = ".".join(str(p) for p in path if p != "body")
                message = next((entry[k] for k in ("message", "detail", "reason", "msg") if k in entry), "")
                if path is not None:
                    found.setdefault(str(path), []).append(str(message))
    return found


class Interaction:
    """Something an actor does; dispatched to the actor's channel (API or browser)."""

    def perform_as(self, actor: Actor) -> Any:
        return actor.channel.perform(self)

    def via_api(self, api: CallTheApi) -> Any:
        raise NotImplementedError

    def via_browser(self, browser: BrowseTheWeb) -> Any:
        raise BrowserChannelNotBuilt(
            f"The browser channel is not built yet: '{self.describe()}' has no browser implementation "
            "(it arrives with the end-to-end issue). Run with --channel=api."
        )

    def describe(self) -> str:
        return type(self).__name__


# --- court work -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SignIn(Interaction):
    password: str

    def via_api(self, api: CallTheApi) -> Outcome:
        return Outcome.of(api.sign_in(api.who, self.password))

    def describe(self) -> str:
        return "sign in"


@dataclass(frozen=True)
class OpenCase(Interaction):
    __repr__ = redacted_repr

    case: dict[str, Any]

    def via_api(self, api: CallTheApi) -> Outcome:
        return Outcome.of(api.request("POST", "/api/v1/cases", json=self.case), sent=self.case)

    def describe(self) -> str:
        return f"open case {self.case.get('urn')}"


@dataclass(frozen=True)
class ListHearing(Interaction):
    __repr__ = redacted_repr

    urn: str
    hearing: dict[str, Any]

    def via_api(self, api: CallTheApi) -> Outcome:
        return Outcome.of(api.request("POST", f"/api/v1/cases/{self.urn}/hearings", json=self.hearing),
                          sent=self.hearing)

    def describe(self) -> str:
        return f"list a hearing for case {self.urn}"


def _current_version(api: CallTheApi, hearing_id: int) -> int | None:
    response = api.request("GET", f"/api/v1/hearings/{hearing_id}")
    return response.json().get("version") if response.status_code == 200 else None


@dataclass(frozen=True)
class RecordResult(Interaction):
    """Save a draft result for one defendant, on the hearing as it is now (or as it was, at `version`)."""

    __repr__ = redacted_repr

    hearing_id: int
    defendant_id: int
    result: dict[str, Any]
    version: int | None = None

    def via_api(self, api: CallTheApi) -> Outcome:
        version = self.version if self.version is not None else _current_version(api, self.hearing_id)
        payload = {"version": version if version is not None else 1, **self.result}
        return Outcome.of(api.request(
            "PUT", f"/api/v1/hearings/{self.hearing_id}/results/{self.defendant_id}", json=payload,
        ), sent=payload)

    def describe(self) -> str:
        return f"record a result for defendant {self.defendant_id} on hearing {self.hearing_id}"


@dataclass(frozen=True)
class ShareResults(Interaction):
    hearing_id: int
    version: int | None = None

    def via_api(self, api: CallTheApi) -> Outcome:
        version = self.version if self.version is not None else _current_version(api, self.hearing_id)
        return Outcome.of(api.request(
            "POST", f"/api/v1/hearings/{self.hearing_id}/share",
            json={"version": version if version is not None else 1},
        ))

    def describe(self) -> str:
        return f"share the results of hearing {self.hearing_id}"


@dataclass(frozen=True)
class ResendEmOrder(Interaction):
    order_id: int

    def via_api(self, api: CallTheApi) -> Outcome:
        return Outcome.of(api.request("POST", f"/api/v1/em-orders/{self.order_id}/resend"))

    def describe(self) -> str:
        return f"re-send EM order {self.order_id}"


# --- reading (attempts that may be refused; questions build on them) -------------------------------


@dataclass(frozen=True)
class Read(Interaction):
    """Read one resource or list; the outcome says whether the platform allowed it."""

    path: str
    params: tuple[tuple[str, str], ...] = ()
    what: str = ""

    def via_api(self, api: CallTheApi) -> Outcome:
        return Outcome.of(api.request("GET", self.path, params=dict(self.params) or None))

    def describe(self) -> str:
        return f"read {self.what or self.path}"


def ReadCourtCentres() -> Read:
    return Read("/api/v1/court-centres", what="the court centres")


def ReadCase(urn: str) -> Read:
    return Read(f"/api/v1/cases/{urn}", what=f"case {urn}")


def SearchCases(query: str, court_centre: str | None = None) -> Read:
    params = (("q", query),) + ((("court_centre", court_centre),) if court_centre else ())
    return Read("/api/v1/cases", params, what=f"cases matching {query}")


def ReadHearing(hearing_id: int) -> Read:
    return Read(f"/api/v1/hearings/{hearing_id}", what=f"hearing {hearing_id}")


def ReadCourtList(court_centre: str, day: date) -> Read:
    return Read("/api/v1/hearings", (("court_centre", court_centre), ("date", day.isoformat())),
                what=f"the court list of {court_centre} for {day}")


def ReadEmOrders(urn: str) -> Read:
    return Read("/api/v1/em-orders", (("urn", urn),), what=f"the EM orders of case {urn}")


def ReadEmOrder(order_id: int) -> Read:
    return Read(f"/api/v1/em-orders/{order_id}", what=f"EM order {order_id}")


def ReadNotifications(urn: str) -> Read:
    return Read("/api/v1/notifications", (("urn", urn),), what=f"the notifications of case {urn}")


def ReadWorkQueue() -> Read:
    return Read("/api/v1/work-queue", what="the work queue")


def ReadAuditTrail(urn: str) -> Read:
    return Read("/api/v1/audit-events", (("urn", urn),), what=f"the audit trail of case {urn}")


# --- the test operator: provider faults and the platform clock (test mode only) ---------------------


@dataclass(frozen=True)
class InjectProviderFault(Interaction):
    fault: dict[str, Any]

    def perform_as(self, actor: Actor) -> Outcome:
        provider = actor.ability_to(ControlTheEmProvider)
        outcome = Outcome.of(provider.request("POST", "/__control/faults", json=self.fault))
        provider.faults_injected = True
        return outcome

    def describe(self) -> str:
        return f"inject the EM provider fault {self.fault}"


def TakeTheProviderDown(seconds: int | None = None) -> InjectProviderFault:
    # "Until further notice" is a long outage that the scenario (or its clean-up) ends explicitly.
    return InjectProviderFault({"mode": "outage", "status": 503, "seconds": seconds if seconds else 600})


def MakeTheProviderReject(count: int = 1) -> InjectProviderFault:
    return InjectProviderFault({"mode": "reject", "count": count})


def LoseTheProvidersAnswers(count: int = 1) -> InjectProviderFault:
    return InjectProviderFault({"mode": "lose-response", "count": count})


def SlowTheProviderDown(ms: int, seconds: int) -> InjectProviderFault:
    return InjectProviderFault({"mode": "latency", "ms": ms, "seconds": seconds})


@dataclass(frozen=True)
class RestoreTheProvider(Interaction):
    def perform_as(self, actor: Actor) -> Outcome:
        provider = actor.ability_to(ControlTheEmProvider)
        outcome = Outcome.of(provider.request("DELETE", "/__control/faults"))
        provider.faults_injected = False
        return outcome

    def describe(self) -> str:
        return "clear the EM provider's faults"


@dataclass(frozen=True)
class MoveThePlatformClockTo(Interaction):
    """Move the platform clock forward to `moment` (never back: other work relies on it)."""

    moment: datetime

    def perform_as(self, actor: Actor) -> Outcome:
        clock = actor.ability_to(ControlThePlatformClock)
        now = datetime.fromisoformat(clock.request({"advance_seconds": 0}).json()["now"])
        seconds = max(0, int((self.moment - now).total_seconds()) + 1)
        return Outcome.of(clock.request({"advance_seconds": seconds}))

    def describe(self) -> str:
        return f"move the platform clock to {self.moment.isoformat()}"
