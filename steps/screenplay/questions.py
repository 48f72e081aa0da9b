"""Questions: what actors find out, answered through their channel (or, for the EM provider's ledger and
the platform clock, through the test operator's abilities)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from . import tasks
from .abilities import BrowserChannelNotBuilt, CallTheApi, ControlThePlatformClock, InspectTheEmProvider
from .actor import MissingAbility

if TYPE_CHECKING:
    from .abilities import BrowseTheWeb
    from .actor import Actor

T = TypeVar("T")


class UnexpectedAnswer(AssertionError):
    """The platform would not answer a question the scenario needed answered."""


class Question:
    def answered_by(self, actor: Actor) -> Any:
        return actor.channel.answer(self)

    def via_api(self, api: CallTheApi) -> Any:
        raise NotImplementedError

    def via_browser(self, browser: BrowseTheWeb) -> Any:
        raise BrowserChannelNotBuilt(
            f"The browser channel is not built yet: '{self.describe()}' has no browser implementation "
            "(it arrives with the end-to-end issue). Run with --channel=api."
        )

    def describe(self) -> str:
        return type(self).__name__


def _answer(api: CallTheApi, read: tasks.Read) -> Any:
    outcome = read.via_api(api)
    if not outcome.accepted:
        raise UnexpectedAnswer(f"The platform would not let {api.who} {read.describe()}: "
                               f"{outcome.summary()}")
    return outcome.body


def _items(body: Any) -> list[dict[str, Any]]:
    if isinstance(body, list):
        return body
    return list(body.get("items", [])) if isinstance(body, dict) else []


@dataclass(frozen=True)
class TheCase(Question):
    urn: str

    def via_api(self, api: CallTheApi) -> dict[str, Any]:
        return _answer(api, tasks.ReadCase(self.urn))

    def describe(self) -> str:
        return f"what case {self.urn} shows"


@dataclass(frozen=True)
class TheHearing(Question):
    hearing_id: int

    def via_api(self, api: CallTheApi) -> dict[str, Any]:
        return _answer(api, tasks.ReadHearing(self.hearing_id))

    def describe(self) -> str:
        return f"what hearing {self.hearing_id} shows"


@dataclass(frozen=True)
class TheCourtList(Question):
    court_centre: str
    day: date

    def via_api(self, api: CallTheApi) -> list[dict[str, Any]]:
        return _items(_answer(api, tasks.ReadCourtList(self.court_centre, self.day)))

    def describe(self) -> str:
        return f"the court list of {self.court_centre} for {self.day}"


@dataclass(frozen=True)
class CaseSearch(Question):
    query: str

    def via_api(self, api: CallTheApi) -> list[dict[str, Any]]:
        return _items(_answer(api, tasks.SearchCases(self.query)))

    def describe(self) -> str:
        return f"the cases found for '{self.query}'"


@dataclass(frozen=True)
class EmOrdersFor(Question):
    """The case's EM orders, oldest first (optionally one defendant's only)."""

    urn: str
    defendant_id: int | None = None

    def via_api(self, api: CallTheApi) -> list[dict[str, Any]]:
        orders = _items(_answer(api, tasks.ReadEmOrders(self.urn)))
        if self.defendant_id is not None:
            orders = [o for o in orders if o.get("defendant_id") == self.defendant_id]
        return sorted(orders, key=lambda o: (o.get("created_at") or "", o.get("id") or 0))

    def describe(self) -> str:
        return f"the EM orders of case {self.urn}"


@dataclass(frozen=True)
class TheEmOrder(Question):
    order_id: int

    def via_api(self, api: CallTheApi) -> dict[str, Any]:
        return _answer(api, tasks.ReadEmOrder(self.order_id))

    def describe(self) -> str:
        return f"EM order {self.order_id}"


@dataclass(frozen=True)
class NotificationsFor(Question):
    urn: str

    def via_api(self, api: CallTheApi) -> list[dict[str, Any]]:
        return _items(_answer(api, tasks.ReadNotifications(self.urn)))

    def describe(self) -> str:
        return f"the messages sent to agencies about case {self.urn}"


@dataclass(frozen=True)
class PendingDeliveries(Question):
    """How many messages of the actor's court centre still wait to be delivered."""

    def via_api(self, api: CallTheApi) -> int:
        body = _answer(api, tasks.Read("/api/v1/notifications", (("status", "PENDING"),), what="undelivered messages"))
        return int(body.get("total", len(_items(body)))) if isinstance(body, dict) else len(_items(body))

    def describe(self) -> str:
        return "how many messages wait to be delivered"


@dataclass(frozen=True)
class TheWorkQueue(Question):
    def via_api(self, api: CallTheApi) -> list[dict[str, Any]]:
        return _items(_answer(api, tasks.ReadWorkQueue()))

    def describe(self) -> str:
        return "the work queue"


@dataclass(frozen=True)
class AuditTrailFor(Question):
    """The case's audit events, oldest first."""

    urn: str

    def via_api(self, api: CallTheApi) -> list[dict[str, Any]]:
        events = _items(_answer(api, tasks.ReadAuditTrail(self.urn)))
        return sorted(events, key=lambda e: (e.get("at") or "", e.get("id") or 0))

    def describe(self) -> str:
        return f"the audit trail of case {self.urn}"


@dataclass(frozen=True)
class TheProviderLedger(Question):
    """The orders the EM provider has received (its own record, which the gate reconciles against).

    `urn` narrows the provider's answer when it supports that filter; callers still match on order ids."""

    urn: str | None = None

    def answered_by(self, actor: Actor) -> list[dict[str, Any]]:
        return _ledger(actor, "/orders", self.urn)


@dataclass(frozen=True)
class TheAgencyLedger(Question):
    """The notifications an agency (prison, probation) has received, as the provider standing in for it
    records them."""

    agency: str
    urn: str | None = None

    def answered_by(self, actor: Actor) -> list[dict[str, Any]]:
        return _ledger(actor, f"/agencies/{self.agency}/notifications", self.urn)


def _ledger(actor: Actor, path: str, urn: str | None) -> list[dict[str, Any]]:
    provider = actor.ability_to(InspectTheEmProvider)
    response = provider.request("GET", f"{path}?urn={urn}" if urn else path)
    if response.status_code != 200:
        raise UnexpectedAnswer(f"The EM provider would not show its ledger {path} ({response.status_code})")
    return _items(response.json())


@dataclass(frozen=True)
class ThePlatformTime(Question):
    """The platform's 'now': its test clock when it has one, else the real time."""

    def answered_by(self, actor: Actor) -> datetime:
        try:
            clock = actor.ability_to(ControlThePlatformClock)
        except MissingAbility:
            return datetime.now(UTC)
        response = clock.request({"advance_seconds": 0})
        if response.status_code != 200:
            raise UnexpectedAnswer(f"The platform would not tell its test clock ({response.status_code})")
        return datetime.fromisoformat(response.json()["now"])


def eventually(ask: Callable[[], T], until: Callable[[T], bool], within: float, every: float = 0.25) -> T:
    """Ask again until the answer satisfies `until` or `within` seconds pass; return the last answer."""
    deadline = time.monotonic() + within
    while True:
        answer = ask()
        if until(answer) or time.monotonic() >= deadline:
            return answer
        time.sleep(every)
