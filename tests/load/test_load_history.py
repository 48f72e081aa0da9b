"""The load run gives the platform a year of case history first; a target without test controls keeps its own."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from load.court_day import PROFILES
from load.history import add_history


class _Controls(BaseHTTPRequestHandler):
    answer = 200
    asked: list[dict] = []

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).asked.append({"path": self.path, **body})
        payload = {"court_centre": body["court_centre"], "cases": body["cases"], "seconds": 0.25} \
            if self.answer == 200 else {"errors": [{"field": "cases", "message": "too many"}]}
        data = json.dumps(payload).encode()
        self.send_response(self.answer)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def controls() -> Iterator[tuple[str, type[_Controls]]]:
    handler = type("Controls", (_Controls,), {"asked": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", handler
    server.shutdown()


def test_every_centre_gets_its_history_through_the_test_controls(controls) -> None:
    url, handler = controls
    history = add_history(url, 4000, centres=("MAG01", "CRN01"))
    assert [(a["path"], a["court_centre"], a["cases"]) for a in handler.asked] == [
        ("/__test/history", "MAG01", 4000), ("/__test/history", "CRN01", 4000)]
    assert history.added == {"MAG01": 4000, "CRN01": 4000} and history.seconds == 0.5
    assert history.describe() == "case history: 4,000 past cases a centre added to MAG01, CRN01 in 0.5 s"


def test_a_target_without_test_controls_keeps_its_own_volume(controls) -> None:
    url, handler = controls
    handler.answer = 404
    history = add_history(url, 4000)
    assert history.added == {} and "no test controls" in history.describe()


def test_a_refused_history_stops_the_run_with_the_platforms_words(controls) -> None:
    url, handler = controls
    handler.answer = 422
    with pytest.raises(RuntimeError, match="refused the case history for MAG01: 422.*too many"):
        add_history(url, 4000)


def test_none_asked_for_calls_nothing(controls) -> None:
    url, handler = controls
    assert add_history(url, 0).added == {} and handler.asked == []


def test_the_release_run_carries_more_history_than_the_pipeline_run() -> None:
    assert PROFILES["ci"].history_cases == 4_000 and PROFILES["full"].history_cases == 20_000
