"""Reading back, after the fact, what the platform holds for prepared hearings, and waiting (bounded) for its
outbox to deliver their orders."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable, Sequence

from resilience.court import Court, Prepared, ShareAttempt
from resilience.reconcile import Figures, Observed, reconcile

SETTLED = ("ACKNOWLEDGED", "REJECTED")


def observe(court: Court, prepared: Iterable[Prepared], attempts: Sequence[ShareAttempt]) -> list[Observed]:
    answers: dict[int, list[ShareAttempt]] = defaultdict(list)
    for attempt in attempts:
        answers[attempt.prepared.hearing_id].append(attempt)
    seen = []
    for p in prepared:
        hearing = court.hearing(p)
        result = next((r for r in hearing["results"] if r["defendant_id"] == p.defendant_id), None)
        mine = answers.get(p.hearing_id, [])
        seen.append(Observed(
            hearing_id=p.hearing_id, urn=p.urn, state=hearing["state"], result_status=result and result["status"],
            orders=court.orders_of(p.urn, p.centre), notifications=court.notifications_of(p.urn, p.centre),
            answers=[a.answer for a in mine], ok_orders=[o for a in mine if a.answer == "ok" for o in a.orders],
        ))
    return seen


def drain(court: Court, prepared: Sequence[Prepared], within_s: float, settled: Sequence[str] = SETTLED,
          stall_s: float = 25.0) -> float:
    """Wait until every EM order of these hearings is settled (acknowledged or rejected); the seconds it took.
    Gives up after `within_s`, or once nothing has settled for `stall_s` (longer than a lease and the longest
    back-off of the suite's platform): reconciliation then shows what did not arrive."""
    began = last_progress = time.monotonic()
    urns = {p.urn for p in prepared}
    centres = {p.centre for p in prepared}
    pending_before: set[int] | None = None
    while time.monotonic() - began < within_s and time.monotonic() - last_progress < stall_s:
        pending = {o["id"] for centre in centres for o in court.all_orders(centre)
                   if o["urn"] in urns and o["status"] not in settled}
        if not pending:
            break
        if pending != pending_before:
            pending_before, last_progress = pending, time.monotonic()
        time.sleep(0.5)
    return round(time.monotonic() - began, 2)


def reconcile_hearings(court: Court, prepared: Sequence[Prepared], attempts: Sequence[ShareAttempt]) -> Figures:
    return reconcile(observe(court, prepared, attempts), court.ledger())
