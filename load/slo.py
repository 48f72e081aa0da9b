"""The load suite's service-level objectives (load/slo.toml) and their evaluation against a run's figures.

Pure Python: the locustfile's `quitting` listener, the capacity search and the tests all call `evaluate`.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_SLO_FILE = Path(__file__).with_name("slo.toml")
_PERCENTILES = ("p95_ms", "p99_ms")


@dataclass(frozen=True)
class Slo:
    groups: Mapping[str, Mapping[str, float]]
    max_failure_ratio: float
    min_throughput_ratio: float
    target_multiplier: float

    def latency_limits(self) -> dict[str, float]:
        """`{group: p95 limit}`, for charts."""
        return {group: float(limits["p95_ms"]) for group, limits in self.groups.items() if "p95_ms" in limits}


@dataclass(frozen=True)
class Outcome:
    id: str
    title: str
    value: float | None
    limit: float
    direction: str  # "max": value must be at most the limit; "min": at least
    ok: bool

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "value": self.value, "limit": self.limit,
                "direction": self.direction, "ok": self.ok}


def parse(data: Mapping[str, Any]) -> Slo:
    unknown = set(data) - {"target", "groups", "failures", "throughput"}
    if unknown:
        raise ValueError(f"slo.toml: unknown section(s) {sorted(unknown)}")
    groups = {}
    for group, limits in data.get("groups", {}).items():
        bad = set(limits) - set(_PERCENTILES)
        if bad:
            raise ValueError(f"slo.toml [groups.{group}]: unknown key(s) {sorted(bad)}; use p95_ms, p99_ms")
        groups[group] = {k: float(v) for k, v in limits.items()}
    return Slo(
        groups=groups,
        max_failure_ratio=float(data.get("failures", {}).get("max_ratio", 0.0)),
        min_throughput_ratio=float(data.get("throughput", {}).get("min_ratio_of_planned", 0.0)),
        target_multiplier=float(data.get("target", {}).get("multiplier", 1.0)),
    )


def load(path: Path | str = DEFAULT_SLO_FILE) -> Slo:
    return parse(tomllib.loads(Path(path).read_text(encoding="utf-8")))


def evaluate(slo: Slo, figures: Mapping[str, Any]) -> list[Outcome]:
    """Each objective against a run's figures: `groups` (per-group percentiles), `total` (failures) and
    `throughput` (`ratio` of completed to planned requests). A group that made no requests passes its latency
    objectives (nothing was slow) but a run that made no requests at all fails throughput."""
    out: list[Outcome] = []
    groups = figures.get("groups", {})
    for group, limits in slo.groups.items():
        for key in _PERCENTILES:
            if key not in limits:
                continue
            value = groups.get(group, {}).get(key)
            ok = value is None or value <= limits[key]
            label = key.removesuffix("_ms")
            out.append(Outcome(f"{group}.{label}", f"{label} of {group.replace('_', ' ')} at most {limits[key]:g} ms",
                               value, limits[key], "max", ok))
    total = figures.get("total", {})
    ratio = total.get("failure_ratio")
    requests = total.get("requests", 0)
    out.append(Outcome("failure_ratio", f"failed requests at most {slo.max_failure_ratio:.2%}", ratio,
                       slo.max_failure_ratio, "max", ratio is not None and requests > 0 and ratio <= slo.max_failure_ratio))
    throughput = figures.get("throughput", {}).get("ratio")
    out.append(Outcome("throughput", f"completed at least {slo.min_throughput_ratio:.0%} of the planned requests",
                       throughput, slo.min_throughput_ratio, "min",
                       throughput is not None and throughput >= slo.min_throughput_ratio))
    return out


def passed(outcomes: list[Outcome]) -> bool:
    return all(o.ok for o in outcomes)


def breaches(outcomes: list[Outcome]) -> list[str]:
    return [f"{o.id} = {o.value} (limit {o.limit:g})" for o in outcomes if not o.ok]
