"""The Allure 3 report as one HTML file (`npx allure generate` with `singleFile: true` in allurerc.mjs).

Allure is a convenience for people, not evidence for the verdict: if Node or Allure is missing or the
generation fails, the gate records a warning and carries on.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

ALLURE_TIMEOUT_S = 180


def write_config(path: Path, output: Path, name: str) -> None:
    """allurerc.mjs for the awesome report plugin; a plain object so it loads without importing `allure`."""
    config = {
        "name": name,
        "output": str(output),
        "plugins": {"awesome": {"options": {"singleFile": True, "reportName": name}}},
    }
    path.write_text(f"// Written by release-gate for this run.\nexport default {json.dumps(config, indent=2)};\n")


def allure_command(project_root: Path) -> list[str] | None:
    """The project's Allure (node_modules), else the one installed beside the gate, else npx (no download)."""
    for root in (project_root, Path(__file__).resolve().parents[2]):
        local = root / "node_modules" / ".bin" / "allure"
        if local.exists():
            return [str(local)]
    npx = shutil.which("npx")
    return [npx, "--no-install", "allure"] if npx else None


def generate_allure(
    results_dirs: list[Path], report_dir: Path, project_root: Path, name: str = "Release gate"
) -> tuple[str | None, str | None]:
    """Returns (path of index.html relative to the report dir, warning)."""
    dirs = [d for d in results_dirs if d.is_dir() and any(d.iterdir())]
    if not dirs:
        return None, "no Allure results were written, so there is no Allure report"
    command = allure_command(project_root)
    if command is None:
        return None, "Allure report skipped: neither node_modules/.bin/allure nor npx was found"
    output = report_dir / "allure-report"
    config = report_dir / "allurerc.mjs"
    write_config(config, output, name)
    try:
        done = subprocess.run(
            [*command, "generate", *map(str, dirs), "-o", str(output), "--config", str(config)],
            cwd=project_root,
            capture_output=True,
            text=True,
            timeout=ALLURE_TIMEOUT_S,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return None, f"Allure report failed: {exc}"
    index = output / "index.html"
    if done.returncode != 0 or not index.is_file():
        last = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        return None, f"Allure report failed (exit {done.returncode}): {last[0][:300]}"
    return index.relative_to(report_dir).as_posix(), None
