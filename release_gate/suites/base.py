"""What every suite offers the gate: options a profile may set, the checks it measures, and a run.

A suite is a command builder plus an evidence parser. `SubprocessSuite` does the common part: build the
command, run it as a subprocess under the suite's time limit, then read the evidence it wrote. A run that
crashes, times out, collects nothing or leaves no evidence comes back with `error` set; the gate then
fails closed.
"""

from __future__ import annotations

import abc
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from release_gate.checks import CheckSpec, Measurement
from release_gate.model import SuiteResult
from release_gate.processes import ProcessOutcome, run_with_limit


@dataclass(frozen=True)
class OptionSpec:
    """A per-profile setting of a suite (`[profiles.NAME.SUITE]` in gate.toml)."""

    type: type
    default: Any
    help: str


COMMON_OPTIONS = {
    "timeout_s": OptionSpec(float, 300.0, "time limit for the suite in seconds; the suite is killed after it"),
}


@dataclass
class SuiteContext:
    """Where and against what a suite runs."""

    project_root: Path
    report_dir: Path
    evidence_dir: Path
    allure_dir: Path
    target: str
    provider_url: str
    seed: int
    timeout_s: float
    options: Mapping[str, Any]
    fail_fast: bool = False
    workers: int = 1
    python: str = ""
    env: Mapping[str, str] = field(default_factory=dict)
    on_output: Callable[[str], None] | None = None

    def relative(self, path: Path) -> str:
        """Evidence paths are recorded relative to the report dir, so the report folder can move."""
        try:
            return path.relative_to(self.report_dir).as_posix()
        except ValueError:
            return str(path)

    def template_values(self) -> dict[str, str]:
        values = {
            "python": self.python,
            "target": self.target,
            "provider_url": self.provider_url,
            "evidence_dir": str(self.evidence_dir),
            "junit": str(self.evidence_dir / "junit.xml"),
            "allure_dir": str(self.allure_dir),
            "seed": str(self.seed),
            "project_root": str(self.project_root),
        }
        values.update({k: str(v) for k, v in self.options.items() if not isinstance(v, list)})
        return values

    def expand(self, text: str) -> str:
        values = self.template_values()
        for name, value in values.items():
            text = text.replace("{" + name + "}", value)
        return text

    def expand_args(self, args: list[str]) -> list[str]:
        """Expand templates; an `--option={placeholder}` whose value is unknown (empty) is left out."""
        out = []
        for arg in args:
            expanded = self.expand(arg)
            if "{" in arg and expanded.endswith("=") and expanded.startswith("-"):
                continue
            out.append(expanded)
        return out


class Suite(abc.ABC):
    """One pluggable suite. Subclasses declare `kind`; instances carry a `name` and a `title`."""

    kind = "abstract"

    def __init__(self, name: str, title: str = "", description: str = "") -> None:
        self.name = name
        self.title = title or name
        self.description = description

    def option_specs(self) -> dict[str, OptionSpec]:
        return dict(COMMON_OPTIONS)

    def ran_check(self) -> CheckSpec:
        return CheckSpec(
            id=f"{self.name}.ran",
            suite=self.name,
            title=f"The {self.name} suite ran and left evidence of at least one test",
            direction="min",
            threshold=1,
            weight=1.0,
            key=True,
            unit="tests",
        )

    def check_specs(self) -> list[CheckSpec]:
        return [self.ran_check()]

    @abc.abstractmethod
    def run(self, ctx: SuiteContext) -> SuiteResult:
        """Run the suite and read its evidence. Never raises for a suite failure: sets `error` instead."""

    def measure(self, result: SuiteResult, specs: Mapping[str, CheckSpec]) -> list[Measurement]:
        ran = self.ran_check().id
        return [Measurement(ran, len(result.executed), f"{len(result.executed)} tests executed")]


class PlannedSuite(Suite):
    """A standard suite name with no runner yet: selecting it fails closed instead of being skipped."""

    kind = "planned"

    def run(self, ctx: SuiteContext) -> SuiteResult:
        return SuiteResult(
            name=self.name,
            title=self.title,
            error=f"not available: no runner is registered for the {self.name} suite yet",
        )


class SubprocessSuite(Suite):
    """Template: a command builder and an evidence parser around one time-limited subprocess."""

    @abc.abstractmethod
    def build_command(self, ctx: SuiteContext) -> list[str]:
        """The command line that runs the suite."""

    @abc.abstractmethod
    def parse_evidence(self, ctx: SuiteContext, outcome: ProcessOutcome, result: SuiteResult) -> None:
        """Fill `result` from the evidence the run wrote, or set `result.error`."""

    def environment(self, ctx: SuiteContext) -> dict[str, str]:
        env = dict(os.environ)
        env.update(ctx.env)
        return env

    def run(self, ctx: SuiteContext) -> SuiteResult:
        ctx.evidence_dir.mkdir(parents=True, exist_ok=True)
        result = SuiteResult(name=self.name, title=self.title, seed=ctx.seed)
        result.command = self.build_command(ctx)
        log = ctx.evidence_dir / "output.log"
        outcome = run_with_limit(
            result.command,
            cwd=ctx.project_root,
            env=self.environment(ctx),
            timeout_s=ctx.timeout_s,
            log_path=log,
            on_output=ctx.on_output,
        )
        result.exit_code, result.timed_out, result.duration_s = outcome.exit_code, outcome.timed_out, outcome.duration_s
        result.evidence["log"] = ctx.relative(log)
        if outcome.timed_out:
            result.error = f"timed out after {round(ctx.timeout_s, 1):g} s (killed)"
            return result
        self.parse_evidence(ctx, outcome, result)
        return result
