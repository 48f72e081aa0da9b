"""Security headers on pages (and only on pages: the JSON API answers exactly as before)."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient


def test_pages_forbid_inline_script_framing_and_sniffing(client: TestClient):
    response = client.get("/sign-in")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self' 'nonce-" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"
    assert response.headers["cache-control"] == "no-store"


def test_the_only_inline_script_carries_this_responses_nonce(client: TestClient):
    response = client.get("/sign-in")
    nonce = re.search(r"'nonce-([^']+)'", response.headers["content-security-policy"]).group(1)
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", response.text)
    assert inline == [f' nonce="{nonce}"']
    assert nonce not in client.get("/sign-in").headers["content-security-policy"]  # a fresh one each time


def test_the_api_and_operations_endpoints_get_no_page_headers_or_cookies(client: TestClient):
    for path in ("/health", "/api/v1/me", "/openapi.json"):
        response = client.get(path)
        assert "content-security-policy" not in response.headers, path
        assert "set-cookie" not in response.headers, path


def test_no_page_is_in_the_api_schema(client: TestClient):
    paths = client.get("/openapi.json").json()["paths"]
    assert all(p.startswith("/api/v1/") or p in ("/health", "/ready", "/metrics") for p in paths), sorted(paths)


def test_the_stylesheets_and_scripts_are_served_without_the_gov_uk_typeface(client: TestClient):
    css = client.get("/static/govuk-frontend.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert "GDS Transport" not in css.text and "@font-face" not in css.text
    assert client.get("/govuk-frontend/govuk-frontend.min.js").status_code == 200
    assert client.get("/moj-frontend/moj-frontend.min.css").status_code == 200
    assert client.get("/static/init.mjs").headers["x-content-type-options"] == "nosniff"


def test_pages_carry_no_crown_or_gov_uk_branding(client: TestClient):
    html = client.get("/sign-in").text
    assert "Court case platform" in html
    for brand in ("GOV.UK", "govuk-logo", "govuk-header__logotype", "crown", "Open Government Licence", "govuk-crest"):
        assert brand.lower() not in html.lower(), brand
