"""The cast of a scenario: court staff of each court centre (acting through the chosen channel), someone
who has not signed in, an impostor, and the test operator who controls the EM provider and the clock."""

from __future__ import annotations

import os

from steps.parameters import CENTRES, HOME_CENTRE, ROLES

from .abilities import (
    BrowseTheWeb,
    CallTheApi,
    ControlTheEmProvider,
    ControlThePlatformClock,
    Credentials,
    InspectTheEmProvider,
)
from .actor import Actor

# Test-mode deployments seed every user with this password; another deployment supplies its own.
SEED_PASSWORD = os.environ.get("COURT_SEED_PASSWORD", "court-test-password")
USERNAME_PREFIX = {"LISTING_OFFICER": "listing", "LEGAL_ADVISER": "adviser", "COURT_ADMIN": "admin",
                   "AGENCY_VIEWER": "viewer"}


class Cast:
    """The people in one scenario. Court staff act through the chosen channel; the test operator (who
    controls the EM provider and the platform clock) always uses their own tools."""

    def __init__(self, platform, platform_client, provider_client, tokens, log, channel, web=None):
        self._platform = platform
        self._platform_client = platform_client
        self._provider_client = provider_client
        self._tokens = tokens
        self._log = log
        self._channel = channel
        self._web = web  # the scenario's browser sessions, in the browser channel
        self._actors: dict[tuple[str, str], Actor] = {}

    def court_user(self, role: str, court_centre: str = HOME_CENTRE) -> Actor:
        key = (role, court_centre)
        if key not in self._actors:
            credentials = Credentials(f"{USERNAME_PREFIX[role]}@{court_centre}", SEED_PASSWORD)
            actor = Actor(f"the {_role_name(role)} of {_centre_name(court_centre)}",
                          username=credentials.username, role=role, court_centre=court_centre)
            api = CallTheApi(self._platform_client, credentials, self._tokens, self._log)
            actor.who_can(api)
            if self._channel == "ui":
                actor.who_can(BrowseTheWeb(self._web, credentials, court_centre, api))
            self._actors[key] = actor
        return self._actors[key]

    def colleague_of(self, actor: Actor) -> Actor:
        """Another person doing the same job at the same centre, at their own desk (own browser, own session).
        The seed data has one account per role per centre, so they sign in with it too."""
        key = (f"colleague of {actor.role}", actor.court_centre)
        if key not in self._actors:
            credentials = Credentials(actor.username, SEED_PASSWORD)
            colleague = Actor(f"a colleague of {actor.name}", username=actor.username, role=actor.role,
                              court_centre=actor.court_centre)
            api = CallTheApi(self._platform_client, credentials, self._tokens, self._log)
            colleague.who_can(api)
            if self._channel == "ui":
                colleague.who_can(BrowseTheWeb(self._web, credentials, actor.court_centre, api, desk="colleague"))
            self._actors[key] = colleague
        return self._actors[key]

    def someone_not_signed_in(self) -> Actor:
        actor = Actor("someone who has not signed in").who_can(
            CallTheApi(self._platform_client, None, self._tokens, self._log))
        if self._channel == "ui":
            actor.who_can(BrowseTheWeb(self._web, None))
        return actor

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
