"""What operators rely on: Prometheus metrics, and test-only controls that do not exist outside test mode."""

from __future__ import annotations

import httpx
import pytest


def test_metrics_expose_the_outbox_depth_and_request_latency(court, wait_for):
    court.get("/api/v1/court-centres", "viewer@MAG01")

    # A request's latency is recorded just after its response is sent, so the scrape may briefly precede it.
    response = wait_for(lambda: (r := court.http.get(f"{court.platform.base_url}/metrics"))
                        and 'route="/api/v1/court-centres"' in r.text and r, within_s=3,
                        what="the court-centres request in the latency histogram")

    assert response.headers["content-type"].startswith("text/plain")
    names = {line.split("{")[0].split(" ")[0] for line in response.text.splitlines() if not line.startswith("#")}
    assert "court_outbox_depth" in names
    assert "court_http_request_duration_seconds_bucket" in names


@pytest.mark.slow
def test_the_test_clock_does_not_exist_outside_test_mode(platform, serve_platform, tmp_path, random_secret):
    # It borrows the test-mode platform's provider: starting one of its own would only add start-up time.
    with serve_platform(tmp_path, "--seed-password", "a-long-seed-password-42", "--seed", "none",
                        provider_url=platform.provider_url, COURT_SECRET_KEY=random_secret) as live:
        clock = httpx.post(f"{live.base_url}/__test/clock", json={"advance_seconds": 60})
        reset = httpx.post(f"{live.base_url}/__test/reset")
        history = httpx.post(f"{live.base_url}/__test/history", json={"court_centre": "MAG01", "cases": 10})
        signed_in = httpx.post(f"{live.base_url}/api/v1/auth/token",
                               json={"username": "admin@MAG01", "password": "a-long-seed-password-42"})

    assert (clock.status_code, reset.status_code, history.status_code) == (404, 404, 404)
    assert signed_in.status_code == 200


def test_a_year_of_case_history_is_added_in_bulk_and_found_by_the_ordinary_search(court):
    """The load suite's data volume: past cases of one centre, each with a defendant and a resulted hearing."""
    before = court.get("/api/v1/cases", "viewer@MAG02", court_centre="MAG02", page_size=1).json()["total"]
    other_centre = court.get("/api/v1/cases", "viewer@MAG01", court_centre="MAG01", page_size=1).json()["total"]
    added = httpx.post(f"{court.platform.base_url}/__test/history", json={"court_centre": "MAG02", "cases": 300})
    assert added.status_code == 200 and added.json()["cases"] == 300

    page = court.get("/api/v1/cases", "viewer@MAG02", court_centre="MAG02", page_size=5).json()
    assert page["total"] == before + 300
    newest = page["items"][0]
    assert newest["urn"].startswith("H") and len(newest["defendants"]) == 1
    found = court.get("/api/v1/cases", "viewer@MAG02", court_centre="MAG02",
                      q=newest["defendants"][0]["last_name"][:3]).json()
    assert found["total"] >= 300 // 12  # twelve surnames take turns
    assert court.get("/api/v1/cases", "viewer@MAG01", court_centre="MAG01", page_size=1).json()["total"] == other_centre


@pytest.mark.parametrize("body", [{"court_centre": "NOPE1", "cases": 5}, {"court_centre": "MAG01", "cases": 0},
                                  {"court_centre": "MAG01", "cases": 100_001}, {"court_centre": "MAG01"}])
def test_case_history_with_a_wrong_centre_or_count_is_refused_and_adds_nothing(court, body):
    before = court.get("/api/v1/cases", "viewer@MAG01", court_centre="MAG01", page_size=1).json()["total"]
    refused = httpx.post(f"{court.platform.base_url}/__test/history", json=body)
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] in ("court_centre", "cases")
    assert court.get("/api/v1/cases", "viewer@MAG01", court_centre="MAG01", page_size=1).json()["total"] == before
