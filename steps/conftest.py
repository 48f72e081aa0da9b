"""Shared fixtures for the acceptance scenarios: the cast of actors, the court calendar, and the evidence
attached to a failing step. The shared Given / When / Then steps live in `steps/shared/` and are gathered
here so that every feature's bindings can use them."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

import allure
import httpx
import pytest

from steps.calendar import CourtCalendar
from steps.parameters import CENTRES, HOME_CENTRE, ROLES
from steps.redaction import describe_exchange
from steps.screenplay import (
    Actor,
    BrowseTheWeb,
    CallTheApi,
    ControlTheEmProvider,
    ControlThePlatformClock,
    Credentials,
    ExchangeLog,
    InspectTheEmProvider,
    TokenCache,
)
from steps.screenplay.questions import ThePlatformTime
from steps.screenplay.tasks import RestoreTheProvider
from steps.shared.cases import *  # noqa: F403  (step definitions)
from steps.shared.em_orders import *  # noqa: F403  (step definitions)
from steps.shared.provider import *  # noqa: F403  (step definitions)
from steps.shared.results import *  # noqa: F403  (step definitions)

# Test-mode deployments seed every user with this password; another deployment supplies its own.
SEED_PASSWORD = os.environ.get("COURT_SEED_PASSWORD", "court-test-password")
USERNAME_PREFIX = {"LISTING_OFFICER": "listing", "LEGAL_ADVISER": "adviser", "COURT_ADMIN": "admin",
                   "AGENCY_VIEWER": "viewer"}
EXCHANGES = pytest.StashKey[ExchangeLog]()


class Cast:
    """The people in one scenario. Court staff act through the chosen channel; the test operator (who
    controls the EM provider and the platform clock) always uses their own tools."""

    def __init__(self, platform, platform_client, provider_client, tokens, log, channel):
        self._platform = platform
        self._platform_client = platform_client
        self._provider_client = provider_client
        self._tokens = tokens
        self._log = log
        self._channel = channel
        self._actors: dict[tuple[str, str], Actor] = {}

    def court_user(self, role: str, court_centre: str = HOME_CENTRE) -> Actor:
        key = (role, court_centre)
        if key not in self._actors:
            credentials = Credentials(f"{USERNAME_PREFIX[role]}@{court_centre}", SEED_PASSWORD)
            actor = Actor(f"the {_role_name(role)} of {_centre_name(court_centre)}",
                          username=credentials.username, role=role, court_centre=court_centre)
            actor.who_can(CallTheApi(self._platform_client, credentials, self._tokens, self._log))
            if self._channel == "ui":
                actor.who_can(BrowseTheWeb(self._platform.base_url, credentials))
            self._actors[key] = actor
        return self._actors[key]

    def someone_not_signed_in(self) -> Actor:
        return Actor("someone who has not signed in").who_can(
            CallTheApi(self._platform_client, None, self._tokens, self._log))

    def an_impostor(self) -> Actor:
        forged = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbkBNQUcwMSJ9.Zm9yZ2VkLXNpZ25hdHVyZQ"
        return Actor("someone with a forged pass").who_can(
            CallTheApi(self._platform_client, None, self._tokens, self._log, forged_token=forged))

    def test_operator(self) -> Actor:
        if ("TEST_OPERATOR", "") not in self._actors:
            operator = Actor("the test operator").who_can(InspectTheEmProvider(self._provider_client, self._log))
            if self._platform.test_mode:
                operator.who_can(ControlTheEmProvider(self._provider_client, self._log),
                                 ControlThePlatformClock(self._platform_client, self._log))
            self._actors[("TEST_OPERATOR", "")] = operator
        return self._actors[("TEST_OPERATOR", "")]


def _role_name(role: str) -> str:
    return next(name for name, code in ROLES.items() if code == role)


def _centre_name(code: str) -> str:
    return next((name for name, c in CENTRES.items() if c == code), code)


# --- fixtures ------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def platform_client(court_platform) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=court_platform.base_url, timeout=30) as client:
        yield client


@pytest.fixture(scope="session")
def provider_client(court_platform) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=court_platform.provider_url, timeout=30) as client:
        yield client


@pytest.fixture(scope="session")
def token_cache() -> TokenCache:
    return TokenCache()


@pytest.fixture
def exchange_log(request: pytest.FixtureRequest) -> ExchangeLog:
    """Every request the scenario's actors make, so a failing step can show the last one."""
    log = ExchangeLog()
    request.node.stash[EXCHANGES] = log
    return log


@pytest.fixture
def cast(request, court_platform, platform_client, provider_client, token_cache, exchange_log) -> Cast:
    return Cast(court_platform, platform_client, provider_client, token_cache, exchange_log,
                request.config.getoption("--channel"))


@pytest.fixture
def listing_officer(cast: Cast) -> Actor:
    return cast.court_user("LISTING_OFFICER")


@pytest.fixture
def legal_adviser(cast: Cast) -> Actor:
    return cast.court_user("LEGAL_ADVISER")


@pytest.fixture
def court_admin(cast: Cast) -> Actor:
    return cast.court_user("COURT_ADMIN")


@pytest.fixture
def agency_viewer(cast: Cast) -> Actor:
    return cast.court_user("AGENCY_VIEWER")


@pytest.fixture
def test_operator(cast: Cast) -> Iterator[Actor]:
    """Controls the EM provider and the platform clock; whatever faults a scenario injects are cleared
    when it ends, pass or fail."""
    operator = cast.test_operator()
    yield operator
    with contextlib.suppress(Exception):
        if operator.ability_to(ControlTheEmProvider).faults_injected:
            operator.attempts_to(RestoreTheProvider())


@pytest.fixture
def calendar(test_operator: Actor) -> CourtCalendar:
    """Today and the days after it, by the platform's clock (which test-mode scenarios move forward)."""
    return CourtCalendar(test_operator.asks(ThePlatformTime()))


# --- evidence on failure --------------------------------------------------------------------------------


def pytest_bdd_step_error(request, feature, scenario, step, step_func, step_func_args, exception) -> None:
    """Attach the last request and response (personal data redacted) to the report of a failing step."""
    log = request.node.stash.get(EXCHANGES, None)
    last = log.last() if log else None
    if last is None:
        return
    text = describe_exchange(last.method, last.url, last.request_body, last.status, last.response_body,
                             last.request_headers)
    with contextlib.suppress(Exception):
        allure.attach(text, name="Last request and response (personal data redacted)",
                      attachment_type=allure.attachment_type.TEXT)
    if isinstance(exception, AssertionError):
        message = exception.args[0] if exception.args else ""
        exception.args = (f"{message}\n\nLast request and response (personal data redacted):\n{text}",
                          *exception.args[1:])
