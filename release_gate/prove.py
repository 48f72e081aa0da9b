"""`release-gate prove`: run the gate on the clean build and once per seeded fault, and measure what it
catches. Sensitivity = faults caught / faults; specificity = the clean build judged GO.

Each fault run puts the fault's expected suite first and uses --fail-fast, so a caught fault ends early; a
fault that the expected suite misses still meets every other suite (caught by another suite = a gap).
The catalogue comes from `python -m reference_system faults` (the gate never imports the platform).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from release_gate.errors import CannotEvaluate

# A suite that failed a check caught the fault. One that errored (crashed, timed out) made the verdict NO-GO
# too, but proves nothing about the fault: it is shown, and never counts as the intended suite's catch.
CAUGHT_STATUSES = {"failed"}


@dataclass(frozen=True)
class FaultSpec:
    name: str
    title: str
    expected_suite: str


@dataclass
class Outcome:
    """One gate run's result as prove reads it from readiness.json."""

    name: str  # "clean" or the fault's name
    verdict: str
    exit_code: int
    duration_s: float
    suites: dict[str, str] = field(default_factory=dict)  # suite -> passed / failed / error / not_run
    report_dir: str = ""
    reason: str | None = None

    @property
    def caught_by(self) -> list[str]:
        return [name for name, status in self.suites.items() if status in CAUGHT_STATUSES]

    @property
    def errored_in(self) -> list[str]:
        return [name for name, status in self.suites.items() if status == "error"]


def load_catalogue(python: str, project_root: Path) -> list[FaultSpec]:
    done = subprocess.run([python, "-m", "reference_system", "faults", "--format", "json"], cwd=project_root,
                          capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise CannotEvaluate(f"cannot read the fault catalogue: {done.stderr.strip()[-500:]}")
    return [FaultSpec(f["name"], f["title"], f["expected_suite"]) for f in json.loads(done.stdout)]


def select_faults(catalogue: Sequence[FaultSpec], wanted: str) -> list[FaultSpec]:
    if wanted.strip() in ("", "all"):
        return list(catalogue)
    names = [n.strip() for n in wanted.split(",") if n.strip()]
    known = {f.name: f for f in catalogue}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise CannotEvaluate(f"unknown fault(s) {', '.join(unknown)}; known: {', '.join(known)}")
    return [known[n] for n in names]


def suite_order(profile_suites: Sequence[str], expected: str) -> list[str]:
    """The expected suite first (so a catch ends the run early), then the profile's others in order."""
    return [expected, *[s for s in profile_suites if s != expected]]


def gate_command(python: str, *, profile: str, report_dir: Path, config: Path, suites: Sequence[str] | None,
                 fault: str | None) -> list[str]:
    command = [python, "-m", "release_gate", "run", "--profile", profile, "--report-dir", str(report_dir),
               "--config", str(config), "--no-allure"]
    if suites:
        command += ["--suites", ",".join(suites)]
    if fault:
        command += ["--fault", fault, "--fail-fast"]
    return command


def read_outcome(name: str, report_dir: Path, exit_code: int, duration_s: float) -> Outcome:
    try:
        readiness = json.loads((report_dir / "readiness.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return Outcome(name, "NO-GO", exit_code, duration_s, {}, str(report_dir), f"no readable readiness.json: {exc}")
    suites = {s["name"]: s.get("status", "error") for s in readiness.get("suites", [])}
    return Outcome(name, readiness.get("verdict", "NO-GO"), exit_code, duration_s, suites, str(report_dir),
                   readiness.get("reason"))


def run_one(name: str, command: list[str], report_dir: Path, cwd: Path, timeout_s: float) -> Outcome:
    report_dir.mkdir(parents=True, exist_ok=True)
    began = time.monotonic()
    with open(report_dir / "gate.log", "w", encoding="utf-8") as log:
        try:
            code = subprocess.run(command, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, timeout=timeout_s).returncode
        except subprocess.TimeoutExpired:
            return Outcome(name, "NO-GO", 2, time.monotonic() - began, {}, str(report_dir),
                           f"the gate run did not finish within {timeout_s:g} s")
    return read_outcome(name, report_dir, code, time.monotonic() - began)


@dataclass
class ProveResult:
    profile: str
    clean: Outcome
    faults: list[tuple[FaultSpec, Outcome]]
    duration_s: float

    @property
    def escaped(self) -> list[str]:
        return [spec.name for spec, outcome in self.faults if outcome.verdict == "GO"]

    @property
    def gaps(self) -> list[str]:
        return [spec.name for spec, outcome in self.faults
                if outcome.verdict != "GO" and spec.expected_suite not in outcome.caught_by]

    @property
    def sensitivity(self) -> float:
        return (len(self.faults) - len(self.escaped)) / len(self.faults) if self.faults else 0.0

    @property
    def specificity(self) -> float:
        return 1.0 if self.clean.verdict == "GO" else 0.0

    @property
    def passed(self) -> bool:
        return self.clean.verdict == "GO" and not self.escaped and not self.gaps

    def as_json(self) -> dict[str, Any]:
        return {
            "profile": self.profile,
            "sensitivity": self.sensitivity,
            "specificity": self.specificity,
            "passed": self.passed,
            "duration_s": round(self.duration_s, 1),
            "clean": {"verdict": self.clean.verdict, "exit_code": self.clean.exit_code,
                      "duration_s": round(self.clean.duration_s, 1), "report_dir": self.clean.report_dir,
                      "reason": self.clean.reason},
            "faults": [
                {"name": spec.name, "title": spec.title, "verdict": outcome.verdict, "caught_by": outcome.caught_by,
                 "errored_in": outcome.errored_in,
                 "expected_suite": spec.expected_suite,
                 "caught_by_expected_suite": spec.expected_suite in outcome.caught_by,
                 "suites": outcome.suites, "duration_s": round(outcome.duration_s, 1),
                 "report_dir": outcome.report_dir, "reason": outcome.reason}
                for spec, outcome in self.faults
            ],
            "escaped": self.escaped,
            "gaps": self.gaps,
        }


def prove(*, python: str, project_root: Path, config: Path, profile: str, profile_suites: Sequence[str],
          faults: Sequence[FaultSpec], report_dir: Path, jobs: int, run_timeout_s: float,
          on_done: Callable[[Outcome], None] = lambda outcome: None) -> ProveResult:
    """Run the clean build and every fault (up to `jobs` at a time); each run writes its own report dir."""
    began = time.monotonic()
    runs: list[tuple[str, list[str], Path]] = [(
        "clean", gate_command(python, profile=profile, report_dir=report_dir / "clean", config=config,
                              suites=None, fault=None), report_dir / "clean")]
    for spec in faults:
        where = report_dir / "faults" / spec.name
        runs.append((spec.name, gate_command(python, profile=profile, report_dir=where, config=config,
                                             suites=suite_order(profile_suites, spec.expected_suite),
                                             fault=spec.name), where))

    def execute(run: tuple[str, list[str], Path]) -> Outcome:
        outcome = run_one(run[0], run[1], run[2], project_root, run_timeout_s)
        on_done(outcome)
        return outcome

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        outcomes = list(pool.map(execute, runs))
    return ProveResult(profile, outcomes[0], list(zip(faults, outcomes[1:], strict=True)), time.monotonic() - began)


def default_python() -> str:
    return sys.executable
