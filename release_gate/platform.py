"""The embedded reference platform: started as a process (never imported) when no --target is given."""

from __future__ import annotations

import contextlib
import os
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from release_gate.errors import CannotEvaluate
from release_gate.processes import free_port, start, stop_group, tail


class CannotStart(CannotEvaluate):
    """The platform exited or never became ready."""


@dataclass
class RunningPlatform:
    target: str
    provider_url: str
    log: Path


_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def is_ready(url: str, timeout_s: float = 2.0) -> bool:
    try:
        with _NO_PROXY.open(f"{url}/ready", timeout=timeout_s) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError, ValueError):
        return False


@contextlib.contextmanager
def embedded_platforms(
    *,
    python: str,
    project_root: Path,
    logs: Sequence[Path],
    faults: Sequence[str] = (),
    ready_timeout_s: float = 60.0,
) -> Iterator[list[RunningPlatform]]:
    """One `python -m reference_system serve --test-mode` per log, each on two free loopback ports of its own
    and with a database of its own; all started first, then each waited for on GET /ready; stopped after."""
    env = dict(os.environ)
    env["NO_PROXY"] = ",".join(filter(None, [env.get("NO_PROXY", ""), "127.0.0.1", "localhost"]))
    taken: set[int] = set()
    started: list[tuple[subprocess.Popen, RunningPlatform]] = []
    try:
        for log in logs:
            port, provider_port = _free_port(taken), _free_port(taken)
            command = [python, "-m", "reference_system", "serve", "--host", "127.0.0.1", "--port", str(port),
                       "--provider-port", str(provider_port), "--test-mode"]
            for fault in faults:
                command += ["--fault", fault]
            process = start(command, cwd=project_root, env=env, log_path=log)
            started.append(
                (process, RunningPlatform(f"http://127.0.0.1:{port}", f"http://127.0.0.1:{provider_port}", log))
            )
        deadline = time.monotonic() + ready_timeout_s
        for process, platform in started:
            _wait_until_ready(process, platform, deadline, ready_timeout_s)
        yield [platform for _, platform in started]
    finally:
        for process, _ in started:
            stop_group(process)


def _free_port(taken: set[int]) -> int:
    port = free_port()
    while port in taken:
        port = free_port()
    taken.add(port)
    return port


def _wait_until_ready(process: subprocess.Popen, platform: RunningPlatform, deadline: float, limit_s: float) -> None:
    log, target = platform.log, platform.target
    while not is_ready(target):
        code = process.poll()
        if code is not None:
            raise CannotStart(f"the platform exited with code {code} before it was ready:\n{tail(log, 15)}")
        if time.monotonic() > deadline:
            raise CannotStart(f"the platform was not ready after {limit_s:g} s (GET {target}/ready):\n{tail(log, 15)}")
        time.sleep(0.25)
