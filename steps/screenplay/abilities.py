"""What an actor can do: call the platform's API, browse its pages, inspect and control the EM provider,
and move the platform's test clock.

Every HTTP exchange is written to the scenario's exchange log, so that a failing step can show the last
request and response (redacted) in its report.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import httpx

if TYPE_CHECKING:
    from .questions import Question
    from .tasks import Interaction


@dataclass(frozen=True)
class Exchange:
    """One request and the response it got (None when no response arrived)."""

    method: str
    url: str
    request_headers: dict[str, str]
    request_body: bytes
    status: int | None
    response_body: bytes


@dataclass
class ExchangeLog:
    """The exchanges of one scenario, oldest first."""

    exchanges: list[Exchange] = field(default_factory=list)

    def record(self, exchange: Exchange) -> None:
        self.exchanges.append(exchange)

    def last(self) -> Exchange | None:
        return self.exchanges[-1] if self.exchanges else None


def _send(client: httpx.Client, log: ExchangeLog, method: str, url: str, **kwargs: Any) -> httpx.Response:
    request = client.build_request(method, url, **kwargs)
    try:
        response = client.send(request)
    except httpx.HTTPError:
        log.record(Exchange(method, str(request.url), dict(request.headers), request.content, None, b""))
        raise
    log.record(
        Exchange(method, str(request.url), dict(request.headers), request.content, response.status_code,
                 response.content)
    )
    return response


@dataclass(frozen=True)
class Credentials:
    username: str
    password: str


class TokenCache:
    """Bearer tokens per user for the whole run: signing in is deliberately slow and throttled."""

    def __init__(self) -> None:
        self._tokens: dict[str, str] = {}
        self._lock = threading.Lock()

    def get(self, username: str) -> str | None:
        with self._lock:
            return self._tokens.get(username)

    def put(self, username: str, token: str) -> None:
        with self._lock:
            self._tokens[username] = token

    def forget(self, username: str) -> None:
        with self._lock:
            self._tokens.pop(username, None)


class SignInFailed(AssertionError):
    pass


class CallTheApi:
    """Signs in as a court user and calls the platform's JSON API (contract v1).

    Without credentials it calls as someone who has not signed in; with a forged token, as an impostor.
    """

    def __init__(self, client: httpx.Client, credentials: Credentials | None, tokens: TokenCache,
                 log: ExchangeLog, forged_token: str | None = None):
        self.client = client
        self.credentials = credentials
        self.forged_token = forged_token
        self._tokens = tokens
        self._log = log

    @property
    def who(self) -> str:
        return self.credentials.username if self.credentials else "someone who has not signed in"

    def perform(self, interaction: Interaction) -> Any:
        return interaction.via_api(self)

    def answer(self, question: Question) -> Any:
        return question.via_api(self)

    def sign_in(self, username: str, password: str) -> httpx.Response:
        return _send(self.client, self._log, "POST", "/api/v1/auth/token",
                     json={"username": username, "password": password})

    def request(self, method: str, path: str, *, json: Any = None, params: dict | None = None) -> httpx.Response:
        """Send a request as this user; a token the platform no longer accepts is renewed once."""
        response = _send(self.client, self._log, method, path, json=json, params=params,
                         headers=self._authorisation())
        if response.status_code == 401 and self.credentials and not self.forged_token:
            # Tokens expire by the platform's clock, which test-mode scenarios move forward.
            self._tokens.forget(self.credentials.username)
            response = _send(self.client, self._log, method, path, json=json, params=params,
                             headers=self._authorisation())
        return response

    def _authorisation(self) -> dict[str, str]:
        if self.forged_token:
            return {"Authorization": f"Bearer {self.forged_token}"}
        if self.credentials is None:
            return {}
        return {"Authorization": f"Bearer {self._token()}"}

    def _token(self) -> str:
        assert self.credentials is not None
        token = self._tokens.get(self.credentials.username)
        if token is None:
            response = self._sign_in_patiently()
            if response.status_code != 200:
                raise SignInFailed(
                    f"{self.credentials.username} could not sign in to the platform "
                    f"(it answered {response.status_code}): {response.text[:300]}"
                )
            token = response.json()["access_token"]
            self._tokens.put(self.credentials.username, token)
        return token

    def _sign_in_patiently(self) -> httpx.Response:
        assert self.credentials is not None
        # Sign-in is throttled; back off politely rather than fail the scenario on a busy moment.
        for pause in (0.5, 1.0, 2.0, 4.0):
            response = self.sign_in(self.credentials.username, self.credentials.password)
            if response.status_code != 429:
                return response
            time.sleep(float(response.headers.get("Retry-After", pause)))
        return response


class BrowserChannelNotBuilt(NotImplementedError):
    """Raised by every task and question on the browser channel until the end-to-end issue builds it."""


class BrowseTheWeb:
    """Uses the platform's web pages like a person would, in a browser context of their own (signed in on
    first use). The browser side of each task and question lives in `browsing.py`."""

    def __init__(self, web: Any, credentials: Credentials | None, court_centre: str = "",
                 api: CallTheApi | None = None, desk: str = ""):
        self.web = web  # the scenario's browser sessions (steps/browser.py)
        self.desk = desk  # another desk is another sign-in (its own session), even with the same account
        self.credentials = credentials
        self.court_centre = court_centre
        self.api = api
        self.fresh: tuple[str, str] | None = None  # the page the tab shows, not yet read: (path, loaded by)
        self._page = None

    @property
    def who(self) -> str:
        return self.credentials.username if self.credentials else "someone who has not signed in"

    @property
    def base_url(self) -> str:
        return self.web.base_url

    @property
    def checks(self) -> Any:
        return self.web.checks

    @property
    def page(self) -> Any:
        """This person's browser tab, signed in on first use (someone without credentials stays signed out)."""
        if self._page is None:
            self._page = (self.web.signed_in_tab(self.credentials.username, self.credentials.password, self.desk)
                          if self.credentials else self.web.tab(self.who))
        return self._page

    def fresh_tab(self) -> Any:
        """A new, signed-out tab of this person's (to try signing in, whatever their usual tab holds)."""
        return self.web.tab(self.who)

    def perform(self, interaction: Interaction) -> Any:
        from . import browsing

        return browsing.perform(self, interaction)

    def answer(self, question: Question) -> Any:
        from . import browsing

        return browsing.answer(self, question)


class InspectTheEmProvider:
    """Reads the stand-in EM provider's ledgers, which the gate reconciles against."""

    def __init__(self, client: httpx.Client, log: ExchangeLog):
        self.client = client
        self._log = log

    def request(self, method: str, path: str, *, json: Any = None) -> httpx.Response:
        return _send(self.client, self._log, method, path, json=json)


class ControlTheEmProvider(InspectTheEmProvider):
    """Injects and clears faults through the provider's control API (test mode only)."""

    def __init__(self, client: httpx.Client, log: ExchangeLog):
        super().__init__(client, log)
        self.faults_injected = False


class ControlThePlatformClock:
    """Reads and moves the platform's clock (test mode only)."""

    def __init__(self, client: httpx.Client, log: ExchangeLog):
        self.client = client
        self._log = log

    def request(self, payload: dict[str, Any]) -> httpx.Response:
        return _send(self.client, self._log, "POST", "/__test/clock", json=payload)
