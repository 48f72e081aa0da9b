"""`release-gate`: run every suite against a release and give one verdict (exit 0 GO, 1 NO-GO, 2 could not
evaluate); re-render the last report; list past verdicts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from release_gate.errors import PolicyError
from release_gate.history import read_history
from release_gate.policy import load_policy
from release_gate.reports.allure import generate_allure
from release_gate.reports.html import render_html
from release_gate.reports.markdown import render_markdown
from release_gate.reports.readiness import read_json, write_json
from release_gate.run import RunRequest, history_path, run_gate
from release_gate.summary import print_verdict

app = typer.Typer(
    name="release-gate",
    help=(
        "Release gate for the court case platform: runs the acceptance, end-to-end, property, load and "
        "resilience suites against a release and turns their evidence into one GO / NO-GO verdict.\n\n"
        "Exit codes: 0 = GO, 1 = NO-GO, 2 = could not evaluate (bad policy or options, platform would not start)."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)

ReportDir = Annotated[
    Path, typer.Option("--report-dir", help="Folder for readiness.json/.md/.html, junit.xml, evidence and history.")
]
Config = Annotated[Path, typer.Option("--config", help="The policy file.")]


@app.command()
def run(
    target: Annotated[
        str | None,
        typer.Option(help="Base URL of a deployed platform to gate. Without it the gate starts the embedded "
                     "reference platform (and its provider) and stops it afterwards."),
    ] = None,
    provider_url: Annotated[
        str | None, typer.Option("--provider-url", help="Base URL of the EM provider that --target sends to.")
    ] = None,
    profile: Annotated[
        str | None,
        typer.Option(help="Policy profile: smoke (under a minute), ci (about 6 minutes on 2 cores), full. "
                     "Default: default_profile in the gate section of the policy."),
    ] = None,
    suites: Annotated[
        str | None,
        typer.Option(help="Comma-separated suites to run instead of the profile's: acceptance, e2e, properties, "
                     "load, resilience, or a custom suite from the policy."),
    ] = None,
    fault: Annotated[
        list[str] | None,
        typer.Option("--fault", help="Seed a named fault into the embedded platform (repeatable)."),
    ] = None,
    fail_fast: Annotated[
        bool, typer.Option("--fail-fast", help="Stop at the first failure: pytest -x, and skip the remaining "
                           "suites after the first one that makes the verdict NO-GO.")
    ] = False,
    report_dir: ReportDir = Path("reports"),
    workers: Annotated[
        int | None, typer.Option(min=1, help="Parallel workers for suites that support them (pytest-xdist).")
    ] = None,
    seed: Annotated[int | None, typer.Option(help="Seed passed to every suite (RELEASE_GATE_SEED).")] = None,
    allure: Annotated[
        bool | None, typer.Option("--allure/--no-allure", help="Generate the single-file Allure HTML report.")
    ] = None,
    config: Config = Path("gate.toml"),
) -> None:
    """Run the suites, evaluate the policy, write the reports, print the verdict."""
    request = RunRequest(
        config=config,
        profile=profile,
        suites=suites.split(",") if suites else None,
        target=target,
        provider_url=provider_url,
        faults=list(fault or []),
        fail_fast=fail_fast,
        report_dir=report_dir,
        workers=workers,
        seed=seed,
        allure=allure,
    )
    raise typer.Exit(run_gate(request, Console()))


@app.command()
def prove(
    faults: Annotated[
        str, typer.Option(help="Faults to seed: all, or a comma-separated list (see docs/what-the-gate-catches.md).")
    ] = "all",
    profile: Annotated[str, typer.Option(help="Policy profile for every run.")] = "ci",
    jobs: Annotated[int, typer.Option(min=1, help="Gate runs at a time (each starts its own platform).")] = 1,
    run_timeout: Annotated[float, typer.Option("--run-timeout", help="Seconds one gate run may take.")] = 900.0,
    report_dir: ReportDir = Path("reports"),
    config: Config = Path("gate.toml"),
) -> None:
    """Prove the gate: GO on the clean build, NO-GO on every seeded fault, each caught by its intended suite.

    Prints the detection matrix (fault x suite) with sensitivity and specificity; writes prove.json, prove.md and a section of readiness.html. Exit 0 when the clean build is GO and every fault is caught by its intended suite, 1 otherwise, 2 when it cannot be evaluated.
    """
    from release_gate.prove_command import run_prove

    raise typer.Exit(run_prove(faults=faults, profile=profile, jobs=jobs, run_timeout_s=run_timeout,
                               report_dir=report_dir, config=config, console=Console()))


@app.command()
def report(
    report_dir: ReportDir = Path("reports"),
    allure: Annotated[
        bool, typer.Option("--allure/--no-allure", help="Also regenerate the Allure HTML from the stored results.")
    ] = False,
) -> None:
    """Re-render readiness.md and readiness.html from the last run's readiness.json (same exit code)."""
    console = Console()
    source = report_dir / "readiness.json"
    try:
        readiness = read_json(source)
    except (OSError, ValueError) as exc:
        console.print(f"[bold red]No readable {source}: {exc}. Run `release-gate run` first.[/]")
        raise typer.Exit(2) from None
    if allure:
        index, warning = generate_allure(sorted((report_dir / "allure-results").glob("*")), report_dir, Path.cwd())
        readiness.setdefault("reports", {})["allure"] = index
        if warning:
            console.print(f"[yellow]warning: {warning}[/]")
        write_json(source, readiness)
    (report_dir / "readiness.md").write_text(render_markdown(readiness), encoding="utf-8")
    (report_dir / "readiness.html").write_text(render_html(readiness), encoding="utf-8")
    print_verdict(console, readiness, report_dir)
    raise typer.Exit(int(readiness.get("exit_code", 0 if readiness.get("verdict") == "GO" else 1)))


@app.command()
def history(
    report_dir: ReportDir = Path("reports"),
    config: Config = Path("gate.toml"),
    limit: Annotated[int, typer.Option(min=1, help="Show at most this many runs, newest first.")] = 20,
    profile: Annotated[str | None, typer.Option(help="Only runs of this profile.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the entries as JSON lines.")] = False,
) -> None:
    """List past verdicts with their key figures, newest first."""
    console = Console()
    try:
        policy = load_policy(config) if config.is_file() else None
    except PolicyError:
        policy = None
    path = history_path(report_dir, policy)
    entries = [e for e in read_history(path) if profile is None or e.get("profile") == profile]
    entries = list(reversed(entries))[:limit]
    if as_json:
        for entry in entries:
            typer.echo(json.dumps(entry, sort_keys=True))
        return
    if not entries:
        console.print(f"No verdicts recorded in {path} yet.")
        return
    table = Table(title=f"Verdicts ({path})")
    for column in ("time", "profile", "verdict", "score", "time (s)", "tests", "flaky", "failed checks", "p95"):
        table.add_column(column, overflow="fold")
    for e in entries:
        suites = e.get("suites", {}).values()
        passed = sum(s.get("passed") or 0 for s in suites)
        total = sum(s.get("tests") or 0 for s in suites)
        flaky = sum(s.get("flaky") or 0 for s in suites)
        style = "green" if e.get("verdict") == "GO" else "red"
        verdict = e.get("verdict", "?") + (" (exit 2)" if e.get("exit_code") == 2 else "")
        table.add_row(
            str(e.get("time", "")),
            str(e.get("profile", "")),
            f"[{style}]{verdict}[/]",
            f"{e.get('score', 0):g}",
            f"{e.get('duration_s') or 0:g}",
            f"{passed}/{total}",
            str(flaky),
            ", ".join(e.get("failed_checks", [])[:4]),
            ", ".join(f"{k}={v:g}" for k, v in (e.get("p95") or {}).items()),
        )
    console.print(table)
