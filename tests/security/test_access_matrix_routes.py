"""The access matrix (resilience/access_matrix.py) has a row for every route of the platform, API and pages
alike, and no row for a route that is gone: adding a route means deciding who may use it."""

from __future__ import annotations

from collections.abc import Iterable

from starlette.routing import Mount

from reference_system.settings import Settings
from reference_system.web.app import create_app
from resilience.access_matrix import ACTIONS, ALL, HOME, OTHER, PRINCIPALS, Principal, expected


def routes_of(routes: Iterable, prefix: str = "") -> set[str]:
    """`METHOD /path` for every route, walking into included routers and mounts (HEAD goes with GET)."""
    found: set[str] = set()
    for route in routes:
        included = getattr(route, "original_router", None)
        if included is not None:
            found |= routes_of(included.routes, prefix + (route.include_context.prefix or ""))
        elif isinstance(route, Mount):
            found.add(f"GET {prefix}{route.path}")
        else:
            found |= {f"{method} {prefix}{route.path}" for method in route.methods or () if method != "HEAD"}
    return found


def test_every_route_of_the_platform_has_a_row_in_the_access_matrix(tmp_path):
    app = create_app(Settings(test_mode=True, database_url=f"sqlite:///{tmp_path / 'unused.db'}"))
    routes = routes_of(app.routes)
    rows = {action.key for action in ACTIONS}
    assert routes - rows == set(), f"routes with no row in resilience/access_matrix.py: {sorted(routes - rows)}"
    assert rows - routes == set(), f"rows for routes the platform no longer has: {sorted(rows - routes)}"


def test_each_row_is_one_route_and_the_table_follows_the_contracts_roles():
    keys = [action.key for action in ACTIONS]
    assert len(keys) == len(set(keys)), "a route has two rows"
    by_key = {action.key: action for action in ACTIONS}
    # docs/contract.md, "Roles and actions"
    assert by_key["POST /api/v1/cases"].roles == {"LISTING_OFFICER"}
    assert by_key["POST /api/v1/cases/{urn}/hearings"].roles == {"LISTING_OFFICER"}
    assert by_key["PUT /api/v1/hearings/{hearing_id}/results/{defendant_id}"].roles == {"LEGAL_ADVISER"}
    assert by_key["POST /api/v1/hearings/{hearing_id}/share"].roles == {"LEGAL_ADVISER"}
    assert by_key["GET /api/v1/work-queue"].roles == {"COURT_ADMIN"}
    assert by_key["POST /api/v1/em-orders/{order_id}/resend"].roles == {"COURT_ADMIN"}
    assert by_key["GET /api/v1/audit-events"].roles == {"COURT_ADMIN"}
    assert by_key["GET /api/v1/cases/{urn}"].roles == ALL


def test_another_centres_record_is_hidden_and_a_forbidden_role_is_refused_before_that():
    read = next(a for a in ACTIONS if a.key == "GET /api/v1/cases/{urn}")
    share = next(a for a in ACTIONS if a.key == "POST /api/v1/hearings/{hearing_id}/share")
    assert expected(read, Principal("AGENCY_VIEWER", OTHER)) == "hidden"
    assert expected(share, Principal("AGENCY_VIEWER", OTHER)) == "refused"
    assert expected(share, Principal("LEGAL_ADVISER", HOME)) == "allowed"
    assert expected(share, Principal(None, None)) == "sign-in"
    assert len(PRINCIPALS) == 9
