"""junit.xml for CI systems: one <testsuite> per suite (final outcomes, flaky marked), one for the gate's checks.

A suite that could not run appears as one errored test case, so a CI that only reads JUnit still sees it.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

from release_gate.checks import CheckResult
from release_gate.model import ERROR, FAILED, SKIPPED, SuiteResult


def _suite_element(result: SuiteResult) -> ET.Element:
    suite = ET.Element("testsuite", name=result.name, time=f"{result.duration_s:.3f}")
    if result.error:
        case = ET.SubElement(suite, "testcase", classname=f"release_gate.{result.name}", name="suite ran")
        ET.SubElement(case, "error", message=result.error).text = "\n".join([result.error, *result.notes])
        suite.set("tests", "1")
        suite.set("errors", "1")
        suite.set("failures", "0")
        suite.set("skipped", "0")
        return suite
    for test in result.tests:
        case = ET.SubElement(
            suite, "testcase", classname=test.classname, name=test.name, time=f"{test.duration_s:.3f}"
        )
        if test.status == FAILED:
            ET.SubElement(case, "failure", message=test.message).text = test.message
        elif test.status == ERROR:
            ET.SubElement(case, "error", message=test.message).text = test.message
        elif test.status == SKIPPED:
            ET.SubElement(case, "skipped", message=test.message)
        if test.flaky:
            # Surefire's convention: a passing test case that failed on an earlier attempt.
            ET.SubElement(case, "flakyFailure", message=test.first_message).text = test.first_message
    suite.set("tests", str(len(result.tests)))
    suite.set("failures", str(sum(1 for t in result.tests if t.status == FAILED)))
    suite.set("errors", str(sum(1 for t in result.tests if t.status == ERROR)))
    suite.set("skipped", str(result.skipped))
    return suite


def _checks_element(checks: Sequence[CheckResult]) -> ET.Element:
    suite = ET.Element("testsuite", name="release-gate checks")
    for check in checks:
        case = ET.SubElement(suite, "testcase", classname=f"release_gate.checks.{check.suite}", name=check.id)
        message = f"{check.title}: value {check.value}, threshold {check.threshold}. {check.detail}".strip()
        if check.status == "error":
            ET.SubElement(case, "error", message=message).text = message
        elif check.status == "fail":
            ET.SubElement(case, "failure", message=message).text = message
        elif check.status == "skipped":
            ET.SubElement(case, "skipped", message=check.detail)
        elif check.status == "warn":
            ET.SubElement(case, "system-out").text = f"warning: {message}"
    suite.set("tests", str(len(checks)))
    suite.set("failures", str(sum(1 for c in checks if c.status == "fail")))
    suite.set("errors", str(sum(1 for c in checks if c.status == "error")))
    suite.set("skipped", str(sum(1 for c in checks if c.status == "skipped")))
    return suite


def write_junit(path: Path, results: Sequence[SuiteResult], checks: Sequence[CheckResult]) -> None:
    root = ET.Element("testsuites", name="release-gate")
    for result in results:
        root.append(_suite_element(result))
    root.append(_checks_element(checks))
    ET.indent(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)
