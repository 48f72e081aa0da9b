"""Sessions and forms over HTTP: every form carries a CSRF token and every form post without it (or with a
wrong one) is refused; the session cookie's flags; security headers on every page; sign-in throttled on
the API and on the pages."""

from __future__ import annotations

import re
import secrets
from html.parser import HTMLParser

import httpx
import pytest

from resilience.access_matrix import ACTIONS, HOME, PRINCIPALS, Principal
from resilience.conftest import Target
from resilience.court import PASSWORD, Court
from resilience.http_sessions import PageSession, page_session

PAGE_POSTS = [a for a in ACTIONS if a.channel == "page" and a.method == "POST"]
HOME_STAFF = [who for who in PRINCIPALS if who.centre == HOME]


class _Forms(HTMLParser):
    """Every <form method="post"> on a page: its action and whether it carries a csrf_token field."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form" and (attributes.get("method") or "get").lower() == "post":
            self.forms.append({"action": attributes.get("action") or "", "csrf": False})
        elif tag == "input" and self.forms and attributes.get("name") == "csrf_token" and attributes.get("value"):
            self.forms[-1]["csrf"] = True


def forms_of(html: str) -> list[dict]:
    parser = _Forms()
    parser.feed(html)
    return parser.forms


@pytest.fixture(scope="module")
def shared_case(target_court: Court):
    court = target_court
    prepared = court.prepare(court.today(), HOME)
    shared = court.share(prepared)
    assert shared.answer == "ok", shared
    return prepared, shared.orders[0]


@pytest.fixture(scope="module")
def home_pages(page_sessions) -> dict[Principal, PageSession]:
    return {who: page_sessions(who) for who in HOME_STAFF}


def pages_to_visit(prepared, order_id: int) -> list[str]:
    h, d, urn = prepared.hearing_id, prepared.defendant_id, prepared.urn
    return ["/sign-in", "/court-list", "/court-centres", "/cases", f"/cases?q={urn}", f"/cases/{urn}",
            f"/cases/{urn}/audit", "/cases/new", f"/cases/{urn}/hearings/new", f"/em-orders/{order_id}",
            f"/hearings/{h}/results", f"/hearings/{h}/results/{d}", f"/hearings/{h}/shared", "/work-queue",
            "/accessibility"]


@pytest.mark.scenario("forms_and_sessions")
def test_every_form_on_every_page_carries_a_csrf_token(home_pages, shared_case):
    prepared, order_id = shared_case
    seen, missing = set(), []
    for who, session in home_pages.items():
        for path in pages_to_visit(prepared, order_id):
            response = session.client.get(path)
            if response.status_code != 200:
                continue
            for form in forms_of(response.text):
                seen.add(re.sub(r"/\d+", "/{id}", form["action"]))
                if not form["csrf"]:
                    missing.append(f"{who.label} {path}: form to {form['action']}")
    assert not missing, missing
    assert {"/sign-out", "/cases/new"} <= seen, f"forms found: {sorted(seen)}"


@pytest.mark.scenario("forms_and_sessions")
@pytest.mark.parametrize("token", ["none", "wrong", "another session's"])
@pytest.mark.parametrize("action", PAGE_POSTS, ids=lambda a: a.path)
def test_a_form_post_without_its_own_csrf_token_is_refused(target: Target, home_pages, shared_case, action,
                                                          token: str):
    prepared, order_id = shared_case
    who = next(w for w in HOME_STAFF if w.role in action.roles) if action.roles and not action.public else HOME_STAFF[0]
    session = home_pages[who]
    forged = {"none": None, "wrong": secrets.token_urlsafe(32),
              "another session's": page_session(target.base_url, None, PASSWORD).csrf}[token]
    form = {"username": who.username, "password": PASSWORD, "version": "1", "outcome": "FINE"}
    if forged:
        form["csrf_token"] = forged
    path = action.path.format(urn=prepared.urn, hearing_id=prepared.hearing_id, defendant_id=prepared.defendant_id,
                              order_id=order_id)
    response = session.clone().client.post(path, data=form)
    assert response.status_code == 403, f"{action.key} with {token} CSRF token -> {response.status_code}"


@pytest.mark.scenario("forms_and_sessions")
def test_the_session_cookie_is_http_only_same_site_and_lapses(target: Target):
    client = httpx.Client(base_url=target.base_url, follow_redirects=False, timeout=30)
    cookie = client.get("/sign-in").headers.get("set-cookie", "")
    flags = [f.strip().lower() for f in cookie.split(";")]
    assert "httponly" in flags and "samesite=lax" in flags and "path=/" in flags, cookie
    assert "secure" not in flags, "over plain HTTP a Secure cookie would never come back"
    max_age = next(int(f.split("=")[1]) for f in flags if f.startswith("max-age="))
    assert 0 < max_age <= 8 * 3600, f"the cookie outlives an 8-hour idle limit: {max_age} s"


@pytest.mark.scenario("forms_and_sessions")
def test_the_session_cookie_is_secure_when_served_over_https(target: Target):
    """Behind a TLS-terminating proxy on loopback, uvicorn trusts X-Forwarded-Proto (its default)."""
    response = httpx.get(f"{target.base_url}/sign-in", headers={"X-Forwarded-Proto": "https"}, timeout=30)
    flags = [f.strip().lower() for f in response.headers.get("set-cookie", "").split(";")]
    assert "secure" in flags and "httponly" in flags, response.headers.get("set-cookie")


@pytest.mark.scenario("forms_and_sessions")
def test_every_page_sends_the_security_headers(home_pages, shared_case):
    prepared, order_id = shared_case
    problems = []
    for who, session in home_pages.items():
        for path in pages_to_visit(prepared, order_id):
            response = session.client.get(path)
            headers = response.headers
            policy = headers.get("content-security-policy", "")
            script_src = next((d for d in policy.split(";") if d.strip().startswith("script-src")), "")
            checks = {
                "CSP script-src without 'unsafe-inline'": script_src and "unsafe-inline" not in script_src,
                "CSP default-src 'self'": "default-src 'self'" in policy,
                "CSP frame-ancestors 'none'": "frame-ancestors 'none'" in policy,
                "X-Frame-Options DENY": headers.get("x-frame-options") == "DENY",
                "nosniff": headers.get("x-content-type-options") == "nosniff",
                "Referrer-Policy": headers.get("referrer-policy") in ("same-origin", "no-referrer",
                                                                      "strict-origin-when-cross-origin"),
                "no-store": "no-store" in headers.get("cache-control", ""),
            }
            problems += [f"{who.label} {path} ({response.status_code}): {name}" for name, ok in checks.items() if not ok]
    assert not problems, problems


@pytest.mark.full
@pytest.mark.scenario("sign_in_throttle")
def test_sign_in_through_the_api_is_throttled(target: Target):
    username = f"nobody-{secrets.token_hex(4)}@{HOME}"
    answers = [httpx.post(f"{target.base_url}/api/v1/auth/token", json={"username": username, "password": "wrong-guess"},
                          timeout=30) for _ in range(6)]
    codes = [a.status_code for a in answers]
    assert codes[:5] == [401] * 5 and set(codes[5:]) == {429}, codes
    assert int(answers[-1].headers["retry-after"]) > 0


@pytest.mark.full
@pytest.mark.scenario("sign_in_throttle")
def test_sign_in_through_the_pages_is_throttled(target: Target):
    session = page_session(target.base_url, None, PASSWORD)
    username = f"nobody-{secrets.token_hex(4)}@{HOME}"
    codes = [session.client.post("/sign-in", data={"username": username, "password": "wrong-guess",
                                                   "csrf_token": session.csrf}).status_code for _ in range(6)]
    assert set(codes[:5]) == {400} and set(codes[5:]) == {429}, codes
