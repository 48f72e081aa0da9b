"""The console side of `release-gate prove`: progress, the matrix, and the files it writes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from release_gate.errors import CannotEvaluate, PolicyError
from release_gate.policy import load_policy
from release_gate.prove import Outcome, default_python, load_catalogue, prove, select_faults
from release_gate.reports.html import render_html
from release_gate.reports.markdown import render_markdown as render_readiness_markdown
from release_gate.reports.prove_report import cell, render_markdown, summary_line
from release_gate.reports.readiness import write_json


def run_prove(*, faults: str, profile: str, jobs: int, run_timeout_s: float, report_dir: Path, config: Path,
              console: Console) -> int:
    try:
        policy = load_policy(config)
        suites = list(policy.profile(profile).suites)
        project_root = config.resolve().parent
        chosen = select_faults(load_catalogue(default_python(), project_root), faults)
    except (PolicyError, CannotEvaluate) as exc:
        console.print(f"[bold red]release-gate prove: {exc}[/]")
        return 2
    prove_dir = report_dir / "prove"
    shutil.rmtree(prove_dir, ignore_errors=True)
    console.print(f"[gate] proving the gate with profile {profile}: the clean build and {len(chosen)} fault(s), "
                  f"{jobs} at a time")

    def done(outcome: Outcome) -> None:
        style = "green" if (outcome.verdict == "GO") == (outcome.name == "clean") else "red"
        caught = f" caught by {', '.join(outcome.caught_by)}" if outcome.caught_by else ""
        console.print(f"[gate] [{style}]{outcome.name}: {outcome.verdict}[/]{caught} ({outcome.duration_s:.0f} s)")

    result = prove(python=default_python(), project_root=project_root, config=config.resolve(), profile=profile,
                   profile_suites=suites, faults=chosen, report_dir=prove_dir.resolve(), jobs=jobs,
                   run_timeout_s=run_timeout_s, on_done=done)
    summary = {**result.as_json(), "suites": suites}
    report_dir.mkdir(parents=True, exist_ok=True)
    write_json(report_dir / "prove.json", summary)
    (report_dir / "prove.md").write_text(render_markdown(summary, suites), encoding="utf-8")
    _readiness_with_prove(report_dir, prove_dir / "clean", summary)
    _print_matrix(console, summary, suites)
    return 0 if result.passed else 1


def _readiness_with_prove(report_dir: Path, clean_dir: Path, summary: dict[str, Any]) -> None:
    """The clean run's readiness report, with the prove section, at the top of the report dir."""
    try:
        readiness = json.loads((clean_dir / "readiness.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    base = clean_dir.relative_to(report_dir).as_posix()
    for check in readiness.get("checks", []):
        if check.get("evidence") and not str(check["evidence"]).startswith(("/", "http")):
            check["evidence"] = f"{base}/{check['evidence']}"
    readiness["reports"] = {k: f"{base}/{v}" for k, v in (readiness.get("reports") or {}).items() if v}
    readiness["prove"] = summary
    write_json(report_dir / "readiness.json", readiness)
    (report_dir / "readiness.md").write_text(render_readiness_markdown(readiness), encoding="utf-8")
    (report_dir / "readiness.html").write_text(render_html(readiness), encoding="utf-8")


def _print_matrix(console: Console, summary: dict[str, Any], suites: list[str]) -> None:
    table = Table(title="Detection matrix (fault x suite)")
    for column in ("fault", "verdict", *suites, "time"):
        table.add_column(column)
    for f in summary["faults"]:
        style = "red" if f["verdict"] == "GO" else ("yellow" if not f["caught_by_expected_suite"] else "green")
        table.add_row(f["name"], f"[{style}]{f['verdict']}[/]", *(cell(f, s) for s in suites), f"{f['duration_s']:.0f} s")
    console.print(table)
    style = "green" if summary["passed"] else "red"
    console.print(f"[bold {style}]{summary_line(summary)}[/]")
