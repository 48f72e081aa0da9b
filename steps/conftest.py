"""Shared fixtures for the acceptance scenarios: the cast of actors, the court calendar, and the evidence
attached to a failing step. The shared Given / When / Then steps live in `steps/shared/` and are gathered
here so that every feature's bindings can use them."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import allure
import httpx
import pytest

from steps.browser import (  # noqa: F401  (fixtures of the browser channel)
    _accessibility,
    _report_camera,
    _signed_in_users,
    attach_browser_evidence,
    browser_type_launch_args,
    web_sessions,
)
from steps.calendar import CourtCalendar
from steps.redaction import describe_exchange
from steps.report_privacy import register as keep_records_out_of_allure
from steps.screenplay import Actor, ControlTheEmProvider, ExchangeLog, TokenCache
from steps.screenplay.cast import Cast
from steps.screenplay.questions import ThePlatformTime
from steps.screenplay.tasks import RestoreTheProvider
from steps.shared.cases import *  # noqa: F403  (step definitions)
from steps.shared.em_orders import *  # noqa: F403  (step definitions)
from steps.shared.provider import *  # noqa: F403  (step definitions)
from steps.shared.results import *  # noqa: F403  (step definitions)

EXCHANGES = pytest.StashKey[ExchangeLog]()


def pytest_configure(config: pytest.Config) -> None:
    keep_records_out_of_allure()


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
    channel = request.config.getoption("--channel")
    web = request.getfixturevalue("web_sessions") if channel == "ui" else None
    return Cast(court_platform, platform_client, provider_client, token_cache, exchange_log, channel, web)


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
    """Attach the last request and response (personal data redacted) to the report of a failing step, and in
    the browser channel a screenshot and trace of every open tab."""
    attach_browser_evidence(request)
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
