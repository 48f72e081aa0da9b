"""`serve --workers 2` on one SQLite file: the workers take turns at start-up (one migrates and seeds, the
other finds it done) and at writing (a lock file beside the database), so concurrent writes through both
workers all succeed, none is lost, and the outbox is delivered once."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

WRITES = 40


@pytest.mark.slow
def test_two_worker_processes_on_one_sqlite_file_write_concurrently_and_lose_nothing(court, serve_platform,
                                                                                      tmp_path: Path):
    with serve_platform(tmp_path, "--test-mode", "--workers", "2") as two, httpx.Client(timeout=30) as http:
        court = type(court)(two, http)  # the same API helper, speaking to the two-worker platform
        court.headers("listing@MAG01")  # sign in before the threads share the client's token cache
        urns = [f"W{uuid.uuid4().hex[:11].upper()}" for _ in range(WRITES)]
        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(lambda urn: court.post("/api/v1/cases", "listing@MAG01",
                                                           court.case(urn=urn)).status_code, urns))
        found = {urn: court.get(f"/api/v1/cases/{urn}", "viewer@MAG01").status_code for urn in urns}
        workers = _worker_pids(two.process.pid)
        log = two.log.read_text(errors="replace")

    assert answers == [201] * WRITES
    assert set(found.values()) == {200}
    assert len(workers) == 2, f"expected two worker processes, found {workers}"
    assert "Traceback" not in log and "database is locked" not in log, log[-2000:]


def test_workers_need_a_database_file_not_an_in_memory_one(tmp_path: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "reference_system", "serve", "--workers", "2", "--database",
                           "sqlite:///:memory:"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "--workers > 1 needs a database file or PostgreSQL" in done.stderr


def _worker_pids(supervisor: int) -> list[int]:
    children = Path(f"/proc/{supervisor}/task/{supervisor}/children").read_text().split()
    return [int(pid) for pid in children if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()]
