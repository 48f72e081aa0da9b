"""Schemathesis hooks: mix court-shaped bodies (from fixtures.strategies) into what Schemathesis generates for
creating cases, listing hearings and drafting results, so that its stateful phase gets past the court's
rules (own court centre, real postcodes, curfew limits) and follows the OpenAPI links deep into the
lifecycle, while its own schema-driven bodies keep probing the edges; and keep its sign-in attempts away
from the real court users."""

from __future__ import annotations

import re
import uuid
from datetime import date

import schemathesis
from hypothesis import strategies as st

from fixtures import strategies as s

CENTRE = "MAG01"                    # the listing officer Schemathesis signs in as belongs here
HEARING_DAY = date(2027, 3, 26)     # the Friday before the spring clock change
SEED_USER = re.compile(r"^(listing|adviser|admin|viewer)@", re.IGNORECASE)


def _fresh_urn(case: dict) -> dict:
    return {**case, "urn": "S" + uuid.uuid4().hex[:13].upper()}


@schemathesis.hook("before_generate_body").apply_to(method="POST", path="/api/v1/cases")
def court_shaped_cases(context, strategy):
    return st.one_of(strategy, s.cases(court_centres=(CENTRE,), max_defendants=2).map(_fresh_urn))


@schemathesis.hook("before_generate_body").apply_to(method="POST", path="/api/v1/cases/{urn}/hearings")
def court_shaped_hearings(context, strategy):
    return st.one_of(strategy, s.hearings(day=HEARING_DAY))


@schemathesis.hook("before_generate_body").apply_to(method="PUT", path="/api/v1/hearings/{hearing_id}/results/{defendant_id}")
def court_shaped_results(context, strategy):
    return st.one_of(strategy, st.builds(lambda result, version: {"version": version, **result},
                                         s.results(HEARING_DAY), st.integers(1, 5)))


@schemathesis.hook
def before_call(context, case, kwargs):
    """Schemathesis reuses values it has seen in answers (`drafted_by: adviser@MAG01`) as sign-in names; five
    wrong passwords lock a user out for five minutes, which would starve every suite run after this one. So a
    generated sign-in never names a real court user."""
    if case.operation.path == "/api/v1/auth/token" and isinstance(case.body, dict):
        username = case.body.get("username")
        if isinstance(username, str) and SEED_USER.match(username.strip()):
            case.body["username"] = "fuzz-" + username
