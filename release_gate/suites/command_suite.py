"""Any command that writes JUnit XML to `{junit}`: a way to gate a tool the gate does not know yet."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from release_gate.checks import CheckSpec, Measurement
from release_gate.evidence import EvidenceError, parse_junit
from release_gate.model import SuiteResult
from release_gate.processes import ProcessOutcome, tail
from release_gate.suites.base import OptionSpec, SubprocessSuite, SuiteContext
from release_gate.suites.measures import junit_specs, measure_tests


class CommandSuite(SubprocessSuite):
    """`command` is expanded with {python}, {target}, {provider_url}, {junit}, {evidence_dir}, {seed}, ..."""

    kind = "command"

    def __init__(
        self,
        name: str,
        *,
        command: Sequence[str],
        env: Mapping[str, str] | None = None,
        title: str = "",
        description: str = "",
    ) -> None:
        super().__init__(name, title, description)
        self.command, self.env = list(command), dict(env or {})

    def option_specs(self) -> dict[str, OptionSpec]:
        return {**super().option_specs(), "extra_args": OptionSpec(list, [], "more arguments for the command")}

    def check_specs(self) -> list[CheckSpec]:
        return [self.ran_check(), *junit_specs(self.name, flaky=False)]

    def measure(self, result: SuiteResult, specs: Mapping[str, CheckSpec]) -> list[Measurement]:
        return measure_tests(result, specs)

    def build_command(self, ctx: SuiteContext) -> list[str]:
        extra = [ctx.expand(str(a)) for a in ctx.options.get("extra_args") or []]
        return [ctx.expand(part) for part in self.command] + extra

    def environment(self, ctx: SuiteContext) -> dict[str, str]:
        env = super().environment(ctx)
        env.update({k: ctx.expand(v) for k, v in self.env.items()})
        return env

    def parse_evidence(self, ctx: SuiteContext, outcome: ProcessOutcome, result: SuiteResult) -> None:
        junit = ctx.evidence_dir / "junit.xml"
        if not junit.is_file():
            result.error = f"crashed: exited with code {outcome.exit_code} and wrote no evidence ({junit.name})"
            last = tail(ctx.evidence_dir / "output.log", 12).strip()
            if last:
                result.notes.append(f"last lines of its output:\n{last}")
            return
        try:
            result.tests = parse_junit(junit)
        except EvidenceError as exc:
            result.error = f"left unreadable evidence: {exc}"
            return
        result.evidence["junit"] = ctx.relative(junit)
        if not result.tests:
            result.error = "collected no tests (the JUnit XML is empty)"
        elif outcome.exit_code != 0 and not result.failed:
            result.error = f"exited with code {outcome.exit_code} although its evidence shows no failure"
