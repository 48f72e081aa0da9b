"""Readers for the evidence suites leave behind: pytest's JUnit XML, pytest-bdd's Cucumber JSON, Allure results.

JUnit XML is the authority on what passed (pytest-bdd's Cucumber JSON marks a skipped scenario's steps as
passed); Cucumber JSON gives the Gherkin structure; Allure results stand in for Cucumber JSON where it is
empty (pytest-bdd writes none under pytest-xdist) and add the tags Cucumber JSON leaves out (on a `Rule:`).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

from release_gate.model import ERROR, FAILED, NOT_PASSING, PASSED, SKIPPED, ScenarioOutcome, StepOutcome, TestOutcome


class EvidenceError(Exception):
    """Evidence exists but cannot be read."""


def short_message(text: str, limit: int = 400, fallback: str = "last") -> str:
    """The assertion lines of a pytest traceback (its `E   ...` lines), else its first or last line."""
    if not text:
        return ""
    lines = [line[1:].strip() for line in text.splitlines() if line.startswith("E ")]
    lines = [line for line in lines if line]
    if not lines:
        plain = [line.strip() for line in text.splitlines() if line.strip()]
        lines = plain[-1:] if fallback == "last" else plain[:1]
    message = " / ".join(lines[:2])
    return message if len(message) <= limit else message[: limit - 1] + "…"


# --- JUnit XML ---------------------------------------------------------------------------------------


def parse_junit(path: Path) -> list[TestOutcome]:
    """Every `<testcase>` of a pytest JUnit XML file."""
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as exc:
        raise EvidenceError(f"cannot read JUnit XML {path.name}: {exc}") from exc
    outcomes = []
    for case in root.iter("testcase"):
        failure, error, skipped = case.find("failure"), case.find("error"), case.find("skipped")
        if failure is not None:
            status, node = FAILED, failure
        elif error is not None:
            status, node = ERROR, error
        elif skipped is not None:
            status, node = SKIPPED, skipped
        else:
            status, node = PASSED, None
        message = ""
        if node is not None:
            traceback = node.text or ""
            if "\nE " in f"\n{traceback}":
                message = short_message(traceback)
            else:
                message = short_message(node.get("message") or traceback, fallback="first")
        outcomes.append(
            TestOutcome(
                classname=case.get("classname", ""),
                name=case.get("name", ""),
                status=status,
                duration_s=float(case.get("time") or 0.0),
                message=message,
            )
        )
    return outcomes


def node_id_for(classname: str, name: str, root: Path) -> str:
    """Rebuild pytest's node id from JUnit's dotted classname (pytest turns `a/b.py::C` into `a.b.C`)."""
    parts = classname.split(".") if classname else []
    for cut in range(len(parts), 0, -1):
        module = "/".join(parts[:cut]) + ".py"
        if (root / module).is_file():
            return "::".join([module, *parts[cut:], name])
    return "::".join(["/".join(parts) + ".py", name]) if parts else name


def apply_rerun(first: list[TestOutcome], rerun: list[TestOutcome]) -> None:
    """A test that failed first and passed on its rerun is flaky: it counts as passed and is reported."""
    again = {t.key: t for t in rerun}
    for test in first:
        retry = again.get(test.key)
        if test.status not in NOT_PASSING or retry is None:
            continue
        if retry.status == PASSED:
            test.first_message = test.message
            test.status, test.flaky, test.message = PASSED, True, ""


# --- Cucumber JSON (pytest-bdd) ---------------------------------------------------------------------


def _params_suffix(test_name: str) -> str:
    match = re.search(r"(\[.*\])$", test_name)
    return match.group(1) if match else ""


def _steps_status(steps: list[StepOutcome]) -> str:
    if any(s.status == FAILED for s in steps):
        return FAILED
    if steps and all(s.status == SKIPPED for s in steps):
        return SKIPPED
    return PASSED


def parse_cucumber(path: Path, suite: str) -> list[ScenarioOutcome]:
    """Features -> scenarios -> steps of pytest-bdd's `--cucumberjson` file."""
    try:
        features = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise EvidenceError(f"cannot read Cucumber JSON {path.name}: {exc}") from exc
    if not isinstance(features, list):
        raise EvidenceError(f"Cucumber JSON {path.name} is not a list of features")
    scenarios = []
    for feature in features:
        feature_tags = [t["name"].lstrip("@") for t in feature.get("tags", [])]
        for element in feature.get("elements", []):
            if element.get("type", "scenario") != "scenario":
                continue
            steps, failing, message = [], "", ""
            for step in element.get("steps", []):
                result = step.get("result", {})
                text = step.get("name", "")
                keyword = step.get("keyword", "").strip()
                steps.append(StepOutcome(keyword, text, result.get("status", "")))
                if result.get("status") == FAILED and not failing:
                    failing = f"{keyword} {text}"
                    message = short_message(result.get("error_message", ""))
            test_name = element.get("id", "")
            tags = sorted(set(feature_tags) | {t["name"].lstrip("@") for t in element.get("tags", [])})
            uri = feature.get("uri", "")
            scenarios.append(
                ScenarioOutcome(
                    id=f"{uri}::{element.get('name', '')}{_params_suffix(test_name)}",
                    suite=suite,
                    feature=feature.get("name", uri),
                    feature_description=feature.get("description", ""),
                    uri=uri,
                    name=element.get("name", ""),
                    status=_steps_status(steps),
                    tags=tags,
                    steps=steps,
                    failing_step=failing,
                    message=message,
                    test_name=test_name,
                )
            )
    return scenarios


def settle_scenarios(scenarios: list[ScenarioOutcome], tests: list[TestOutcome]) -> None:
    """Take each scenario's final status (and flakiness) from its JUnit test case, matched by test name."""
    by_name: dict[str, list[TestOutcome]] = defaultdict(list)
    for test in tests:
        by_name[test.name].append(test)
    for scenario in scenarios:
        candidates = by_name.get(scenario.test_name)
        if not candidates:
            continue
        test = candidates.pop(0)
        scenario.status, scenario.flaky = test.status, test.flaky
        if test.status in NOT_PASSING and not scenario.message:
            scenario.message = test.message
        if test.flaky:
            scenario.message = f"failed first ({test.first_message or 'no message'}), passed on rerun"
        if test.status == PASSED and not test.flaky:
            scenario.failing_step, scenario.message = "", ""


def merge_rerun_scenarios(first: list[ScenarioOutcome], rerun: list[ScenarioOutcome]) -> None:
    """Keep the rerun's steps for scenarios that ran twice (the report shows the last attempt)."""
    again = {s.id: s for s in rerun}
    for scenario in first:
        retry = again.get(scenario.id)
        if retry is not None and retry.status == PASSED:
            scenario.steps = retry.steps


# --- Allure results (allure-pytest-bdd) --------------------------------------------------------------

_ALLURE_STATUS = {"passed": PASSED, "failed": FAILED, "broken": ERROR, "skipped": SKIPPED}


def parse_allure_results(directory: Path, suite: str) -> list[ScenarioOutcome]:
    """Scenarios from allure-pytest-bdd result files; a test attempted twice keeps its last attempt."""
    attempts: dict[str, list[dict]] = defaultdict(list)
    for path in sorted(directory.glob("*-result.json")):
        try:
            result = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        labels = result.get("labels", [])
        if not any(lab.get("name") == "framework" and lab.get("value") == "pytest-bdd" for lab in labels):
            continue
        key = result.get("historyId") or f"{result.get('fullName')}{result.get('parameters')}"
        attempts[key].append(result)
    scenarios = []
    for tries in attempts.values():
        tries.sort(key=lambda r: r.get("stop") or r.get("start") or 0)
        last = tries[-1]
        status = _ALLURE_STATUS.get(last.get("status", ""), ERROR)
        flaky = status == PASSED and any(_ALLURE_STATUS.get(t.get("status", "")) in NOT_PASSING for t in tries)
        labels = last.get("labels", [])
        feature = next((lab["value"] for lab in labels if lab.get("name") == "feature"), "")
        tags = sorted({lab["value"].lstrip("@") for lab in labels if lab.get("name") == "tag"})
        params = [str(p.get("value", "")) for p in last.get("parameters", [])]
        uri = (last.get("fullName") or "").rsplit(":", 1)[0]
        steps, failing = [], ""
        for step in last.get("steps", []):
            keyword, _, text = step.get("name", "").partition(" ")
            step_status = _ALLURE_STATUS.get(step.get("status", ""), ERROR)
            steps.append(StepOutcome(keyword, text, step_status))
            if step_status in NOT_PASSING and not failing:
                failing = step.get("name", "")
        details = last.get("statusDetails") or {}
        message = short_message(details.get("message", "")) if status in NOT_PASSING else ""
        if flaky:
            message = "failed first, passed on rerun"
        scenarios.append(
            ScenarioOutcome(
                id=f"{uri}::{last.get('name', '')}" + (f"[{'-'.join(params)}]" if params else ""),
                suite=suite,
                feature=feature or uri,
                feature_description=last.get("description", "") or "",
                uri=uri,
                name=last.get("name", ""),
                status=status,
                tags=tags,
                steps=steps,
                failing_step=failing if status in NOT_PASSING else "",
                message=message,
                flaky=flaky,
            )
        )
    scenarios.sort(key=lambda s: (s.uri, s.id))
    return scenarios


def enrich_tags(scenarios: list[ScenarioOutcome], extra: list[ScenarioOutcome]) -> None:
    """Add tags another source knows for the same scenario (Allure sees tags on a `Rule:`)."""
    known: dict[tuple[str, str], set[str]] = defaultdict(set)
    for other in extra:
        known[(other.feature, other.name)].update(other.tags)
    for scenario in scenarios:
        more = known.get((scenario.feature, scenario.name))
        if more:
            scenario.tags = sorted(set(scenario.tags) | more)
