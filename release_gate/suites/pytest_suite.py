"""A pytest (or pytest-bdd) suite: one run, then one rerun of only the failed tests to tell flaky from failed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from release_gate.checks import CheckSpec, Measurement
from release_gate.evidence import (
    EvidenceError,
    apply_rerun,
    enrich_tags,
    merge_rerun_scenarios,
    node_id_for,
    parse_allure_results,
    parse_cucumber,
    parse_junit,
    settle_scenarios,
)
from release_gate.model import NOT_PASSING, SuiteResult
from release_gate.processes import ProcessOutcome, run_with_limit, tail
from release_gate.suites.base import OptionSpec, SubprocessSuite, SuiteContext
from release_gate.suites.measures import junit_specs, measure_tags, measure_tests, tag_spec

PYTEST_EXIT = {
    2: "interrupted (often an error while collecting tests)",
    3: "internal error",
    4: "usage error (bad command-line option)",
    5: "no tests were collected",
}
MIN_RERUN_S = 5.0


class PytestSuite(SubprocessSuite):
    """`python -m pytest PATHS ... --junitxml` (plus `--cucumberjson` for Gherkin suites)."""

    kind = "pytest"

    def __init__(
        self,
        name: str,
        *,
        paths: Sequence[str],
        args: Sequence[str] = (),
        rerun_args: Sequence[str] = (),
        bdd: bool = False,
        allure: bool = True,
        key_tags: Sequence[str] = (),
        plugins: Sequence[str] = (),
        env: Mapping[str, str] | None = None,
        extra_options: Mapping[str, OptionSpec] | None = None,
        title: str = "",
        description: str = "",
    ) -> None:
        super().__init__(name, title, description)
        self.paths, self.args, self.bdd, self.allure = list(paths), list(args), bdd, allure
        self.rerun_args = list(rerun_args)  # only for the rerun of failed tests: costly diagnostics
        self.key_tags, self.plugins = list(key_tags), list(plugins)
        self.env = dict(env or {})
        self.extra_options = dict(extra_options or {})
        if bdd:
            self.kind = "pytest-bdd"

    def option_specs(self) -> dict[str, OptionSpec]:
        return {
            **super().option_specs(),
            "markers": OptionSpec(str, "", "pytest -m expression, e.g. \"critical\" or \"not slow\""),
            "rerun_failed": OptionSpec(bool, True, "rerun failed tests once; passing on rerun = flaky"),
            "workers": OptionSpec(int, 0, "pytest-xdist workers (0 = the --workers option, 1 = no xdist)"),
            "extra_args": OptionSpec(list, [], "more pytest arguments"),
            **self.extra_options,
        }

    def check_specs(self) -> list[CheckSpec]:
        weights = {"critical": 3.0}
        pass_rate, *rest = junit_specs(self.name)
        tags = [tag_spec(self.name, tag, weights.get(tag, 2.0)) for tag in self.key_tags]
        return [self.ran_check(), pass_rate, *tags, *rest]

    def measure(self, result: SuiteResult, specs: Mapping[str, CheckSpec]) -> list[Measurement]:
        return measure_tests(result, specs) + measure_tags(result, self.key_tags, specs)

    # --- command builder ---------------------------------------------------------------------------

    def build_command(self, ctx: SuiteContext, node_ids: Sequence[str] = (), rerun: bool = False) -> list[str]:
        suffix = "-rerun" if rerun else ""
        cmd = [ctx.python, "-m", "pytest", *(node_ids or self.paths), "-p", "no:cacheprovider"]
        cmd.append(f"--rootdir={ctx.project_root}")
        for plugin in self.plugins:
            cmd += ["-p", plugin]
        if self.allure:
            # allure-pytest and allure-pytest-bdd cannot both be active in one run. The project's addopts
            # block allure_pytest; a later `-p allure_pytest` on the command line unblocks it for plain pytest.
            plugins = ["-p", "no:allure_pytest"] if self.bdd else ["-p", "no:allure_pytest_bdd", "-p", "allure_pytest"]
            cmd += [*plugins, f"--alluredir={ctx.allure_dir}"]
        # Short tracebacks: the failing line and its message, without every frame's arguments (records
        # holding names and addresses) copied into output.log and junit.xml.
        cmd.append("--tb=short")
        cmd.append(f"--junitxml={ctx.evidence_dir / f'junit{suffix}.xml'}")
        if self.bdd:
            cmd.append(f"--cucumberjson={ctx.evidence_dir / f'cucumber{suffix}.json'}")
        cmd += ctx.expand_args(self.args)
        if rerun:
            cmd += ctx.expand_args(self.rerun_args)
        else:
            markers = ctx.options.get("markers") or ""
            if markers:
                cmd += ["-m", markers]
            if ctx.fail_fast:
                cmd.append("-x")
            workers = int(ctx.options.get("workers") or 0) or ctx.workers
            if workers > 1:
                cmd += ["-n", str(workers)]
        cmd += [ctx.expand(str(arg)) for arg in ctx.options.get("extra_args") or []]
        cmd.append("-q")
        return cmd

    def environment(self, ctx: SuiteContext) -> dict[str, str]:
        env = super().environment(ctx)
        env.update({k: ctx.expand(v) for k, v in self.env.items()})
        return env

    # --- evidence parser ---------------------------------------------------------------------------

    def parse_evidence(self, ctx: SuiteContext, outcome: ProcessOutcome, result: SuiteResult) -> None:
        junit = ctx.evidence_dir / "junit.xml"
        code = outcome.exit_code
        if code == 5:
            result.error = "collected no tests (pytest exit code 5)"
            return
        if code not in (0, 1):
            why = PYTEST_EXIT.get(code, "crashed")
            result.error = f"crashed: pytest exited with code {code}, {why}"
            _note_log_tail(ctx, result)
            return
        if not junit.is_file():
            result.error = f"wrote no evidence: {junit.name} is missing (pytest exit code {code})"
            return
        try:
            result.tests = parse_junit(junit)
        except EvidenceError as exc:
            result.error = f"left unreadable evidence: {exc}"
            return
        result.evidence["junit"] = ctx.relative(junit)
        if not result.tests:
            result.error = "collected no tests (the JUnit XML is empty)"
            return
        if code == 1 and not result.failed:
            result.error = "pytest reported a failure (exit code 1) that its JUnit XML does not show"
            _note_log_tail(ctx, result)
            return
        for test in result.tests:
            test.node_id = node_id_for(test.classname, test.name, ctx.project_root)
        rerun_scenarios = self._rerun_failed(ctx, outcome, result)
        if self.bdd:
            self._read_scenarios(ctx, result, rerun_scenarios)

    def _rerun_failed(self, ctx: SuiteContext, outcome: ProcessOutcome, result: SuiteResult) -> list:
        failed = [t for t in result.tests if t.status in NOT_PASSING]
        if not failed or not ctx.options.get("rerun_failed", True):
            return []
        if ctx.fail_fast:
            result.notes.append("no rerun under --fail-fast: the first failure stopped the suite")
            return []
        left = ctx.timeout_s - outcome.duration_s
        if left < MIN_RERUN_S:
            result.notes.append(f"no time left to rerun {len(failed)} failed tests")
            return []
        command = self.build_command(ctx, [t.node_id for t in failed], rerun=True)
        again = run_with_limit(
            command,
            cwd=ctx.project_root,
            env=self.environment(ctx),
            timeout_s=left,
            log_path=ctx.evidence_dir / "output-rerun.log",
            on_output=ctx.on_output,
        )
        result.duration_s += again.duration_s
        result.evidence["rerun_log"] = ctx.relative(ctx.evidence_dir / "output-rerun.log")
        rerun_junit = ctx.evidence_dir / "junit-rerun.xml"
        if again.timed_out or again.exit_code not in (0, 1) or not rerun_junit.is_file():
            why = "timed out" if again.timed_out else f"exited with code {again.exit_code}"
            result.notes.append(f"the rerun of failed tests {why}; their first result stands")
            return []
        try:
            apply_rerun(result.tests, parse_junit(rerun_junit))
        except EvidenceError as exc:
            result.notes.append(f"the rerun left unreadable evidence ({exc}); first results stand")
            return []
        result.evidence["junit_rerun"] = ctx.relative(rerun_junit)
        rerun_cucumber = ctx.evidence_dir / "cucumber-rerun.json"
        if self.bdd and rerun_cucumber.is_file():
            try:
                return parse_cucumber(rerun_cucumber, self.name)
            except EvidenceError:
                return []
        return []

    def _read_scenarios(self, ctx: SuiteContext, result: SuiteResult, rerun_scenarios: list) -> None:
        cucumber = ctx.evidence_dir / "cucumber.json"
        scenarios = []
        if cucumber.is_file():
            try:
                scenarios = parse_cucumber(cucumber, self.name)
            except EvidenceError as exc:
                result.notes.append(str(exc))
            result.evidence["cucumber"] = ctx.relative(cucumber)
        from_allure = []
        if self.allure and ctx.allure_dir.is_dir():
            from_allure = parse_allure_results(ctx.allure_dir, self.name)
            result.evidence["allure_results"] = ctx.relative(ctx.allure_dir)
        if scenarios:
            settle_scenarios(scenarios, result.tests)
            merge_rerun_scenarios(scenarios, rerun_scenarios)
            enrich_tags(scenarios, from_allure)
            result.scenarios, result.scenario_evidence = scenarios, "cucumber"
        elif from_allure:
            # pytest-bdd writes an empty Cucumber JSON under pytest-xdist; Allure results still hold it all.
            result.scenarios, result.scenario_evidence = from_allure, "allure"
            result.notes.append("scenarios read from Allure results (Cucumber JSON was empty)")
        else:
            result.notes.append("no scenario evidence: Cucumber JSON missing or empty and no Allure results")


def _note_log_tail(ctx: SuiteContext, result: SuiteResult, lines: int = 12) -> None:
    text = tail(Path(ctx.evidence_dir / "output.log"), lines).strip()
    if text:
        result.notes.append(f"last lines of its output:\n{text}")
