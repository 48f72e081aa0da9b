"""Suites run in their own process group: a time limit kills everything they started."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from release_gate.processes import last_line, run_with_limit

SPAWNS_A_GRANDCHILD = """
import subprocess, sys, time, pathlib
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
pathlib.Path(sys.argv[1]).write_text(str(child.pid))
print("started the grandchild", flush=True)
time.sleep(60)
"""


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A killed child of a process that is gone may linger as a zombie until reaped by init.
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


def test_a_suite_over_its_time_limit_is_killed_with_everything_it_started(tmp_path: Path) -> None:
    pid_file, log = tmp_path / "pid", tmp_path / "out.log"
    began = time.monotonic()
    outcome = run_with_limit([sys.executable, "-c", SPAWNS_A_GRANDCHILD, str(pid_file)], cwd=tmp_path,
                             env=os.environ, timeout_s=1.0, log_path=log)
    assert outcome.timed_out and outcome.exit_code is None
    assert time.monotonic() - began < 10
    grandchild = int(pid_file.read_text())
    deadline = time.monotonic() + 5
    while alive(grandchild) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not alive(grandchild)
    assert last_line(log) == "started the grandchild"


def test_a_suite_within_its_time_limit_reports_its_exit_code(tmp_path: Path) -> None:
    outcome = run_with_limit([sys.executable, "-c", "import sys; sys.exit(4)"], cwd=tmp_path, env=os.environ,
                             timeout_s=30, log_path=tmp_path / "out.log")
    assert (outcome.exit_code, outcome.timed_out) == (4, False)


@pytest.mark.parametrize(("text", "line"), [("a\nb\n\n", "b"), ("\x1b[32mgreen\x1b[0m\n", "green"), ("", "")])
def test_the_latest_output_line_is_shown_without_colour_codes(tmp_path: Path, text: str, line: str) -> None:
    log = tmp_path / "out.log"
    log.write_text(text)
    assert last_line(log) == line
