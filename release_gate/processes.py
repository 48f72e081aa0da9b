"""Child processes under a time limit, each in its own process group so nothing it starts outlives it."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


@dataclass
class ProcessOutcome:
    exit_code: int | None
    timed_out: bool
    duration_s: float


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def last_line(path: Path, max_bytes: int = 4096) -> str:
    """The last non-empty line written to a log, for live progress."""
    try:
        with path.open("rb") as handle:
            handle.seek(0, os.SEEK_END)
            size = handle.tell()
            handle.seek(max(0, size - max_bytes))
            chunk = handle.read().decode("utf-8", errors="replace")
    except OSError:
        return ""
    lines = [_ANSI.sub("", line).strip() for line in chunk.replace("\r", "\n").splitlines()]
    lines = [line for line in lines if line]
    return lines[-1] if lines else ""


def tail(path: Path, lines: int = 20) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return "\n".join(_ANSI.sub("", line) for line in text.splitlines()[-lines:])


def stop_group(process: subprocess.Popen, grace_s: float = 5.0) -> None:
    """SIGTERM to the whole group, SIGKILL after a grace period; quiet if it is already gone."""
    for sig, wait in ((signal.SIGTERM, grace_s), (signal.SIGKILL, 5.0)):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=wait)
            break
        except subprocess.TimeoutExpired:
            continue
    # The leader may be gone while children it started still run in the group.
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)


def start(
    command: Sequence[str], *, cwd: Path, env: Mapping[str, str], log_path: Path
) -> subprocess.Popen:
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("wb") as log:
        return subprocess.Popen(
            list(command),
            cwd=cwd,
            env=dict(env),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def run_with_limit(
    command: Sequence[str],
    *,
    cwd: Path,
    env: Mapping[str, str],
    timeout_s: float,
    log_path: Path,
    on_output: Callable[[str], None] | None = None,
    poll_s: float = 0.2,
) -> ProcessOutcome:
    """Run a command, its output going to `log_path`; kill its process group when the time limit passes."""
    began = time.monotonic()
    process = start(command, cwd=cwd, env=env, log_path=log_path)
    try:
        while True:
            try:
                exit_code = process.wait(timeout=poll_s)
                break
            except subprocess.TimeoutExpired:
                pass
            if on_output is not None:
                on_output(last_line(log_path))
            if time.monotonic() - began > timeout_s:
                stop_group(process)
                return ProcessOutcome(None, True, time.monotonic() - began)
    except BaseException:
        stop_group(process, grace_s=2.0)
        raise
    stop_group(process, grace_s=0.5)  # reap anything the suite left running in its group
    return ProcessOutcome(exit_code, False, time.monotonic() - began)
