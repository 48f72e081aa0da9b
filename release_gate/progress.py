"""Live progress per suite: a redrawn table on a terminal, one plain line per event in a CI log."""

from __future__ import annotations

import time
from collections.abc import Sequence

from rich.console import Console
from rich.live import Live
from rich.table import Table
from rich.text import Text

STYLE = {"waiting": "dim", "running": "cyan", "passed": "green", "failed": "red", "error": "bold red",
         "not_run": "dim"}


class SuiteBoard:
    """Shows each selected suite: waiting / running (elapsed, latest output line) / its result."""

    def __init__(self, console: Console, suites: Sequence[str]) -> None:
        self.console = console
        self.rows = {name: {"state": "waiting", "detail": "", "began": None, "took": None} for name in suites}
        self.live: Live | None = None
        self._last_refresh = 0.0

    def __enter__(self) -> SuiteBoard:
        if self.console.is_terminal:
            self.live = Live(self._table(), console=self.console, refresh_per_second=4, transient=False)
            self.live.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.live is not None:
            self.live.update(self._table())
            self.live.__exit__(None, None, None)

    def started(self, name: str, timeout_s: float) -> None:
        self.rows[name].update(state="running", began=time.monotonic(), detail=f"time limit {round(timeout_s, 1):g} s")
        self._show(name, f"running (time limit {round(timeout_s, 1):g} s)")

    def output(self, name: str, line: str) -> None:
        if line:
            self.rows[name]["detail"] = line[:100]
        if self.live is not None and time.monotonic() - self._last_refresh > 0.2:
            self._last_refresh = time.monotonic()
            self.live.update(self._table())

    def finished(self, name: str, state: str, detail: str) -> None:
        row = self.rows[name]
        row.update(state=state, detail=detail)
        if row["began"] is not None:
            row["took"] = time.monotonic() - row["began"]
        self._show(name, f"{state}: {detail}")

    def _show(self, name: str, message: str) -> None:
        if self.live is not None:
            self.live.update(self._table())
        else:
            self.console.print(f"[gate] {name}: {message}", markup=False, highlight=False)

    def _table(self) -> Table:
        table = Table(title="Release gate: suites", expand=False)
        for column in ("suite", "state", "time", "latest"):
            table.add_column(column)
        for name, row in self.rows.items():
            took = row["took"]
            if took is None and row["began"] is not None:
                took = time.monotonic() - row["began"]
            state = row["state"]
            table.add_row(
                name,
                Text(state, style=STYLE.get(state, "")),
                f"{took:.0f} s" if took is not None else "",
                Text(str(row["detail"]), overflow="ellipsis", no_wrap=True),
            )
        return table
