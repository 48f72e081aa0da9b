"""The gate's evidence travels (CI logs, Allure, PR comments): a failing real run must not carry the names,
dates of birth or addresses of the defendants its scenarios made up."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The defendant the acceptance steps enter unless a scenario says otherwise (fixtures/builders.py).
PERSONAL = ("Alex", "Taylor", "1990-04-12", "1 High Street", "SW1A 1AA")


def test_a_failing_gate_run_leaves_no_personal_data_in_any_report_or_evidence_file(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "release_gate", "run", "--profile", "smoke", "--fault", "em-order-not-sent",
         "--report-dir", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert run.returncode == 1, run.stdout[-3000:] + run.stderr[-3000:]
    readiness = (tmp_path / "readiness.json").read_text()
    assert '"NO-GO"' in readiness and "acknowledged by the provider" in readiness  # it failed for the defect

    written = [p for p in tmp_path.rglob("*") if p.is_file() and p.suffix not in {".png", ".zip", ".woff2"}]
    assert any(p.name == "output.log" for p in written) and any(p.parent.name == "acceptance" for p in written)
    leaks = [(p.relative_to(tmp_path), word) for p in written
             for word in PERSONAL if word in p.read_text(errors="replace")]
    assert leaks == []
