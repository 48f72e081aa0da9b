"""Many people acting on the same hearing at the same moment, and many writers hammering the database.

Exactly one share (or draft) wins per version of a hearing; every other gets a clear 409 conflict; there
is exactly one set of EM orders. Under write contention the platform answers every request: no 5xx,
except an explicit 503 with Retry-After if the database stays busy beyond its wait (counted and reported).
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import httpx
import pytest

from fixtures.builders import a_case, a_hearing, a_plain_result, london
from resilience.court import Court, Prepared, ShareAttempt
from resilience.evidence import Evidence
from resilience.observe import drain, observe
from resilience.reconcile import reconcile

RACES = 5
CONTENDERS = 8
WRITERS = 12
ROUNDS = 5


def race(court: Court, pool: ThreadPoolExecutor, contenders: int, send) -> list[httpx.Response | Exception]:
    """`send()` from `contenders` threads released together."""
    start = threading.Barrier(contenders)

    def one(_: int):
        assert court.http is not None  # connection pools exist before the start
        start.wait(timeout=60)
        try:
            return send()
        except httpx.HTTPError as error:
            return error

    return list(pool.map(one, range(contenders)))


def is_conflict(response: httpx.Response | Exception) -> bool:
    if not isinstance(response, httpx.Response) or response.status_code != 409:
        return False
    body = response.json()
    return response.headers["content-type"].startswith("application/problem+json") and any(
        e.get("field") == "version" for e in body.get("errors", []))


@pytest.mark.scenario("concurrent_shares")
def test_of_many_simultaneous_shares_of_one_hearing_exactly_one_wins_and_one_set_of_orders_is_sent(
        court: Court, today: date, evidence: Evidence):
    prepared = [court.prepare(today) for _ in range(RACES)]
    token = court.headers(f"adviser@{prepared[0].centre}")
    winners, conflicts, other, attempts = 0, 0, Counter(), []
    with ThreadPoolExecutor(CONTENDERS) as pool:
        for p in prepared:
            answers = race(court, pool, CONTENDERS, lambda p=p: court.http.post(
                f"/api/v1/hearings/{p.hearing_id}/share", json={"version": p.version}, headers=token))
            ok = [a for a in answers if isinstance(a, httpx.Response) and a.is_success]
            winners += len(ok)
            conflicts += sum(1 for a in answers if is_conflict(a))
            other.update(str(getattr(a, "status_code", type(a).__name__)) for a in answers
                         if not (isinstance(a, httpx.Response) and a.is_success) and not is_conflict(a))
            for response in ok:
                attempts.append(_ok_attempt(p, response))
    drain(court, prepared, 45)
    seen = observe(court, prepared, attempts)
    figures = reconcile(seen, court.ledger())
    order_sets = Counter(len([o for o in s.orders if o["hearing_id"] == s.hearing_id]) for s in seen)
    evidence.scenario("concurrent_shares", races=RACES, contenders=CONTENDERS, winners=winners, conflicts=conflicts,
                      other_answers=dict(other), order_sets=dict(order_sets), reconciliation=figures)

    assert winners == RACES, f"{winners} shares won in {RACES} races (exactly one each)"
    assert conflicts == RACES * (CONTENDERS - 1), f"every loser gets a 409 naming the version; others: {dict(other)}"
    assert order_sets == {1: RACES}, f"orders per hearing: {dict(order_sets)}"
    assert figures.missing == figures.duplicates == figures.half_written == 0, figures.problems


def _ok_attempt(prepared: Prepared, response: httpx.Response) -> ShareAttempt:
    return ShareAttempt(prepared, "ok", response.status_code, [o["id"] for o in response.json()["em_orders"]])


@pytest.mark.scenario("concurrent_drafts")
def test_of_many_simultaneous_drafts_on_one_version_exactly_one_is_saved(court: Court, today: date,
                                                                           evidence: Evidence):
    saved, conflicts, other = 0, 0, Counter()
    outcomes = ["FINE", "DISCHARGE", "ACQUITTED", "ADJOURNED_UNCONDITIONAL_BAIL"]
    with ThreadPoolExecutor(CONTENDERS) as pool:
        for _ in range(RACES):
            p = court.prepare(today)
            token = court.headers(f"adviser@{p.centre}")
            turn = iter(range(CONTENDERS))
            lock = threading.Lock()

            def send(p=p, token=token, turn=turn, lock=lock):
                with lock:
                    outcome = outcomes[next(turn) % len(outcomes)]
                body = {**a_plain_result(outcome, today), "version": p.version}
                return court.http.put(f"/api/v1/hearings/{p.hearing_id}/results/{p.defendant_id}", json=body,
                                      headers=token)

            answers = race(court, pool, CONTENDERS, send)
            ok = [a for a in answers if isinstance(a, httpx.Response) and a.is_success]
            saved += len(ok)
            conflicts += sum(1 for a in answers if is_conflict(a))
            other.update(str(getattr(a, "status_code", type(a).__name__)) for a in answers
                         if not (isinstance(a, httpx.Response) and a.is_success) and not is_conflict(a))
            hearing = court.hearing(p)
            assert hearing["version"] == p.version + 1, "one save, one new version"
            if len(ok) == 1:
                assert hearing["results"][0]["outcome"] == ok[0].json()["results"][0]["outcome"], "the winner's draft"
    evidence.scenario("concurrent_drafts", races=RACES, contenders=CONTENDERS, winners=saved, conflicts=conflicts,
                      other_answers=dict(other))
    assert saved == RACES and conflicts == RACES * (CONTENDERS - 1), (saved, conflicts, dict(other))


@pytest.mark.scenario("write_contention")
def test_hammering_writes_from_many_threads_gets_no_server_error(court: Court, today: date, evidence: Evidence):
    """Each writer creates cases, lists hearings and drafts on a shared hearing (mostly conflicts)."""
    shared = court.prepare(today)
    statuses: Counter[int] = Counter()
    busy_without_retry_after, transport_errors = 0, 0
    lock = threading.Lock()
    created: list[str] = []
    listing, adviser = court.headers("listing@MAG01"), court.headers("adviser@MAG01")
    began = time.monotonic()

    def note(response: httpx.Response) -> None:
        nonlocal busy_without_retry_after
        with lock:
            statuses[response.status_code] += 1
            if response.status_code == 503 and "retry-after" not in response.headers:
                busy_without_retry_after += 1

    def writer(n: int) -> None:
        nonlocal transport_errors
        http = court.http
        for r in range(ROUNDS):
            try:
                body = a_case()
                response = http.post("/api/v1/cases", json=body, headers=listing)
                note(response)
                if response.status_code == 201:
                    with lock:
                        created.append(body["urn"])
                    note(http.post(f"/api/v1/cases/{body['urn']}/hearings", headers=listing,
                                   json=a_hearing(starts_at=london(today + timedelta(days=1), "10:00"))))
                version = http.get(f"/api/v1/hearings/{shared.hearing_id}", headers=adviser).json()["version"]
                note(http.put(f"/api/v1/hearings/{shared.hearing_id}/results/{shared.defendant_id}", headers=adviser,
                              json={**a_plain_result(["FINE", "DISCHARGE"][(n + r) % 2], today), "version": version}))
            except httpx.HTTPError:
                with lock:
                    transport_errors += 1

    with ThreadPoolExecutor(WRITERS) as pool:
        list(pool.map(writer, range(WRITERS)))
    seconds = time.monotonic() - began
    server_errors = sum(count for status, count in statuses.items() if status >= 500 and status != 503)
    busy = statuses.get(503, 0)
    missing = [urn for urn in created if court.call("viewer@MAG01", "GET", f"/api/v1/cases/{urn}").status_code != 200]
    evidence.scenario("write_contention", writers=WRITERS, requests=sum(statuses.values()),
                      by_status={str(k): v for k, v in sorted(statuses.items())}, server_errors=server_errors,
                      busy_with_retry_after=busy - busy_without_retry_after, transport_errors=transport_errors,
                      cases_created=len(created), cases_missing=len(missing), seconds=round(seconds, 1),
                      writes_per_s=round(sum(statuses.values()) / seconds, 1))

    assert server_errors == 0, f"server errors under contention: {dict(statuses)}"
    assert busy_without_retry_after == 0, "a 503 must say when to retry (Retry-After)"
    assert transport_errors == 0, f"{transport_errors} requests got no answer"
    assert not missing, f"cases confirmed (201) but not there: {missing}"
    assert statuses[201] >= WRITERS * ROUNDS, dict(statuses)
