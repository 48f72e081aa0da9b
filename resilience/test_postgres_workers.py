"""Several platform processes on one PostgreSQL database: each worker runs its own dispatcher, and claiming
outbox rows (SKIP LOCKED with leases) must hand each message to exactly one of them. One worker is killed
part-way, so the survivor also re-claims what the dead one had leased.
"""

from __future__ import annotations

import os
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from resilience.conftest import STACK_ENV
from resilience.court import Court
from resilience.evidence import Evidence
from resilience.observe import drain, observe
from resilience.processes import is_postgres, running_stack
from resilience.reconcile import reconcile

WORKERS = 2
ORDERS = 24


@pytest.mark.postgres
@pytest.mark.full
@pytest.mark.scenario("postgres_workers")
def test_two_workers_on_postgresql_deliver_every_order_exactly_once(database_url: str | None, tmp_path: Path,
                                                                     platform_faults: list[str], evidence: Evidence):
    if not is_postgres(database_url):
        pytest.skip("needs PostgreSQL: give --database-url (or DATABASE_URL) postgresql+psycopg://...")
    began = time.monotonic()
    with running_stack(tmp_path, database_url, name="workers", workers=WORKERS, faults=platform_faults,
                       env=STACK_ENV) as stack:
        court = Court(stack.platform.url, stack.provider.url)
        today = court.today()
        court.fault(mode="latency", ms=400, seconds=120)  # deliveries overlap, so both dispatchers claim at once
        with ThreadPoolExecutor(6) as pool:
            prepared = list(pool.map(lambda _: court.prepare(today), range(ORDERS)))
            attempts = list(pool.map(court.share, prepared))
        unsettled = sum(1 for o in court.all_orders() if o["status"] != "ACKNOWLEDGED")
        killed = _kill_one_worker(stack.platform.process.pid)  # with deliveries in flight or leased
        drained_s = drain(court, prepared, 60)
        court.clear_faults()
        figures = reconcile(observe(court, prepared, attempts), court.ledger())
        court.close()
    evidence.scenario("postgres_workers", workers=WORKERS, worker_killed=killed, unsettled_at_kill=unsettled,
                      reconciliation=figures,
                      drain_s=drained_s, answers=sorted({a.answer for a in attempts}),
                      seconds=round(time.monotonic() - began, 1))

    assert [a.answer for a in attempts] == ["ok"] * ORDERS, [a.answer for a in attempts]
    assert figures.orders_recorded == ORDERS and figures.orders_delivered == ORDERS, figures
    assert figures.missing == figures.duplicates == figures.half_written == figures.unacknowledged == 0, figures.problems


def _kill_one_worker(supervisor: int) -> bool:
    """SIGKILL one of uvicorn's worker processes (uvicorn's supervisor starts a new one)."""
    children = Path(f"/proc/{supervisor}/task/{supervisor}/children")
    try:
        pids = [int(p) for p in children.read_text().split()]
    except OSError:
        return False
    workers = [pid for pid in pids if "multiprocessing" in _cmdline(pid) or "spawn" in _cmdline(pid)]
    if not workers:
        return False
    os.kill(workers[0], signal.SIGKILL)
    return True


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""
