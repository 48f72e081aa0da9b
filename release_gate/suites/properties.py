"""The properties suite: a Hypothesis state machine of the case lifecycle driven over the API, properties of
single inputs, and Schemathesis over the OpenAPI contract (properties/).

It runs `python -m pytest properties` (which runs Schemathesis's CLI as its own subprocess) with the gate's
seed, and reads `properties.json`: how many sequences, steps and cases were generated, the server errors
seen, and every failure with its shrunk reproduction. The seed is recorded with the suite's result, so a
failing gate run can be replayed exactly (`--properties-seed`).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from typing import Any

from release_gate.checks import CheckSpec, Measurement
from release_gate.model import SuiteResult
from release_gate.processes import ProcessOutcome
from release_gate.suites.base import OptionSpec, SuiteContext
from release_gate.suites.measures import suite_spec
from release_gate.suites.pytest_suite import PytestSuite

EVIDENCE = "properties.json"
CONFORMANCE = ("status_code_conformance", "content_type_conformance", "response_schema_conformance")


_spec = functools.partial(suite_spec, "properties")


class PropertiesSuite(PytestSuite):
    def __init__(self) -> None:
        super().__init__(
            "properties",
            title="Properties: the case lifecycle as a state machine, Schemathesis over the contract",
            description="Hypothesis sequences of court actions checked against a model after every step, input "
                        "properties, and Schemathesis (examples, coverage, fuzzing, stateful links) over "
                        "/openapi.json.",
            paths=["properties"],
            args=["--target={target}", "--provider-url={provider_url}", "--properties-seed={seed}",
                  "--properties-profile={profile}", "--properties-evidence={evidence_dir}"],
            # Schemathesis's pytest plugin blanks Hypothesis's printing of failing examples (it runs as a CLI here).
            plugins=["allure_pytest", "no:schemathesis"],
            allure=True,
            extra_options={"profile": OptionSpec(str, "ci", "how much to generate: dev, ci or gate "
                                                          "(properties/budgets.py)")},
        )

    def option_specs(self) -> dict[str, OptionSpec]:
        specs = super().option_specs()
        # A failing property is a shrunk counterexample replayed first from the example database, so a rerun
        # adds little but time (and would overwrite the first run's evidence).
        specs["rerun_failed"] = OptionSpec(bool, False, "rerun failed tests once; passing on rerun = flaky")
        return specs

    def check_specs(self) -> list[CheckSpec]:
        return [
            *super().check_specs(),
            _spec("stateful", "Every generated sequence of court actions kept the contract's promises", "max", 0,
                  weight=3, key=True, unit="failures"),
            _spec("server_errors", "No generated input or sequence got a server error (5xx)", "max", 0, weight=3,
                  key=True, unit="errors"),
            _spec("schema_conformance", "Every answer's status, content type and body as the OpenAPI documents them",
                  "max", 0, weight=2, key=False, unit="operations"),
            _spec("stateful_sequences", "Sequences of court actions generated", "min", 200, warn_limit=100, weight=1,
                  key=False, unit="sequences"),
            _spec("generated_cases", "Schemathesis test cases generated", "min", 1000, warn_limit=500, weight=1,
                  key=False, unit="cases"),
        ]

    def measure(self, result: SuiteResult, specs: Mapping[str, CheckSpec]) -> list[Measurement]:
        return super().measure(result, specs) + measure_properties(result, specs)

    def run(self, ctx: SuiteContext) -> SuiteResult:
        if not ctx.provider_url:
            return SuiteResult(name=self.name, title=self.title, error="the state machine reconciles with the "
                               "provider's ledger: give --provider-url with --target")
        result = super().run(ctx)
        if result.timed_out:
            self._salvage(ctx, result)
        return result

    def _salvage(self, ctx: SuiteContext, result: SuiteResult) -> None:
        """Killed by its time limit (often while shrinking a failure): the run stays an error, but the failures
        found before the limit (properties.json is written after every test) go into its notes."""
        path = ctx.evidence_dir / EVIDENCE
        try:
            evidence = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        result.evidence["properties"] = ctx.relative(path)
        read_properties(evidence, result)
        result.notes.insert(0, f"timed out; evidence up to the last finished test: {', '.join(evidence.get('tests', {}))}")

    def parse_evidence(self, ctx: SuiteContext, outcome: ProcessOutcome, result: SuiteResult) -> None:
        super().parse_evidence(ctx, outcome, result)
        if result.error:
            return
        path = ctx.evidence_dir / EVIDENCE
        try:
            evidence = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            result.error = f"left no readable {EVIDENCE}: {exc}"
            return
        result.evidence["properties"] = ctx.relative(path)
        for label, name in (("schemathesis_junit", "junit.xml"), ("schemathesis_report", "report.json"),
                            ("schemathesis_log", "output.log")):
            if (ctx.evidence_dir / "schemathesis" / name).is_file():
                result.evidence[label] = ctx.relative(ctx.evidence_dir / "schemathesis" / name)
        read_properties(evidence, result)


def read_properties(evidence: Mapping[str, Any], result: SuiteResult) -> None:
    """Figures and notes from `properties.json` (kept in `result.metrics` for the checks and the report)."""
    failures = list(evidence.get("failures", []))
    schemathesis = evidence.get("schemathesis_failures", {})
    result.metrics.update({
        "seed": evidence.get("seed", result.seed or 0),
        "stateful_sequences": evidence.get("stateful_runs", 0),
        "stateful_steps": evidence.get("stateful_steps", 0),
        "stateful_failures": sum(1 for f in failures if f.get("kind") == "stateful"),
        "input_examples": evidence.get("input_examples", 0),
        "generated_cases": evidence.get("schemathesis_cases", 0),
        "server_errors": evidence.get("server_errors", 0),
        "schema_conformance": sum(schemathesis.get(check, 0) for check in CONFORMANCE),
    })
    result.notes.append(f"seed {evidence.get('seed')} ({evidence.get('profile')} profile); replay: "
                        f"{evidence.get('replay', '')}")
    for failure in failures[:5]:
        result.notes.append(f"{failure['name']}:\n{failure['reproduction'][:1500]}")
    if len(failures) > 5:
        result.notes.append(f"... and {len(failures) - 5} more failures in {EVIDENCE}")


# check -> (figure in result.metrics, how to say it)
MEASURES = {
    "stateful": ("stateful_failures", "{stateful_failures} failing of {stateful_sequences} sequences "
                 "({stateful_steps} steps)"),
    "server_errors": ("server_errors", "{server_errors} server errors in {generated_cases} Schemathesis cases, "
                      "{stateful_steps} stateful steps and {input_examples} input examples"),
    "schema_conformance": ("schema_conformance", "{schema_conformance} operations answered otherwise than the "
                           "OpenAPI documents"),
    "stateful_sequences": ("stateful_sequences", "{stateful_sequences} sequences, {stateful_steps} steps, seed {seed}"),
    "generated_cases": ("generated_cases", "{generated_cases} Schemathesis cases over every phase, seed {seed}"),
}


def measure_properties(result: SuiteResult, specs: Mapping[str, CheckSpec]) -> list[Measurement]:
    out = []
    evidence = result.evidence.get("properties")
    for check, (figure, detail) in MEASURES.items():
        check_id = f"properties.{check}"
        if check_id not in specs:
            continue
        if not result.metrics:
            out.append(Measurement(check_id, None, evidence=evidence, error=f"no figures: {EVIDENCE} was not read"))
            continue
        force = None
        if check == "stateful" and not result.metrics.get("stateful_sequences"):
            force = "no sequence of court actions ran"
        out.append(Measurement(check_id, result.metrics.get(figure, 0), detail.format(**result.metrics), evidence,
                               force_fail=force))
    return out


def properties_suite() -> PropertiesSuite:
    return PropertiesSuite()
