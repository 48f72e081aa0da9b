"""Signed-in sessions for the security checks: a bearer token for the API and a cookie session (with its CSRF
token) for the web pages, per member of staff, as a browser without JavaScript would hold them."""

from __future__ import annotations

import re
from dataclasses import dataclass

import httpx

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(html: str) -> str | None:
    found = CSRF.search(html)
    return found.group(1) if found else None


@dataclass
class PageSession:
    client: httpx.Client
    csrf: str

    def clone(self) -> PageSession:
        """Another browser tab with the same cookie, whose own changes (sign-in, sign-out) stay its own."""
        twin = httpx.Client(base_url=self.client.base_url, follow_redirects=False, timeout=self.client.timeout)
        twin.cookies.update(self.client.cookies)
        return PageSession(twin, self.csrf)


def page_session(base_url: str, username: str | None, password: str) -> PageSession:
    """Sign in through the form (or stay anonymous), and keep the session's CSRF token."""
    client = httpx.Client(base_url=base_url, follow_redirects=False, timeout=30)
    page = client.get("/sign-in")
    token = csrf_of(page.text)
    assert page.status_code == 200 and token, f"the sign-in page has no CSRF token ({page.status_code})"
    if username is None:
        return PageSession(client, token)
    signed_in = client.post("/sign-in", data={"username": username, "password": password, "csrf_token": token})
    assert signed_in.status_code == 303, f"{username} could not sign in through the page: {signed_in.status_code}"
    court_list = client.get("/court-list")
    token = csrf_of(court_list.text)
    assert token, "a signed-in page carries no CSRF token (the sign-out form)"
    return PageSession(client, token)


def api_token(base_url: str, username: str, password: str) -> str:
    response = httpx.post(f"{base_url}/api/v1/auth/token", json={"username": username, "password": password},
                          timeout=30)
    assert response.status_code == 200, f"{username} could not sign in: {response.status_code} {response.text[:200]}"
    return response.json()["access_token"]
