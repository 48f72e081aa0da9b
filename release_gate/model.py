"""What a suite run leaves behind, in one shape for every suite: tests, scenarios, figures, errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Final outcome of one test or scenario. "error" is a crash in set-up or collection, never a plain failure.
PASSED, FAILED, ERROR, SKIPPED = "passed", "failed", "error", "skipped"
NOT_PASSING = (FAILED, ERROR)


@dataclass
class TestOutcome:
    """One test case as JUnit XML reported it, after the flaky rerun (if any)."""

    __test__ = False  # not a pytest test class

    classname: str
    name: str
    status: str
    duration_s: float = 0.0
    message: str = ""
    node_id: str = ""
    flaky: bool = False
    first_message: str = ""  # why the first attempt failed, for a flaky test

    @property
    def key(self) -> tuple[str, str]:
        return (self.classname, self.name)


@dataclass
class StepOutcome:
    keyword: str
    text: str
    status: str
    message: str = ""


@dataclass
class ScenarioOutcome:
    """One Gherkin scenario (one example row of an outline) in the language of the feature file."""

    id: str
    suite: str
    feature: str
    name: str
    status: str
    tags: list[str] = field(default_factory=list)
    uri: str = ""
    feature_description: str = ""
    steps: list[StepOutcome] = field(default_factory=list)
    failing_step: str = ""
    message: str = ""
    flaky: bool = False
    test_name: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "suite": self.suite,
            "feature": self.feature,
            "feature_description": self.feature_description,
            "uri": self.uri,
            "name": self.name,
            "tags": self.tags,
            "status": self.status,
            "flaky": self.flaky,
            "failing_step": self.failing_step,
            "message": self.message,
            "steps": [{"keyword": s.keyword, "text": s.text, "status": s.status} for s in self.steps],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ScenarioOutcome:
        return cls(
            id=data["id"],
            suite=data.get("suite", ""),
            feature=data.get("feature", ""),
            feature_description=data.get("feature_description", ""),
            uri=data.get("uri", ""),
            name=data.get("name", ""),
            tags=list(data.get("tags", [])),
            status=data.get("status", ERROR),
            flaky=bool(data.get("flaky", False)),
            failing_step=data.get("failing_step", ""),
            message=data.get("message", ""),
            steps=[StepOutcome(s["keyword"], s["text"], s["status"]) for s in data.get("steps", [])],
        )


@dataclass
class SuiteResult:
    """Everything the gate learned from running one suite.

    `error` is set when the suite could not be judged at all (crash, time-out, nothing collected, no
    evidence, no runner): the gate then fails closed.
    """

    name: str
    title: str = ""
    error: str | None = None
    tests: list[TestOutcome] = field(default_factory=list)
    scenarios: list[ScenarioOutcome] = field(default_factory=list)
    scenario_evidence: str | None = None  # where the scenarios came from; None = no scenario evidence
    duration_s: float = 0.0
    exit_code: int | None = None
    timed_out: bool = False
    not_run: bool = False
    evidence: dict[str, str] = field(default_factory=dict)  # label -> path (relative to the report dir)
    metrics: dict[str, float] = field(default_factory=dict)  # extra figures, e.g. p95 latencies
    reconciliation: dict[str, Any] | None = None
    latency: dict[str, Any] | None = None
    access_matrix: dict[str, Any] | None = None  # role x action, from the resilience suite
    seed: int | None = None
    notes: list[str] = field(default_factory=list)
    command: list[str] = field(default_factory=list)

    @property
    def executed(self) -> list[TestOutcome]:
        return [t for t in self.tests if t.status != SKIPPED]

    @property
    def passed(self) -> int:
        return sum(1 for t in self.tests if t.status == PASSED)

    @property
    def failed(self) -> int:
        return sum(1 for t in self.tests if t.status in NOT_PASSING)

    @property
    def flaky(self) -> int:
        return sum(1 for t in self.tests if t.flaky)

    @property
    def skipped(self) -> int:
        return sum(1 for t in self.tests if t.status == SKIPPED)

    @property
    def status(self) -> str:
        if self.not_run:
            return "not_run"
        if self.error:
            return ERROR
        return FAILED if self.failed else PASSED

    def summary(self) -> dict[str, Any]:
        """The stable per-suite object of readiness.json."""
        return {
            "name": self.name,
            "status": self.status,
            "tests": len(self.tests),
            "passed": self.passed,
            "failed": self.failed,
            "flaky": self.flaky,
            "skipped": self.skipped,
            "duration_s": round(self.duration_s, 2),
            "title": self.title,
            "error": self.error,
            "exit_code": self.exit_code,
            "timed_out": self.timed_out,
            "seed": self.seed,
            "evidence": dict(self.evidence),
            "notes": list(self.notes),
            "flaky_tests": [t.node_id or f"{t.classname}::{t.name}" for t in self.tests if t.flaky],
        }
