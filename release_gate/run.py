"""One gate run: policy -> platform -> suites -> checks -> verdict -> reports -> history. Exit 0 / 1 / 2."""

from __future__ import annotations

import contextlib
import functools
import os
import queue
import secrets
import shutil
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console

from release_gate.checks import GO, CheckSpec
from release_gate.errors import CannotEvaluate, PolicyError
from release_gate.evaluate import blocks, evaluate, suite_checks
from release_gate.history import append_history, entry_from, last_go, read_history
from release_gate.lanes import one_by_one, plan_lanes, side_by_side_blocker
from release_gate.model import SuiteResult
from release_gate.platform import RunningPlatform, embedded_platforms
from release_gate.policy import Policy, Profile, load_policy
from release_gate.progress import SuiteBoard
from release_gate.reports.allure import generate_allure
from release_gate.reports.html import render_html
from release_gate.reports.junit import write_junit
from release_gate.reports.markdown import render_markdown
from release_gate.reports.readiness import build_readiness, cannot_evaluate, now_iso, write_json
from release_gate.suites.base import Suite, SuiteContext
from release_gate.summary import print_verdict

# What one run writes into the report dir; replaced on every run. The history file is not among them.
RUN_OUTPUTS = ("readiness.json", "readiness.md", "readiness.html", "junit.xml", "evidence", "allure-results",
               "allure-report", "allurerc.mjs", "platform.log")


@dataclass
class _Where:
    project_root: Path
    target: str
    provider_url: str
    seed: int
    workers: int
    platforms: list[RunningPlatform] = field(default_factory=list)  # embedded: the main one, then one per extra slot


@dataclass
class RunRequest:
    config: Path = Path("gate.toml")
    profile: str | None = None
    suites: list[str] | None = None
    target: str | None = None
    provider_url: str | None = None
    faults: list[str] = field(default_factory=list)
    fail_fast: bool = False
    report_dir: Path = Path("reports")
    workers: int | None = None
    seed: int | None = None
    allure: bool | None = None


def clear_outputs(report_dir: Path) -> None:
    report_dir.mkdir(parents=True, exist_ok=True)
    for path in [*(report_dir / name for name in RUN_OUTPUTS), *report_dir.glob("platform-*.log")]:
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()


def history_path(report_dir: Path, policy: Policy | None) -> Path:
    name = Path(policy.history_file if policy else "history.jsonl")
    return name if name.is_absolute() else report_dir / name


class GateRun:
    def __init__(self, request: RunRequest, console: Console) -> None:
        self.req, self.console = request, console
        self.began = time.monotonic()
        self.report_dir = request.report_dir.resolve()
        self.policy: Policy | None = None
        self.results: list[SuiteResult] = []
        self.facts: dict[str, Any] = {
            "profile": request.profile,
            "started_at": now_iso(),
            "faults": list(request.faults),
            "target": request.target,
            "provider_url": request.provider_url,
            "embedded_platform": request.target is None,
            "warnings": [],
            "seeds": {},
            "reports": {},
        }

    def execute(self) -> int:
        try:
            clear_outputs(self.report_dir)
        except OSError as exc:
            self.console.print(f"[bold red]release-gate: cannot prepare {self.report_dir}: {exc}[/]")
            return 2
        try:
            return self._evaluate()
        except CannotEvaluate as exc:
            return self._cannot_evaluate(str(exc))
        except KeyboardInterrupt:
            return self._cannot_evaluate("interrupted")
        except Exception as exc:  # fail closed on the gate's own defects too
            return self._cannot_evaluate(f"internal error in the gate: {exc!r}")

    def _say(self, message: str) -> None:
        self.console.print(f"[gate] {message}", markup=False, highlight=False)

    # --- the run -----------------------------------------------------------------------------------

    def _evaluate(self) -> int:
        req = self.req
        self.policy = policy = load_policy(req.config)
        profile = policy.profile(req.profile)
        names = policy.select(profile, req.suites)
        self.facts["profile"] = profile.name
        self.facts["policy"] = {"file": str(req.config), "pass_score": policy.pass_score,
                                "warn_score": policy.warn_score, "profile_description": profile.description}
        if req.target and req.faults:
            raise PolicyError("--fault seeds faults into the embedded platform; it cannot be used with --target")
        if req.provider_url and not req.target:
            raise PolicyError("--provider-url goes with --target (the embedded platform has its own provider)")
        seed = req.seed if req.seed is not None else (profile.seed if profile.seed is not None else
                                                        secrets.randbelow(2**31))
        self.facts["seeds"]["gate"] = seed
        project_root = req.config.resolve().parent
        steps = plan_lanes(names, profile.parallel)
        blocker = side_by_side_blocker(target=req.target, database_url=os.environ.get("DATABASE_URL"))
        if blocker and any(len(step) > 1 for step in steps):
            steps = one_by_one(steps)
            self.facts["warnings"].append(f"the profile runs some suites side by side, but {blocker}")
        self.facts["lanes"], self.facts["parallel_limit"] = steps, profile.parallel_limit
        with contextlib.ExitStack() as stack:
            platforms: list[RunningPlatform] = []
            if req.target:
                target, provider_url = req.target.rstrip("/"), (req.provider_url or "").rstrip("/")
                if not provider_url:
                    self.facts["warnings"].append("no --provider-url: suites that reconcile with the provider "
                                                  "cannot do so")
            else:
                # One platform per slot: suites that run side by side never share one (nor its clock).
                slots = max(self._width(profile, step) for step in steps)
                self._say("starting the embedded platform" + (f" and {slots - 1} more for the suites that run "
                                                               "side by side" if slots > 1 else "") + " ...")
                platforms = stack.enter_context(
                    embedded_platforms(python=sys.executable, project_root=project_root,
                                       logs=[self.report_dir / ("platform.log" if slot == 0 else
                                                                f"platform-{slot + 1}.log") for slot in range(slots)],
                                       faults=req.faults, ready_timeout_s=policy.ready_timeout_s)
                )
                target, provider_url = platforms[0].target, platforms[0].provider_url
                self._say(f"platform ready at {target} (provider {provider_url})")
            self.facts.update(target=target, provider_url=provider_url)
            self.where = _Where(project_root, target, provider_url, seed, self.req.workers or profile.workers,
                                platforms)
            self._run_suites(policy, profile, steps)
        return self._conclude(policy, profile)

    def _run_suites(self, policy: Policy, profile: Profile, steps: list[list[str]]) -> None:
        names = [name for step in steps for name in step]
        specs = policy.check_specs(profile, names)
        stop_reason = None
        budget_ends = None if profile.budget_s is None else self.began + profile.budget_s
        with SuiteBoard(self.console, names) as board:
            for step in steps:
                if budget_ends is not None and budget_ends - time.monotonic() < 1 and stop_reason is None:
                    stop_reason = f"the {profile.name} profile's budget of {profile.budget_s:g} s was used up"
                if stop_reason:
                    for name in step:
                        suite = policy.registry[name]
                        self.results.append(SuiteResult(name=name, title=suite.title, error=stop_reason, not_run=True))
                        board.finished(name, "not_run", stop_reason)
                    continue
                run = functools.partial(self._run_judged, policy, profile, specs=specs, budget_ends=budget_ends,
                                        board=board)
                if len(step) == 1:
                    outcomes = [run(step[0], slot=0)]
                else:
                    outcomes = self._side_by_side(step, self._width(profile, step), run)
                for name, (result, blocked) in zip(step, outcomes, strict=True):
                    self.facts["seeds"][name] = self.where.seed
                    self.results.append(result)
                    if self.req.fail_fast and blocked and stop_reason is None:
                        stop_reason = f"--fail-fast stopped the run after {name} failed"

    @staticmethod
    def _width(profile: Profile, step: list[str]) -> int:
        """How many suites of a step run at once."""
        return min(len(step), profile.parallel_limit or len(step))

    @staticmethod
    def _side_by_side(step: list[str], width: int, run: Callable[..., tuple[SuiteResult, bool]]) -> list[Any]:
        """`width` suites at a time, in the step's order, each on a free slot's platform; a suite starts as soon
        as one before it ends. A thread per slot only waits for its suite's process."""
        free: queue.SimpleQueue[int] = queue.SimpleQueue()
        for slot in range(width):
            free.put(slot)

        def on_a_free_slot(name: str) -> tuple[SuiteResult, bool]:
            slot = free.get()
            try:
                return run(name, slot=slot)
            finally:
                free.put(slot)

        with ThreadPoolExecutor(max_workers=width, thread_name_prefix="suite") as pool:
            return list(pool.map(on_a_free_slot, step))

    def _run_judged(self, policy: Policy, profile: Profile, name: str, *, slot: int, specs: dict[str, CheckSpec],
                    budget_ends: float | None, board: SuiteBoard) -> tuple[SuiteResult, bool]:
        """Run one suite and show its outcome: the result, and whether its checks block the release."""
        suite = policy.registry[name]
        options = policy.suite_options(profile, name)
        timeout = float(options.get("timeout_s", 300.0))
        if budget_ends is not None:  # a suite that waited for a free slot gets what is left of the budget then
            timeout = min(timeout, max(budget_ends - time.monotonic(), 1.0))
        board.started(name, timeout)
        result = self._run_one(suite, options, timeout, board, slot)
        checks = suite_checks(suite, result, specs)
        state = "error" if result.error else ("failed" if blocks(checks) or result.failed else "passed")
        detail = result.error or (f"{result.passed} passed, {result.failed} failed, {result.flaky} flaky, "
                                  f"{result.skipped} skipped in {result.duration_s:.0f} s")
        board.finished(name, state, detail)
        return result, blocks(checks)

    def _run_one(self, suite: Suite, options: dict[str, Any], timeout: float, board: SuiteBoard,
                 slot: int = 0) -> SuiteResult:
        where, name = self.where, suite.name
        platform = where.platforms[slot] if where.platforms else None
        target = platform.target if platform else where.target
        provider_url = platform.provider_url if platform else where.provider_url
        ctx = SuiteContext(
            project_root=where.project_root,
            report_dir=self.report_dir,
            evidence_dir=self.report_dir / "evidence" / name,
            allure_dir=self.report_dir / "allure-results" / name,
            target=target,
            provider_url=provider_url,
            seed=where.seed,
            timeout_s=timeout,
            options=options,
            fail_fast=self.req.fail_fast,
            workers=where.workers,
            python=sys.executable,
            env={
                "RELEASE_GATE_SEED": str(where.seed),
                "RELEASE_GATE_TARGET": target,
                "RELEASE_GATE_PROVIDER_URL": provider_url,
                "RELEASE_GATE_FAULTS": ",".join(self.req.faults),  # for suites that start platforms of their own
                "RELEASE_GATE_EMBEDDED": "1" if self.facts["embedded_platform"] else "0",
                "NO_PROXY": ",".join(filter(None, [os.environ.get("NO_PROXY", ""), "127.0.0.1", "localhost"])),
            },
            on_output=lambda line: board.output(name, line),
        )
        try:
            result = suite.run(ctx)
        except Exception as exc:  # a defect in a runner is an error check, not a crash of the gate
            result = SuiteResult(name=name, title=suite.title, error=f"the gate could not run it: {exc!r}")
        if platform is not None:
            result.evidence.setdefault("platform_log", ctx.relative(platform.log))
        return result

    def _conclude(self, policy: Policy, profile: Profile) -> int:
        history_file = history_path(self.report_dir, policy)
        baseline = last_go(read_history(history_file), profile.name)
        evaluation, found = evaluate(policy, profile, policy.registry, self.results, baseline)
        reports = self.facts["reports"]
        write_junit(self.report_dir / "junit.xml", self.results, evaluation.checks)
        reports.update(json="readiness.json", markdown="readiness.md", html="readiness.html", junit="junit.xml")
        use_allure = policy.allure_report if self.req.allure is None else self.req.allure
        if use_allure:
            self._say("generating the Allure report ...")
            index, warning = generate_allure(
                sorted((self.report_dir / "allure-results").glob("*")), self.report_dir, self.req.config.resolve().parent
            )
            reports["allure"] = index
            if warning:
                self.facts["warnings"].append(warning)
        self.facts["duration_s"] = time.monotonic() - self.began
        self.facts["baseline"] = {"time": baseline.get("time"), "score": baseline.get("score")} if baseline else None
        readiness = build_readiness(evaluation=evaluation, regressions=found, results=self.results, run=self.facts)
        self._write(readiness, history_file)
        print_verdict(self.console, readiness, self.report_dir)
        return 0 if evaluation.verdict == GO else 1

    def _cannot_evaluate(self, reason: str) -> int:
        self.facts["duration_s"] = time.monotonic() - self.began
        readiness = cannot_evaluate(reason, self.facts, self.results)
        readiness["reports"] = {"json": "readiness.json", "markdown": "readiness.md", "html": "readiness.html",
                                "junit": "junit.xml"}
        with contextlib.suppress(OSError):
            # CI systems that only read JUnit must see this run fail too.
            gate = SuiteResult(name="release-gate", error=f"could not evaluate: {reason}")
            write_junit(self.report_dir / "junit.xml", [*self.results, gate], [])
            self._write(readiness, history_path(self.report_dir, self.policy))
        print_verdict(self.console, readiness, self.report_dir)
        return 2

    def _write(self, readiness: dict[str, Any], history_file: Path) -> None:
        write_json(self.report_dir / "readiness.json", readiness)
        (self.report_dir / "readiness.md").write_text(render_markdown(readiness), encoding="utf-8")
        (self.report_dir / "readiness.html").write_text(render_html(readiness), encoding="utf-8")
        append_history(history_file, entry_from(readiness))


def run_gate(request: RunRequest, console: Console | None = None) -> int:
    return GateRun(request, console or Console()).execute()
