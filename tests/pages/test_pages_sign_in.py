"""Signing in and out of the pages: the session cookie, CSRF refusal, throttling, expiry, redirects."""

from __future__ import annotations

import time

from fastapi.testclient import TestClient
from pages_support import PASSWORD, csrf_token, sign_in

from reference_system.settings import TEST_MODE_SECRET
from reference_system.web.pages.session import COOKIE_NAME, IDLE_LIMIT_SECONDS, PageSession, SessionCodec


def test_a_page_needs_sign_in_and_comes_back_after_it(client: TestClient):
    response = client.get("/court-list?date=2026-11-27", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/sign-in?next=%2Fcourt-list%3Fdate%3D2026-11-27"

    page = client.get(response.headers["location"])
    response = client.post("/sign-in", data={"username": "adviser@MAG01", "password": PASSWORD,
                                             "csrf_token": csrf_token(page.text), "next": "/court-list?date=2026-11-27"},
                           follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/court-list?date=2026-11-27"


def test_the_session_cookie_is_http_only_and_same_site_lax(client: TestClient):
    response = sign_in(client, "adviser@MAG01")
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE_NAME}=")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/" in cookie
    assert f"Max-Age={IDLE_LIMIT_SECONDS}" in cookie
    assert "Secure" not in cookie  # plain http in this test; see the https test below


def test_the_session_cookie_is_secure_over_https(app):
    with TestClient(app, base_url="https://testserver") as client:
        response = sign_in(client, "adviser@MAG01")
    assert "; Secure" in response.headers["set-cookie"]


def test_a_sign_in_form_without_its_csrf_token_is_refused(client: TestClient):
    client.get("/sign-in")
    response = client.post("/sign-in", data={"username": "adviser@MAG01", "password": PASSWORD})
    assert response.status_code == 403
    assert "This form could not be accepted" in response.text
    assert client.get("/court-list", follow_redirects=False).status_code == 303  # still signed out


def test_a_form_with_another_sessions_csrf_token_is_refused(app, client: TestClient):
    sign_in(client, "adviser@MAG01")
    with TestClient(app) as other:
        sign_in(other, "adviser@MAG01")
        stolen = csrf_token(other.get("/court-list").text)
    response = client.post("/sign-out", data={"csrf_token": stolen})
    assert response.status_code == 403
    assert client.get("/court-list").status_code == 200  # the forged sign-out did nothing


def test_signing_in_replaces_the_csrf_token_seen_before_sign_in(client: TestClient):
    before = csrf_token(client.get("/sign-in").text)
    sign_in(client, "adviser@MAG01")
    after = csrf_token(client.get("/court-list").text)
    assert before != after


def test_wrong_credentials_are_refused_without_saying_which_part(client: TestClient):
    response = sign_in(client, "adviser@MAG01", "not-the-password")
    assert response.status_code == 400
    assert "The username or password is not right" in response.text
    assert "<title>Error: Sign in – Court case platform</title>" in response.text
    assert 'href="#username"' in response.text


def test_empty_fields_each_get_an_error_linked_from_the_summary(client: TestClient):
    token = csrf_token(client.get("/sign-in").text)
    response = client.post("/sign-in", data={"username": "", "password": "", "csrf_token": token})
    assert response.status_code == 400
    assert 'href="#username">Enter your username' in response.text
    assert 'href="#password">Enter your password' in response.text
    assert '<span class="govuk-visually-hidden">Error:</span> Enter your username' in response.text


def test_sign_in_is_throttled_on_the_pages_too(client: TestClient):
    for _ in range(5):
        sign_in(client, "listing@MAG02", "wrong")
    response = sign_in(client, "listing@MAG02", PASSWORD)
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.text


def test_sign_in_never_redirects_off_the_site(client: TestClient):
    token = csrf_token(client.get("/sign-in").text)
    response = client.post("/sign-in", data={"username": "adviser@MAG01", "password": PASSWORD, "csrf_token": token,
                                             "next": "//evil.example/phish"}, follow_redirects=False)
    assert response.headers["location"] == "/court-list"


def test_signing_out_ends_the_session(client: TestClient):
    sign_in(client, "adviser@MAG01")
    token = csrf_token(client.get("/court-list").text)
    response = client.post("/sign-out", data={"csrf_token": token})
    assert response.status_code == 200
    assert "You have signed out." in response.text
    assert client.get("/court-list", follow_redirects=False).status_code == 303


def test_an_idle_session_lapses_after_eight_hours(client: TestClient):
    codec = SessionCodec(TEST_MODE_SECRET)
    user = {"username": "adviser@MAG01", "role": "LEGAL_ADVISER", "court_centre": "MAG01",
            "display_name": "Legal Adviser (MAG01)", "centre_name": "Northgate Magistrates' Court"}
    session = PageSession()
    session.sign_in(user)
    fresh = codec.seal(session)
    client.cookies.clear()
    client.cookies.set(COOKIE_NAME, fresh)
    assert client.get("/court-list").status_code == 200

    session.data["started"] = int(time.time()) - IDLE_LIMIT_SECONDS - 60
    idle = codec.seal(session, now=time.time() - IDLE_LIMIT_SECONDS - 1)
    client.cookies.clear()
    client.cookies.set(COOKIE_NAME, idle)
    response = client.get("/court-list")
    assert response.url.path == "/sign-in"
    assert "You were signed out because the service was not used for 8 hours" in response.text


def test_a_tampered_session_cookie_is_not_a_session(client: TestClient):
    sign_in(client, "viewer@MAG01")
    body, signature = client.cookies[COOKIE_NAME].split(".")
    forged = SessionCodec("another-secret-that-is-long-enough-to-use").seal(
        PageSession({"user": {"username": "admin@MAG01", "role": "COURT_ADMIN", "court_centre": "MAG01"},
                     "csrf": "x", "started": int(time.time())}))
    client.cookies.clear()
    client.cookies.set(COOKIE_NAME, forged)
    assert client.get("/work-queue", follow_redirects=False).status_code == 303
    client.cookies.set(COOKIE_NAME, f"{body}.{signature[:-2]}AA")
    assert client.get("/court-list", follow_redirects=False).status_code == 303
