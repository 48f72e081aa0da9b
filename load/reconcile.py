"""Reconciliation after a load run: what the platform recorded against what the agencies received.

    uv run python -m load.reconcile --target URL --provider-url URL --run-id ID --out reconciliation.json

First it waits for the notifications outbox to drain (`court_outbox_depth` on /metrics reaching 0, within a
bound). Then every EM order the platform recorded for the run (its case references start with the run id)
must be in the provider's ledger exactly once and acknowledged: 0 missing, 0 duplicates. The prison and
probation notifications are held to the same rule. Exit 0 = perfect, 1 = a discrepancy, 2 = could not tell.

The comparison (`compare_orders`, `compare_notifications`) is pure, so it is tested with fake ledgers.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx

AGENCIES = ("prison", "probation")
PAGE_SIZE = 1000


# --- the comparison (pure) ---------------------------------------------------------------------------------

def _when(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text.replace("Z", "+00:00")) if text else None


def quantile(values: list[float], q: float) -> float | None:
    """Nearest-rank quantile (q in [0, 1]) of a list; None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(q * len(ordered))))
    return round(ordered[rank - 1], 3)


def delivery_seconds(order: Mapping[str, Any], received_at: str | None) -> float | None:
    """How long the order took to reach the provider: acknowledged_at - created_at (both platform clock), or
    the provider's received_at - created_at when the platform has no acknowledgement time."""
    created = _when(order.get("created_at"))
    done = _when(order.get("acknowledged_at")) or _when(received_at)
    if created is None or done is None:
        return None
    return max(0.0, (done - created).total_seconds())


def compare_orders(platform: Iterable[Mapping[str, Any]], ledger: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Every platform EM order in the provider's ledger exactly once, and acknowledged."""
    platform = list(platform)
    ledger = list(ledger)
    seen = Counter(str(item["platform_order_id"]) for item in ledger)
    received_at = {str(item["platform_order_id"]): item.get("received_at") for item in ledger}
    ids = {str(order["id"]) for order in platform}
    missing = sorted((o for o in platform if seen[str(o["id"])] == 0), key=lambda o: o["id"])
    duplicated = sorted((o for o in platform if seen[str(o["id"])] > 1), key=lambda o: o["id"])
    unacknowledged = [o for o in platform if o.get("status") != "ACKNOWLEDGED"]
    unexpected = sorted(pid for pid in seen if pid not in ids)
    delays = [d for o in platform if (d := delivery_seconds(o, received_at.get(str(o["id"])))) is not None]
    return {
        "recorded": len(platform),
        "received": len(ledger),
        "missing": len(missing),
        "duplicates": sum(seen[str(o["id"])] - 1 for o in duplicated),
        "unacknowledged": len(unacknowledged),
        "unexpected": len(unexpected),
        "by_status": dict(Counter(o.get("status", "?") for o in platform)),
        "by_kind": dict(Counter(o.get("kind", "?") for o in platform)),
        "p50_delivery_s": quantile(delays, 0.50),
        "p95_delivery_s": quantile(delays, 0.95),
        "max_delivery_s": round(max(delays), 3) if delays else None,
        "missing_ids": [o["id"] for o in missing][:50],
        "duplicate_ids": [o["id"] for o in duplicated][:50],
        "unacknowledged_ids": [o["id"] for o in unacknowledged][:50],
        "unexpected_ids": unexpected[:50],
    }


def compare_notifications(platform: Iterable[Mapping[str, Any]],
                          ledgers: Mapping[str, Iterable[Mapping[str, Any]]]) -> dict[str, Any]:
    """Every prison and probation notification the platform recorded, received once by its agency."""
    platform = [n for n in platform if n.get("agency") in ledgers]
    seen: Counter[tuple[str, str]] = Counter()
    for agency, items in ledgers.items():
        seen.update((agency, str(item["notification_id"])) for item in items)
    keys = {(n["agency"], str(n["id"])) for n in platform}
    missing = [n["id"] for n in platform if seen[(n["agency"], str(n["id"]))] == 0]
    duplicates = sum(seen[key] - 1 for key in keys if seen[key] > 1)
    return {
        "recorded": len(platform),
        "received": sum(seen.values()),
        "missing": len(missing),
        "duplicates": duplicates,
        "unsent": sum(1 for n in platform if n.get("status") != "SENT"),
        "unexpected": sum(1 for key in seen if key not in keys),
        "missing_ids": missing[:50],
    }


def verdict(orders: Mapping[str, Any], notifications: Mapping[str, Any], drained: bool,
            min_orders: int = 1) -> list[str]:
    """Every discrepancy in words; an empty list is a perfect reconciliation."""
    problems = []
    if orders["recorded"] < min_orders:
        problems.append(f"the run recorded {orders['recorded']} EM orders (at least {min_orders} expected): "
                        "nothing to reconcile is not evidence")
    for key, words in (("missing", "EM orders never reached the provider"),
                       ("duplicates", "duplicate EM orders at the provider"),
                       ("unacknowledged", "EM orders not acknowledged"),
                       ("unexpected", "orders at the provider the platform did not record")):
        if orders[key]:
            problems.append(f"{orders[key]} {words}")
    for key, words in (("missing", "agency notifications never delivered"),
                       ("duplicates", "duplicate agency notifications"),
                       ("unsent", "agency notifications not marked sent"),
                       ("unexpected", "agency notifications the platform did not record")):
        if notifications[key]:
            problems.append(f"{notifications[key]} {words}")
    if not drained:
        problems.append("the notifications outbox did not drain within the bound")
    return problems


# --- talking to the platform and the provider --------------------------------------------------------------

def wait_for_drain(read_depth: Callable[[], float | None], timeout_s: float, poll_s: float = 0.5,
                   clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep
                   ) -> tuple[bool, float, float]:
    """Poll the outbox depth until it is 0: (drained, seconds it took, the deepest backlog seen)."""
    began, peak = clock(), 0.0
    while True:
        depth = read_depth()
        if depth is not None:
            peak = max(peak, depth)
            if depth == 0:
                return True, round(clock() - began, 2), peak
        if clock() - began >= timeout_s:
            return False, round(clock() - began, 2), peak
        sleep(poll_s)


def metric(text: str, name: str) -> float | None:
    for line in text.splitlines():
        if line.startswith(name + " "):
            return float(line.rsplit(" ", 1)[1])
    return None


class Platform:
    def __init__(self, client: httpx.Client, target: str, password: str):
        self.client, self.target, self.password = client, target.rstrip("/"), password
        self.tokens: dict[str, str] = {}

    def depth(self) -> float | None:
        try:
            response = self.client.get(f"{self.target}/metrics")
            return metric(response.text, "court_outbox_depth") if response.status_code == 200 else None
        except httpx.HTTPError:
            return None

    def _token(self, centre: str) -> str:
        if centre not in self.tokens:
            response = self.client.post(f"{self.target}/api/v1/auth/token",
                                        json={"username": f"viewer@{centre}", "password": self.password})
            response.raise_for_status()
            self.tokens[centre] = response.json()["access_token"]
        return self.tokens[centre]

    def centres(self) -> list[str]:
        any_centre = "MAG01"
        response = self.client.get(f"{self.target}/api/v1/court-centres",
                                   headers={"Authorization": f"Bearer {self._token(any_centre)}"})
        response.raise_for_status()
        return [c["code"] for c in response.json()["items"]]

    def pages(self, path: str, centre: str, **query: Any) -> list[dict[str, Any]]:
        items, page = [], 1
        while True:
            response = self.client.get(f"{self.target}{path}", params={**query, "page": page, "page_size": PAGE_SIZE},
                                       headers={"Authorization": f"Bearer {self._token(centre)}"})
            response.raise_for_status()
            data = response.json()
            items += data["items"]
            if len(items) >= data["total"] or not data["items"]:
                return items
            page += 1


def _of_run(items: Iterable[Mapping[str, Any]], run_id: str) -> list[dict[str, Any]]:
    return [dict(i) for i in items if str(i.get("urn", "")).startswith(run_id)]


def reconcile(target: str, provider_url: str, run_id: str, *, password: str, drain_timeout_s: float,
              min_orders: int = 1, run_backlog_peak: float | None = None) -> dict[str, Any]:
    with httpx.Client(timeout=30.0, trust_env=False) as client:
        platform = Platform(client, target, password)
        drained, drain_s, peak = wait_for_drain(platform.depth, drain_timeout_s)
        orders, notifications = [], []
        for centre in platform.centres():
            orders += platform.pages("/api/v1/em-orders", centre, court_centre=centre)
            notifications += platform.pages("/api/v1/notifications", centre)
        provider = provider_url.rstrip("/")
        response = client.get(f"{provider}/orders")
        response.raise_for_status()
        ledger = _of_run(response.json()["items"], run_id)
        agency_ledgers = {}
        for agency in AGENCIES:
            response = client.get(f"{provider}/agencies/{agency}/notifications")
            response.raise_for_status()
            agency_ledgers[agency] = _of_run(response.json()["items"], run_id)
    order_figures = compare_orders(_of_run(orders, run_id), ledger)
    notification_figures = compare_notifications(_of_run(notifications, run_id), agency_ledgers)
    problems = verdict(order_figures, notification_figures, drained, min_orders)
    peaks = [p for p in (peak, run_backlog_peak) if p is not None]
    return {
        "run_id": run_id,
        **{k: order_figures[k] for k in ("recorded", "received", "missing", "duplicates", "unacknowledged",
                                         "unexpected", "p50_delivery_s", "p95_delivery_s", "max_delivery_s")},
        "drain_s": drain_s,
        "drained": drained,
        "drain_timeout_s": drain_timeout_s,
        "backlog_peak": max(peaks) if peaks else None,
        "backlog_at_end_of_run": peak,
        "orders": order_figures,
        "notifications": notification_figures,
        "ok": not problems,
        "problems": problems,
    }


def summary(report: Mapping[str, Any]) -> str:
    n = report["notifications"]
    lines = [
        f"Reconciliation of run {report['run_id']}: {'PERFECT' if report['ok'] else 'DISCREPANCIES'}",
        f"  EM orders: recorded {report['recorded']}, received {report['received']}, missing {report['missing']}, "
        f"duplicates {report['duplicates']}, unacknowledged {report['unacknowledged']}",
        f"  delivery: p50 {report['p50_delivery_s']} s, p95 {report['p95_delivery_s']} s, max {report['max_delivery_s']} s",
        f"  agency notifications: recorded {n['recorded']}, received {n['received']}, missing {n['missing']}, "
        f"duplicates {n['duplicates']}",
        f"  outbox: backlog peak {report['backlog_peak']}, drained in {report['drain_s']} s "
        f"({'within' if report['drained'] else 'NOT within'} {report['drain_timeout_s']:g} s)",
    ]
    lines += [f"  problem: {p}" for p in report["problems"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m load.reconcile", description=__doc__.split("\n\n")[0])
    parser.add_argument("--target", required=True, help="the platform's base URL")
    parser.add_argument("--provider-url", required=True, help="the EM provider's base URL (its ledger)")
    parser.add_argument("--run-id", required=True, help="the run id the load run used")
    parser.add_argument("--out", type=Path, help="write the figures here as JSON")
    parser.add_argument("--load-results", type=Path, help="the load run's results (for its backlog peak)")
    parser.add_argument("--drain-timeout", type=float, default=60.0, help="seconds the outbox may take to drain")
    parser.add_argument("--min-orders", type=int, default=1, help="fewer EM orders than this is not evidence")
    parser.add_argument("--seed-password", default="court-test-password", help="password of the viewer@ users")
    args = parser.parse_args(argv)
    run_peak = None
    if args.load_results and args.load_results.is_file():
        run_peak = (json.loads(args.load_results.read_text(encoding="utf-8")).get("backlog") or {}).get("peak")
    try:
        report = reconcile(args.target, args.provider_url, args.run_id, password=args.seed_password,
                           drain_timeout_s=args.drain_timeout, min_orders=args.min_orders, run_backlog_peak=run_peak)
    except (httpx.HTTPError, KeyError, ValueError) as error:
        print(f"reconciliation could not be done: {error!r}", file=sys.stderr)
        return 2
    print(summary(report))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
