"""The suite's evidence: `resilience.json` (crash trials, reconciliation figures, every scenario's figures)
and the access matrix (`access-matrix.json` and `.md`), written when the session ends.

The gate reads `resilience.json`; its top-level figures feed readiness.json's `reconciliation`.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from resilience.reconcile import Figures

EVIDENCE = "resilience.json"


@dataclass
class Evidence:
    folder: Path
    database: str
    seed: int
    trials_requested: int
    trials: int = 0
    crash: Figures = field(default_factory=Figures)
    scenarios: dict[str, dict[str, Any]] = field(default_factory=dict)
    cells: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def scenario(self, name: str, **figures: Any) -> None:
        """Record (or extend) one scenario's figures; `passed` is set by the test's outcome."""
        with self._lock:
            self.scenarios.setdefault(name, {}).update(figures)

    def outcome(self, name: str, outcome: str, message: str = "") -> None:
        """A test of the scenario ended `passed`, `failed` or `skipped`; a scenario passes only if all its
        tests that ran passed."""
        with self._lock:
            entry = self.scenarios.setdefault(name, {})
            if outcome == "skipped":
                entry.setdefault("passed", None)
                entry["skipped"] = message[-300:]
                return
            entry["passed"] = entry.get("passed") is not False and outcome == "passed"
            if message:
                entry["failure"] = message[:2000]

    def matrix_cell(self, action, who, expected: str, actual: str, status: int | None) -> None:
        with self._lock:
            self.cells[(action.key, who.label)] = {"expected": expected, "actual": actual, "status": status,
                                                   "tested": True, "as_expected": actual == expected}

    @property
    def access_matrix(self) -> dict[str, Any] | None:
        """Role x action from the one table, each cell with its expected and actual outcome (or untested)."""
        if not self.cells:
            return None
        from resilience.access_matrix import ACTIONS, PRINCIPALS, expected

        rows, tested, wrong, forbidden, refused = [], 0, 0, 0, 0
        for action in ACTIONS:
            cells = {}
            for who in PRINCIPALS:
                want = expected(action, who)
                cell = self.cells.get((action.key, who.label), {"expected": want, "tested": False})
                cells[who.label] = cell
                tested += cell["tested"]
                wrong += cell["tested"] and not cell["as_expected"]
                if want in ("refused", "hidden", "sign-in"):
                    forbidden += 1
                    refused += cell["tested"] and cell["as_expected"]
            rows.append({"channel": action.channel, "method": action.method, "path": action.path,
                         "title": action.title, "cells": cells})
        total = len(ACTIONS) * len(PRINCIPALS)
        return {"roles": [who.label for who in PRINCIPALS], "actions": rows,
                "summary": {"actions": len(ACTIONS), "principals": len(PRINCIPALS), "cells": total, "tested": tested,
                            "untested": total - tested, "wrong": wrong, "forbidden": forbidden, "refused": refused}}

    def reconciliation(self) -> Figures:
        """Every scenario that shared orders, summed: what the gate reports as the suite's reconciliation."""
        total = self.crash
        for entry in self.scenarios.values():
            figures = entry.get("reconciliation")
            if isinstance(figures, Figures):
                total = total.add(figures)
        return total

    def to_json(self) -> dict[str, Any]:
        total = self.reconciliation()
        scenarios = {name: {k: (v.to_json() if isinstance(v, Figures) else v) for k, v in entry.items()}
                     for name, entry in self.scenarios.items()}
        conflicts = self.scenarios.get("concurrent_shares", {})
        contention = self.scenarios.get("write_contention", {})
        return {
            "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "database": self.database,
            "seed": self.seed,
            "trials": self.trials,
            "trials_requested": self.trials_requested,
            "orders_shared": total.orders_shared,
            "orders_recorded": total.orders_recorded,
            "orders_delivered": total.orders_delivered,
            "missing": total.missing,
            "duplicates": total.duplicates,
            "half_written": total.half_written,
            "unacknowledged": total.unacknowledged,
            "p50_delivery_s": total.p50_delivery_s,
            "p95_delivery_s": total.p95_delivery_s,
            "max_delivery_s": total.max_delivery_s,
            "crash": self.crash.to_json(),
            "conflicts": {k: conflicts.get(k) for k in ("races", "winners", "conflicts", "other_answers", "order_sets")
                          if k in conflicts},
            "server_errors": {k: contention.get(k) for k in ("requests", "server_errors", "busy_with_retry_after",
                                                             "by_status") if k in contention},
            "scenarios": scenarios,
            "access_matrix": (self.access_matrix or {}).get("summary"),
            "access_matrix_files": ["access-matrix.json", "access-matrix.md"] if self.cells else [],
            "problems": total.problems[:50],
        }

    def write(self) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / EVIDENCE
        path.write_text(json.dumps(self.to_json(), indent=2) + "\n", encoding="utf-8")
        matrix = self.access_matrix
        if matrix:
            (self.folder / "access-matrix.json").write_text(json.dumps(matrix, indent=2) + "\n", encoding="utf-8")
            (self.folder / "access-matrix.md").write_text(matrix_markdown(matrix), encoding="utf-8")
        return path


def matrix_markdown(matrix: dict[str, Any]) -> str:
    """Role x action: `allowed` / `refused` (403) / `hidden` (404), each with whether a test checked it."""
    roles = matrix["roles"]
    summary = matrix["summary"]
    lines = ["# Access matrix", "", f"{summary['cells']} cells ({summary['actions']} actions x {summary['principals']} "
             f"kinds of user): {summary['tested']} tested, {summary['untested']} untested; {summary['forbidden']} "
             f"forbidden, {summary['refused']} of them refused as expected; {summary['wrong']} not as expected.", "",
             "| action | " + " | ".join(roles) + " |", "| --- | " + " | ".join("---" for _ in roles) + " |"]
    for row in matrix["actions"]:
        cells = []
        for role in roles:
            cell = row["cells"].get(role, {})
            mark = cell.get("expected", "?")
            if not cell.get("tested"):
                mark += " (untested)"
            elif not cell.get("as_expected", True):
                mark += f" (got {cell.get('actual')})"
            cells.append(mark)
        lines.append(f"| {row['channel']} `{row['method']} {row['path']}` | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
