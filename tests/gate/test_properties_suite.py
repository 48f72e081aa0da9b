"""The properties suite: its command line carries the gate's seed, and its checks read properties.json."""

from __future__ import annotations

import json
from pathlib import Path

from release_gate.checks import Measurement
from release_gate.model import PASSED, SuiteResult, TestOutcome
from release_gate.processes import ProcessOutcome
from release_gate.suites.base import SuiteContext
from release_gate.suites.properties import PropertiesSuite, properties_suite

EVIDENCE = {
    "seed": 7, "profile": "ci", "stateful_runs": 230, "stateful_steps": 1200, "input_examples": 120,
    "schemathesis_cases": 1450, "schemathesis_failures": {"not_a_server_error": 0, "status_code_conformance": 1},
    "server_errors": 0, "replay": "uv run pytest properties --properties-seed=7",
    "failures": [{"name": "schemathesis status_code_conformance: GET /metrics", "reproduction": "curl ...",
                  "kind": "schemathesis", "check": "status_code_conformance"}],
}


def context(tmp_path: Path) -> SuiteContext:
    suite = properties_suite()
    return SuiteContext(
        project_root=tmp_path, report_dir=tmp_path / "reports", evidence_dir=tmp_path / "reports" / "evidence" / "properties",
        allure_dir=tmp_path / "reports" / "allure-results" / "properties", target="http://127.0.0.1:8000",
        provider_url="http://127.0.0.1:8001", seed=7, timeout_s=60,
        options={name: spec.default for name, spec in suite.option_specs().items()}, python="/venv/bin/python",
    )


def measured(result: SuiteResult) -> dict[str, Measurement]:
    suite = PropertiesSuite()
    specs = {spec.id: spec for spec in suite.check_specs()}
    return {m.check_id: m for m in suite.measure(result, specs)}


def test_the_command_runs_the_property_suites_with_the_gates_seed_and_profile(tmp_path: Path) -> None:
    cmd = properties_suite().build_command(context(tmp_path))
    evidence = tmp_path / "reports" / "evidence" / "properties"
    assert cmd[:4] == ["/venv/bin/python", "-m", "pytest", "properties"]
    for part in ("--properties-seed=7", "--properties-profile=ci", f"--properties-evidence={evidence}",
                 "--target=http://127.0.0.1:8000", "--provider-url=http://127.0.0.1:8001", "no:schemathesis"):
        assert part in cmd


def test_the_checks_read_the_figures_of_properties_json(tmp_path: Path) -> None:
    ctx = context(tmp_path)
    ctx.evidence_dir.mkdir(parents=True)
    (ctx.evidence_dir / "properties.json").write_text(json.dumps(EVIDENCE))
    (ctx.evidence_dir / "junit.xml").write_text(
        '<testsuites><testsuite name="pytest" tests="1"><testcase classname="properties.test_case_lifecycle" '
        'name="test_the_case_lifecycle_keeps_the_contracts_promises" time="1"/></testsuite></testsuites>')
    result = SuiteResult(name="properties", seed=7)
    PropertiesSuite().parse_evidence(ctx, ProcessOutcome(0, False, 1.0), result)
    assert result.error is None and result.tests[0].status == PASSED
    figures = measured(result)
    assert figures["properties.stateful"].value == 0
    assert figures["properties.server_errors"].value == 0
    assert figures["properties.schema_conformance"].value == 1
    assert figures["properties.stateful_sequences"].value == 230
    assert figures["properties.generated_cases"].value == 1450
    assert any("seed 7" in note for note in result.notes)


def test_no_properties_json_fails_closed(tmp_path: Path) -> None:
    ctx = context(tmp_path)
    ctx.evidence_dir.mkdir(parents=True)
    (ctx.evidence_dir / "junit.xml").write_text(
        '<testsuites><testsuite name="pytest" tests="1"><testcase classname="x" name="t" time="1"/></testsuite></testsuites>')
    result = SuiteResult(name="properties")
    PropertiesSuite().parse_evidence(ctx, ProcessOutcome(0, False, 1.0), result)
    assert result.error is not None and "properties.json" in result.error


def test_a_run_in_which_no_sequence_ran_fails_the_stateful_check() -> None:
    result = SuiteResult(name="properties", tests=[TestOutcome("c", "t", PASSED)])
    result.evidence["properties"] = "evidence/properties/properties.json"
    result.metrics.update({"stateful_sequences": 0, "stateful_steps": 0, "stateful_failures": 0, "server_errors": 0,
                           "generated_cases": 10, "input_examples": 0, "schema_conformance": 0, "seed": 1})
    assert measured(result)["properties.stateful"].force_fail == "no sequence of court actions ran"
