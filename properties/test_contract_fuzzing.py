"""Schemathesis over the OpenAPI contract: every phase (the schema's examples, coverage of its boundaries,
fuzzing, and stateful sequences that follow the contract's links), signed in as the right court user per
operation, judged by four checks: no server error for any input, and every answer's status code, content
type and body as the contract documents them.

Schemathesis runs once per session as a subprocess (its CLI, as a developer would run it); each check is
then one test here, failing with the operations at fault and a `curl` reproduction of each.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from properties.budgets import ROOT, Budget
from properties.evidence import Evidence, Failure
from properties.world import World

CONFIG = Path(__file__).with_name("schemathesis.toml")
PHASES = "examples,coverage,fuzzing,stateful"
# Each check and the failure codes Schemathesis reports it under (see `schemathesis explain ST101`).
CHECKS = {
    "not_a_server_error": ("ST101", "ST102"),
    "status_code_conformance": ("ST103",),
    "content_type_conformance": ("ST104", "ST105", "ST106"),
    "response_schema_conformance": ("ST108", "ST109", "ST110", "ST111"),
}
TIME_LIMIT_S = 900


@dataclass
class ContractRun:
    exit_code: int
    generated: int
    report: dict
    by_check: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # check -> [(operation, text)]
    folder: Path = Path()


@pytest.fixture(scope="module")
def contract_run(world: World, evidence: Evidence, budget: Budget) -> ContractRun:
    folder = evidence.folder / "schemathesis"
    folder.mkdir(parents=True, exist_ok=True)
    for old in ("junit.xml", "report.json", "output.log"):
        (folder / old).unlink(missing_ok=True)
    env = {
        **os.environ,
        "COURT_LISTING_TOKEN": world.token("listing", "MAG01"),
        "COURT_ADVISER_TOKEN": world.token("adviser", "MAG01"),
        "COURT_ADMIN_TOKEN": world.token("admin", "MAG01"),
        "NO_PROXY": ",".join(filter(None, [os.environ.get("NO_PROXY"), "127.0.0.1", "localhost"])),
    }
    command = [
        sys.executable, "-m", "schemathesis.cli", "--config-file", str(CONFIG), "run", f"{world.base_url}/openapi.json",
        "--phases", PHASES, "--checks", ",".join(CHECKS), "--seed", str(evidence.seed),
        "--max-examples", str(budget.schemathesis_examples), "--workers", str(budget.schemathesis_workers),
        "--report", "junit,json", "--report-junit-path", str(folder / "junit.xml"),
        "--report-json-path", str(folder / "report.json"), "--no-color",
    ]
    with (folder / "output.log").open("w", encoding="utf-8") as log:
        completed = subprocess.run(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                   timeout=TIME_LIMIT_S, check=False)
    evidence.reports["schemathesis"] = str(folder)
    report_path = folder / "report.json"
    if not report_path.is_file():
        pytest.fail(f"Schemathesis wrote no report (exit code {completed.returncode}); see {folder / 'output.log'}:\n"
                    + _tail(folder / "output.log"))
    report = json.loads(report_path.read_text(encoding="utf-8"))
    run = ContractRun(completed.returncode, report["test_cases"]["generated"], report, folder=folder)
    run.by_check = _failures_by_check(folder / "junit.xml")
    evidence.schemathesis_cases = run.generated
    for check, found in run.by_check.items():
        evidence.schemathesis_failures[check] = len(found)
        for operation, text in found:
            evidence.fail(Failure(name=f"schemathesis {check}: {operation}", reproduction=text, kind="schemathesis",
                                  check=check))
    evidence.server_errors += len(run.by_check.get("not_a_server_error", []))
    if report.get("errors"):
        evidence.notes.append(f"Schemathesis errors: {report['errors']}")
    return run


def _failures_by_check(junit: Path) -> dict[str, list[tuple[str, str]]]:
    found: dict[str, list[tuple[str, str]]] = {check: [] for check in CHECKS}
    if not junit.is_file():
        return found
    for case in ET.parse(junit).getroot().iter("testcase"):
        for failure in [*case.iter("failure"), *case.iter("error")]:
            text = (failure.text or failure.get("message") or "").strip()
            for check, codes in CHECKS.items():
                if any(code in text or code == failure.get("message") for code in codes):
                    found[check].append((case.get("name", "?"), text[:3000]))
    return found


def _tail(path: Path, lines: int = 30) -> str:
    return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]) if path.is_file() else ""


def _verdict(run: ContractRun, check: str, what: str) -> None:
    found = run.by_check.get(check, [])
    assert run.generated > 0, f"Schemathesis generated no test cases; see {run.folder / 'output.log'}"
    assert not found, (f"{len(found)} operation(s) {what} ({run.generated} cases generated):\n\n"
                       + "\n\n".join(f"{operation}\n{text}" for operation, text in found))


def test_no_input_makes_the_platform_answer_with_a_server_error(contract_run: ContractRun) -> None:
    _verdict(contract_run, "not_a_server_error", "answered a server error")


def test_every_status_code_is_one_the_contract_documents(contract_run: ContractRun) -> None:
    _verdict(contract_run, "status_code_conformance", "answered with an undocumented status code")


def test_every_content_type_is_one_the_contract_documents(contract_run: ContractRun) -> None:
    _verdict(contract_run, "content_type_conformance", "answered with an undocumented content type")


def test_every_answer_matches_its_documented_schema(contract_run: ContractRun) -> None:
    _verdict(contract_run, "response_schema_conformance", "answered with a body that breaks its documented schema")


def test_schemathesis_ran_every_phase_without_errors(contract_run: ContractRun) -> None:
    phases = contract_run.report.get("phases") or {}
    skipped = {name: p for name, p in phases.items() if p["status"] not in ("success", "failure")}
    assert not skipped, f"phases that did not run: {skipped}"
    assert not contract_run.report.get("errors"), f"Schemathesis errors: {contract_run.report['errors']}"


for _test in (test_no_input_makes_the_platform_answer_with_a_server_error,
              test_every_status_code_is_one_the_contract_documents,
              test_every_content_type_is_one_the_contract_documents,
              test_every_answer_matches_its_documented_schema):
    _test.records_own_failures = True  # the fixture puts each failure and its curl in properties.json
