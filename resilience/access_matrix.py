"""The access matrix: ONE table of who may do what, through the API and the web pages, and how another court
centre's records are kept out of sight. Every route of the platform has a row (a test derives the routes
from the running app's OpenAPI document, and the project's own tests from the app itself, so a new route
without a row fails); every row is tried by every role of the home centre, every role of another centre,
and someone not signed in.

Expected outcomes of a cell:
- `allowed`: the request reaches the use case (2xx, a redirect, or the court's own refusal such as 409/422);
- `refused`: 403, the role may not do this;
- `hidden`: 404, another centre's record reads exactly like a missing one;
- `filtered`: allowed, but nothing of the other centre shows (lists);
- `sign-in`: 401 from the API, a redirect to the sign-in page from a page.
"""

from __future__ import annotations

from dataclasses import dataclass

LISTING, ADVISER, ADMIN, VIEWER = "LISTING_OFFICER", "LEGAL_ADVISER", "COURT_ADMIN", "AGENCY_VIEWER"
ROLES = (LISTING, ADVISER, ADMIN, VIEWER)
ALL = frozenset(ROLES)
USERNAMES = {LISTING: "listing", ADVISER: "adviser", ADMIN: "admin", VIEWER: "viewer"}
HOME, OTHER = "MAG01", "MAG02"

# Scoping of a row: how another centre's staff meet the home centre's records.
RECORD = "record"  # the row names a home-centre record (or asks for the home centre): 404 to anyone else
LIST = "list"  # the row lists the caller's own centre: the home centre's records never show
NONE = "none"  # nothing centre-specific (reference data, forms, the caller's own account)


@dataclass(frozen=True)
class Action:
    channel: str  # api | page | static | docs | test-mode
    method: str
    path: str  # the route as the app declares it
    title: str
    roles: frozenset[str] = ALL  # roles that may (signed in); empty = nobody signed in needs it
    scope: str = NONE
    public: bool = False  # no sign-in needed

    @property
    def key(self) -> str:
        return f"{self.method} {self.path}"


def _a(method, path, title, roles=ALL, scope=NONE, public=False, channel="api") -> Action:
    return Action(channel, method, path, title, frozenset(roles), scope, public)


def _p(method, path, title, roles=ALL, scope=NONE, public=False) -> Action:
    return _a(method, path, title, roles, scope, public, channel="page")


ACTIONS: tuple[Action, ...] = (
    # --- the JSON API (contract v1) ---------------------------------------------------------------------
    _a("POST", "/api/v1/auth/token", "sign in for a token", public=True),
    _a("GET", "/api/v1/me", "read who I am"),
    _a("GET", "/api/v1/court-centres", "list court centres"),
    _a("POST", "/api/v1/cases", "create a case", {LISTING}),
    _a("GET", "/api/v1/cases", "search a centre's cases", scope=RECORD),
    _a("GET", "/api/v1/cases/{urn}", "read a case", scope=RECORD),
    _a("POST", "/api/v1/cases/{urn}/hearings", "list a hearing", {LISTING}, RECORD),
    _a("GET", "/api/v1/hearings", "read a centre's court list", scope=RECORD),
    _a("GET", "/api/v1/hearings/{hearing_id}", "read a hearing", scope=RECORD),
    _a("PUT", "/api/v1/hearings/{hearing_id}/results/{defendant_id}", "draft a result", {ADVISER}, RECORD),
    _a("POST", "/api/v1/hearings/{hearing_id}/share", "share results", {ADVISER}, RECORD),
    _a("GET", "/api/v1/em-orders", "list a centre's EM orders", scope=RECORD),
    _a("GET", "/api/v1/em-orders/{order_id}", "read an EM order", scope=RECORD),
    _a("POST", "/api/v1/em-orders/{order_id}/resend", "re-send an EM order", {ADMIN}, RECORD),
    _a("GET", "/api/v1/notifications", "list a case's agency notifications", scope=LIST),
    _a("GET", "/api/v1/work-queue", "read the work queue", {ADMIN}, LIST),
    _a("GET", "/api/v1/audit-events", "read a case's audit trail", {ADMIN}, LIST),
    _a("GET", "/health", "health", public=True),
    _a("GET", "/ready", "readiness", public=True),
    _a("GET", "/metrics", "metrics", public=True),
    # --- the web pages --------------------------------------------------------------------------------
    _p("GET", "/", "home (the court list, or sign in)"),
    _p("GET", "/sign-in", "the sign-in page", public=True),
    _p("POST", "/sign-in", "sign in", public=True),
    _p("POST", "/sign-out", "sign out", public=True),
    _p("GET", "/accessibility", "the accessibility statement", public=True),
    _p("GET", "/court-list", "today's court list", scope=LIST),
    _p("GET", "/court-centres", "the court centres"),
    _p("GET", "/cases/new", "the open-a-case form", {LISTING}),
    _p("POST", "/cases/new", "open a case", {LISTING}),
    _p("GET", "/cases/{urn}/hearings/new", "the list-a-hearing form", {LISTING}, RECORD),
    _p("POST", "/cases/{urn}/hearings/new", "list a hearing", {LISTING}, RECORD),
    _p("GET", "/cases", "find a case", scope=LIST),
    _p("GET", "/cases/{urn}", "the case page", scope=RECORD),
    _p("GET", "/cases/{urn}/audit", "a case's audit trail", {ADMIN}, RECORD),
    _p("GET", "/em-orders/{order_id}", "an EM order", scope=RECORD),
    _p("GET", "/hearings/{hearing_id}/results/{defendant_id}", "the record-a-result form", {ADVISER}, RECORD),
    _p("POST", "/hearings/{hearing_id}/results/{defendant_id}", "record a result", {ADVISER}, RECORD),
    _p("GET", "/hearings/{hearing_id}/results", "check a hearing's results", scope=RECORD),
    _p("POST", "/hearings/{hearing_id}/share", "share results", {ADVISER}, RECORD),
    _p("GET", "/hearings/{hearing_id}/shared", "results shared", scope=RECORD),
    _p("GET", "/work-queue", "the work queue", {ADMIN}, LIST),
    _p("POST", "/work-queue/em-orders/{order_id}/resend", "re-send an EM order", {ADMIN}, RECORD),
    # --- static files and generated documentation ---------------------------------------------------------
    _a("GET", "/static/govuk-frontend.css", "the stylesheet", public=True, channel="static"),
    _a("GET", "/static", "the platform's own static files (mount)", public=True, channel="static"),
    _a("GET", "/assets", "GOV.UK Frontend assets (mount)", public=True, channel="static"),
    _a("GET", "/govuk-frontend", "GOV.UK Frontend scripts (mount)", public=True, channel="static"),
    _a("GET", "/moj-frontend", "MOJ Frontend (mount)", public=True, channel="static"),
    _a("GET", "/openapi.json", "the OpenAPI document", public=True, channel="docs"),
    _a("GET", "/docs", "the API's documentation page", public=True, channel="docs"),
    _a("GET", "/docs/oauth2-redirect", "the documentation page's sign-in redirect", public=True, channel="docs"),
    _a("GET", "/redoc", "the API's reference page", public=True, channel="docs"),
    # --- test mode only: not there at all outside test mode (tried on a platform not in test mode) ----------
    _a("GET", "/__test/clock", "read the test clock", frozenset(), channel="test-mode"),
    _a("POST", "/__test/clock", "move the test clock", frozenset(), channel="test-mode"),
    _a("POST", "/__test/reset", "reset case data", frozenset(), channel="test-mode"),
    _a("POST", "/__test/history", "add a year of case history", frozenset(), channel="test-mode"),
)

# A real file behind each mount, to try it with.
MOUNT_SAMPLES = {
    "/static": "/static/init.mjs",
    "/assets": "/assets/images/favicon.ico",
    "/govuk-frontend": "/govuk-frontend/govuk-frontend.min.js",
    "/moj-frontend": "/moj-frontend/moj-frontend.min.css",
}


@dataclass(frozen=True)
class Principal:
    """Who tries an action: a role at a centre, or nobody signed in (`role` None)."""

    role: str | None
    centre: str | None

    @property
    def username(self) -> str | None:
        return f"{USERNAMES[self.role]}@{self.centre}" if self.role else None

    @property
    def label(self) -> str:
        return f"{self.role}@{self.centre}" if self.role else "not signed in"


PRINCIPALS = tuple([Principal(role, HOME) for role in ROLES] + [Principal(role, OTHER) for role in ROLES]
                   + [Principal(None, None)])


def expected(action: Action, who: Principal) -> str:
    """The one rule every cell follows, read off the table."""
    if action.channel == "test-mode":
        return "hidden"  # outside test mode these routes do not exist for anyone
    if action.public:
        return "allowed"
    if who.role is None:
        return "sign-in"
    if who.role not in action.roles:
        return "refused"
    if who.centre != HOME and action.scope == RECORD:
        return "hidden"
    if who.centre != HOME and action.scope == LIST:
        return "filtered"
    return "allowed"


def route_keys(channel: str | None = None) -> set[str]:
    return {a.key for a in ACTIONS if channel is None or a.channel == channel}
