"""The verdict history: one JSON line per run, appended, never rewritten. The last GO is the baseline."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from release_gate.checks import GO


def read_history(path: Path) -> list[dict[str, Any]]:
    """Every readable entry, oldest first (a damaged line is skipped, not fatal)."""
    if not path.is_file():
        return []
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict):
            entries.append(entry)
    return entries


def last_go(entries: Sequence[Mapping[str, Any]], profile: str) -> dict[str, Any] | None:
    """The most recent GO of the same profile: other profiles select other scenarios and loads."""
    for entry in reversed(entries):
        if entry.get("verdict") == GO and entry.get("profile") == profile:
            return dict(entry)
    return None


def entry_from(readiness: Mapping[str, Any]) -> dict[str, Any]:
    """The key figures of a run: enough to list it and to compare the next run with it."""
    figures = {
        c["id"]: c["value"]
        for c in readiness.get("checks", [])
        if isinstance(c.get("value"), int | float) and not isinstance(c.get("value"), bool)
    }
    return {
        "time": readiness.get("generated_at"),
        "verdict": readiness.get("verdict"),
        "score": readiness.get("score"),
        "profile": readiness.get("profile"),
        "duration_s": readiness.get("duration_s"),
        "exit_code": readiness.get("exit_code"),
        "target": readiness.get("target"),
        "reason": readiness.get("reason"),
        "suites": {
            s["name"]: {k: s.get(k) for k in ("status", "tests", "passed", "failed", "flaky", "skipped")}
            for s in readiness.get("suites", [])
        },
        "figures": figures,
        "p95": {k: v for k, v in figures.items() if "p95" in k},
        "failed_checks": [c["id"] for c in readiness.get("checks", []) if c.get("status") in ("fail", "error")],
        "scenarios": {s["id"]: s["status"] for s in readiness.get("scenarios", [])},
    }


def append_history(path: Path, entry: Mapping[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n")
