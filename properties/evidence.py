"""The evidence a property run leaves for people and for the gate: `properties.json` with the seed, the
profile, how much was generated, the server errors seen, and every failure with its shrunk reproduction."""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Failure:
    name: str
    reproduction: str
    kind: str = "property"          # property | stateful | schemathesis
    check: str = ""                 # for Schemathesis: not_a_server_error, response_schema_conformance, ...


@dataclass(repr=False)
class Evidence:
    seed: int
    profile: str
    target: str = ""
    started: float = field(default_factory=time.time)
    stateful_runs: int = 0
    stateful_steps: int = 0
    stateful_requests: int = 0
    stateful_unsettled: int = 0      # settle checks skipped because the outbox was still backing off
    stateful_rules: dict[str, int] = field(default_factory=dict)          # rule -> times run
    input_examples: int = 0
    schemathesis_cases: int = 0
    schemathesis_failures: dict[str, int] = field(default_factory=dict)   # check -> count
    server_errors: int = 0
    failures: list[Failure] = field(default_factory=list)
    tests: dict[str, str] = field(default_factory=dict)                   # test -> passed / failed / skipped
    notes: list[str] = field(default_factory=list)
    reports: dict[str, str] = field(default_factory=dict)
    folder: Path = Path("reports/properties")                             # where this evidence is written

    def __repr__(self) -> str:
        return f"Evidence(seed={self.seed}, profile={self.profile!r})"

    def _repr_pretty_(self, printer, cycle: bool) -> None:  # how Hypothesis prints a failing example
        printer.text(repr(self))

    def fail(self, failure: Failure) -> None:
        if not any(f.name == failure.name and f.reproduction == failure.reproduction for f in self.failures):
            self.failures.append(failure)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["folder"] = str(self.folder)
        data["duration_s"] = round(time.time() - data.pop("started"), 1)
        data["replay"] = (f"uv run pytest properties --properties-seed={self.seed} "
                          f"--properties-profile={self.profile}"
                          + (f" --target={self.target} --provider-url=..." if self.target else ""))
        return data

    def write(self) -> Path:
        path = self.folder / "properties.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.to_json(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return path
