"""The verdict table printed at the end of a run (and by `release-gate report`)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

STATUS_STYLE = {"pass": "green", "warn": "yellow", "fail": "red", "error": "bold red", "skipped": "dim"}


def _fmt(value: Any) -> str:
    if value is None:
        return "–"
    return f"{value:.4g}" if isinstance(value, float) else str(value)


def print_verdict(console: Console, r: Mapping[str, Any], report_dir: Path | None = None) -> None:
    checks = r.get("checks", [])
    if checks:
        table = Table(title="Checks", show_lines=False)
        for column in ("check", "key", "status", "value", "threshold", "detail"):
            table.add_column(column, overflow="fold")
        for c in checks:
            table.add_row(
                c["id"],
                "key" if c.get("key") else "",
                Text(c["status"], style=STATUS_STYLE.get(c["status"], "")),
                _fmt(c.get("value")),
                _fmt(c.get("threshold")),
                Text(str(c.get("detail") or "")[:160]),
            )
        console.print(table)
    verdict = r.get("verdict", "NO-GO")
    evaluated = r.get("evaluated", True)
    style = "bold white on green" if verdict == "GO" else "bold white on red"
    head = Text(f" {verdict} ", style=style)
    head.append(f"  score {r.get('score', 0):g}/100 · profile {r.get('profile')} · {r.get('duration_s', 0):g} s")
    if not evaluated:
        head.append("  (could not evaluate: exit 2)", style="bold")
    body = [head]
    if r.get("reason"):
        body.append(Text(str(r["reason"])))
    for warning in r.get("warnings", []):
        body.append(Text(f"warning: {warning}", style="yellow"))
    if report_dir is not None:
        files = [f for f in (r.get("reports") or {}).values() if f]
        if files:
            body.append(Text(f"reports in {report_dir}: " + ", ".join(files), style="dim"))
    console.print(Panel(Text("\n").join(body), title="Release gate verdict", expand=False))
