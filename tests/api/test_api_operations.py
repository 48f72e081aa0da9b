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
        signed_in = httpx.post(f"{live.base_url}/api/v1/auth/token",
                               json={"username": "admin@MAG01", "password": "a-long-seed-password-42"})

    assert (clock.status_code, reset.status_code) == (404, 404)
    assert signed_in.status_code == 200
