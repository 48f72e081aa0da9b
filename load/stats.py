"""Turning Locust's request statistics into the load suite's evidence: per-endpoint and per-group
percentiles, throughput, failures, and a latency-over-time series. Pure Python: the locustfile hands in
plain snapshots of Locust's stats entries, so this module never imports Locust and can be tested.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

Histogram = dict[int, int]  # response time (ms, Locust's rounding) -> number of requests

GROUPS = ("share", "draft", "write", "read", "sign_in")


def group_of(method: str, name: str) -> str:
    """The SLO group of a request, by its method and its grouped name (`name=` in the locustfile)."""
    method = method.upper()
    if method == "POST" and name.endswith("/auth/token"):
        return "sign_in"
    if method == "POST" and name.endswith("/share"):
        return "share"
    if method == "PUT" and "/results/" in name:
        return "draft"
    if method in ("POST", "PUT", "PATCH", "DELETE"):
        return "write"
    return "read"


def percentile(histogram: Mapping[int, int], q: float) -> float | None:
    """Locust's own percentile rule (the response time that `q` of the requests finished within)."""
    total = sum(histogram.values())
    if total == 0:
        return None
    wanted = int(total * q)
    processed = 0
    for response_time in sorted(histogram, reverse=True):
        processed += histogram[response_time]
        if total - processed <= wanted:
            return float(response_time)
    return 0.0


def merge(histograms: Iterable[Mapping[int, int]]) -> Histogram:
    out: Histogram = {}
    for histogram in histograms:
        for ms, count in histogram.items():
            out[int(ms)] = out.get(int(ms), 0) + count
    return out


def diff(latest: Mapping[int, int], old: Mapping[int, int]) -> Histogram:
    return {ms: n - old.get(ms, 0) for ms, n in latest.items() if n - old.get(ms, 0) > 0}


@dataclass
class Entry:
    """What the evidence needs from one Locust stats entry."""

    method: str
    name: str
    requests: int
    failures: int
    histogram: Histogram
    max_ms: float = 0.0
    total_ms: float = 0.0

    @property
    def group(self) -> str:
        return group_of(self.method, self.name)


def _figures(requests: int, failures: int, histogram: Mapping[int, int], seconds: float, max_ms: float,
             total_ms: float) -> dict[str, float | int | None]:
    return {
        "requests": requests,
        "failures": failures,
        "failure_ratio": round(failures / requests, 6) if requests else 0.0,
        "rps": round(requests / seconds, 3) if seconds > 0 else 0.0,
        "p50_ms": percentile(histogram, 0.50),
        "p95_ms": percentile(histogram, 0.95),
        "p99_ms": percentile(histogram, 0.99),
        "max_ms": round(max_ms, 1),
        "avg_ms": round(total_ms / requests, 1) if requests else None,
    }


def summarise(entries: Iterable[Entry], seconds: float) -> dict[str, object]:
    """Per endpoint, per group and overall figures for a run that lasted `seconds`."""
    entries = [e for e in entries if e.requests or e.failures]
    endpoints = {
        f"{e.method} {e.name}": {"method": e.method, "name": e.name, "group": e.group,
                                 **_figures(e.requests, e.failures, e.histogram, seconds, e.max_ms, e.total_ms)}
        for e in sorted(entries, key=lambda e: (e.group, e.name, e.method))
    }
    groups = {}
    for group in GROUPS:
        members = [e for e in entries if e.group == group]
        if members:
            groups[group] = _figures(
                sum(e.requests for e in members), sum(e.failures for e in members),
                merge(e.histogram for e in members), seconds, max(e.max_ms for e in members),
                sum(e.total_ms for e in members),
            )
    requests = sum(e.requests for e in entries)
    failures = sum(e.failures for e in entries)
    total = _figures(requests, failures, merge(e.histogram for e in entries), seconds,
                     max((e.max_ms for e in entries), default=0.0), sum(e.total_ms for e in entries))
    return {"endpoints": endpoints, "groups": groups, "total": total}


@dataclass
class Series:
    """Latency over the run: each sample is the p95 of the requests that finished since the last sample."""

    interval_s: float = 2.0
    last: dict[str, Histogram] = field(default_factory=dict)
    last_requests: int = 0
    p95: dict[str, list[list[float]]] = field(default_factory=dict)
    rps: list[list[float]] = field(default_factory=list)
    last_t: float = 0.0

    def sample(self, t: float, entries: Iterable[Entry]) -> None:
        entries = list(entries)
        now = {group: merge(e.histogram for e in entries if e.group == group) for group in GROUPS}
        for group, histogram in now.items():
            delta = diff(histogram, self.last.get(group, {}))
            value = percentile(delta, 0.95)
            if value is not None:
                self.p95.setdefault(group, []).append([round(t, 1), value])
        requests = sum(e.requests for e in entries)
        if t > self.last_t:
            self.rps.append([round(t, 1), round((requests - self.last_requests) / (t - self.last_t), 2)])
        self.last, self.last_requests, self.last_t = now, requests, t

    def to_json(self) -> dict[str, object]:
        return {"p95_ms": self.p95, "rps": self.rps}
