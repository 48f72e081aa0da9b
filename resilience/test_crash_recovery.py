"""Crash recovery: the platform (and its dispatcher with it) is killed with SIGKILL at a random moment while
legal advisers share results with EM orders, then restarted on the same database. The provider runs as its
own process and lives on.

After every trial, each share that got no answer must have happened completely (result shared, EM order and
outbox message all there) or not at all; after all trials, every order is at the provider exactly once.
"""

from __future__ import annotations

import random
import threading
import time
from collections import deque
from datetime import date

import pytest

from resilience.court import Court, Prepared, ShareAttempt
from resilience.evidence import Evidence
from resilience.observe import drain, observe
from resilience.processes import Stack
from resilience.reconcile import ABSENT, COMPLETE, completeness, reconcile

SHARES_PER_TRIAL = 10
SHARERS = 4
DRAIN_WITHIN_S = 60.0


def share_until_killed(court: Court, queue: deque[Prepared], attempts: list[ShareAttempt], go: threading.Barrier,
                       answered: threading.Semaphore, killed: threading.Event) -> None:
    """One legal adviser sharing hearing after hearing until the platform goes away."""
    assert court.http is not None  # its own connection pool, made before the clock starts
    go.wait(timeout=60)
    while not killed.is_set():
        try:
            prepared = queue.popleft()
        except IndexError:
            return
        attempt = court.share(prepared)
        attempts.append(attempt)
        answered.release()
        if attempt.answer == "not-sent":
            return  # never reached the platform: it is shared after the restart


def crash_trial(stack: Stack, court: Court, today: date, rng: random.Random, trial: int) -> dict:
    prepared = [court.prepare(today) for _ in range(SHARES_PER_TRIAL)]
    court.token(f"adviser@{prepared[0].centre}")
    if trial % 2 == 0:  # every other trial, deliveries are slow, so the kill is likelier to land mid-delivery
        court.fault(mode="latency", ms=400, seconds=60)
    queue, attempts = deque(prepared), []
    go, answered, killed = threading.Barrier(SHARERS + 1), threading.Semaphore(0), threading.Event()
    sharers = [threading.Thread(target=share_until_killed, args=(court, queue, attempts, go, answered, killed),
                                daemon=True) for _ in range(SHARERS)]
    # A random moment: after a random number of shares have been answered, plus a random fraction of a second
    # (so the kill lands before, during or after a share's transaction, or while its orders are delivered).
    after_answers, jitter = rng.randrange(0, SHARES_PER_TRIAL - SHARERS), rng.uniform(0.0, 0.1)
    for sharer in sharers:
        sharer.start()
    go.wait(timeout=60)
    began = time.monotonic()
    for _ in range(after_answers):
        answered.acquire(timeout=30)
    time.sleep(jitter)
    kill_after = time.monotonic() - began
    stack.platform.kill()
    killed.set()
    for sharer in sharers:
        sharer.join(timeout=60)
    court.forget_tokens()
    court.close()
    restart_began = time.monotonic()
    stack.platform.start()
    restart_s = time.monotonic() - restart_began
    court.clear_faults()

    unanswered = {a.prepared.hearing_id for a in attempts if a.answer == "no-answer"}
    after_restart = observe(court, prepared, attempts)
    states = {seen.hearing_id: completeness(seen) for seen in after_restart}
    # What never happened is done again after the restart, as the legal adviser would.
    reshared = []
    for p in prepared:
        if states[p.hearing_id] == ABSENT:
            version = court.hearing(p)["version"]
            attempt = court.share(Prepared(p.urn, p.hearing_id, p.defendant_id, version, p.centre))
            attempts.append(attempt)
            reshared.append(attempt.answer)
    return {
        "trial": trial + 1, "kill_after_answers": after_answers, "kill_after_s": round(kill_after, 3),
        "provider_latency_ms": 0 if trial % 2 else 400,
        "restart_s": round(restart_s, 1),
        "answers": {a: sum(1 for x in attempts if x.answer == a) for a in {x.answer for x in attempts}},
        "unanswered_complete": sum(1 for h in unanswered if states[h] == COMPLETE),
        "unanswered_absent": sum(1 for h in unanswered if states[h] == ABSENT),
        "half_written_after_restart": sum(1 for s in states.values() if s not in (COMPLETE, ABSENT)),
        "reshared": reshared, "prepared": prepared, "attempts": attempts,
    }


@pytest.mark.scenario("crash")
def test_a_crash_while_sharing_loses_no_order_half_writes_no_share_and_duplicates_nothing(
        stack: Stack, court: Court, today: date, rng: random.Random, evidence: Evidence):
    trials = evidence.trials_requested
    assert trials >= 1, "--resilience-trials must be at least 1"
    prepared, attempts, reports = [], [], []
    began = time.monotonic()
    for trial in range(trials):
        report = crash_trial(stack, court, today, rng, trial)
        prepared += report.pop("prepared")
        attempts += report.pop("attempts")
        reports.append(report)
        evidence.trials = trial + 1
    drain_s = drain(court, prepared, DRAIN_WITHIN_S)
    figures = reconcile(observe(court, prepared, attempts), court.ledger())
    evidence.crash = figures
    evidence.scenario("crash", trials=trials, platform_starts=stack.platform.starts, drain_s=drain_s,
                      seconds=round(time.monotonic() - began, 1), per_trial=reports)

    assert all(r["half_written_after_restart"] == 0 for r in reports), reports
    assert figures.half_written == 0, figures.problems
    assert figures.missing == 0, figures.problems
    assert figures.duplicates == 0, figures.problems
    assert figures.unacknowledged == 0, f"{figures.unacknowledged} orders not acknowledged {drain_s} s after the last trial"
    assert figures.orders_shared >= 1 and figures.orders_recorded == figures.hearings, figures
