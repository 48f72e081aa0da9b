"""Helpers for the page tests: sign in through the form, read CSRF tokens and error summaries."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from fastapi.testclient import TestClient

PASSWORD = "court-test-password"
# argon2id of PASSWORD with the smallest parameters argon2 allows, so each sign-in costs microseconds.
CHEAP_PASSWORD_HASH = "$argon2id$v=19$m=8,t=1,p=1$Sm3YGeXpZ7Swe9wz23FtZQ$fjcbWhvgXK7wfRqv0nrBiFwAgoU89NXH4KOPmWf6aZ8"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_token(html: str) -> str:
    match = CSRF.search(html)
    assert match, "the page has no CSRF token"
    return match.group(1)


def sign_in(client: TestClient, username: str, password: str = PASSWORD):
    token = csrf_token(client.get("/sign-in").text)
    return client.post("/sign-in", data={"username": username, "password": password, "csrf_token": token},
                       follow_redirects=False)


def api_token(client: TestClient, username: str) -> dict[str, str]:
    response = client.post("/api/v1/auth/token", json={"username": username, "password": PASSWORD})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


class _SummaryLinks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.inside, self.current, self.links = False, None, []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "ul" and "govuk-error-summary__list" in (attributes.get("class") or ""):
            self.inside = True
        elif tag == "a" and self.inside:
            self.current = {"href": attributes.get("href"), "field": attributes.get("data-field"), "text": ""}

    def handle_data(self, data):
        if self.current is not None:
            self.current["text"] += data

    def handle_endtag(self, tag):
        if tag == "a" and self.current is not None:
            self.current["text"] = self.current["text"].strip()
            self.links.append(self.current)
            self.current = None
        elif tag == "ul":
            self.inside = False


def error_summary(html: str) -> list[dict[str, str | None]]:
    """The error summary's links: where each goes, the contract field it names, and its message."""
    parser = _SummaryLinks()
    parser.feed(html)
    return parser.links
