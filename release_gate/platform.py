"""The embedded reference platform: started as a process (never imported) when no --target is given."""

from __future__ import annotations

import contextlib
import os
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
def embedded_platform(
    *,
    python: str,
    project_root: Path,
    log: Path,
    faults: Sequence[str] = (),
    ready_timeout_s: float = 60.0,
) -> Iterator[RunningPlatform]:
    """Start `python -m reference_system serve` on two free loopback ports, wait for /ready, stop it after."""
    port, provider_port = free_port(), free_port()
    while provider_port == port:
        provider_port = free_port()
    command = [python, "-m", "reference_system", "serve", "--host", "127.0.0.1", "--port", str(port),
               "--provider-port", str(provider_port), "--test-mode"]
    for fault in faults:
        command += ["--fault", fault]
    env = dict(os.environ)
    env["NO_PROXY"] = ",".join(filter(None, [env.get("NO_PROXY", ""), "127.0.0.1", "localhost"]))
    process = start(command, cwd=project_root, env=env, log_path=log)
    target = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + ready_timeout_s
        while not is_ready(target):
            code = process.poll()
            if code is not None:
                raise CannotStart(f"the platform exited with code {code} before it was ready:\n{tail(log, 15)}")
            if time.monotonic() > deadline:
                raise CannotStart(
                    f"the platform was not ready after {ready_timeout_s:g} s (GET {target}/ready):\n{tail(log, 15)}"
                )
            time.sleep(0.25)
        yield RunningPlatform(target, f"http://127.0.0.1:{provider_port}", log)
    finally:
        stop_group(process)
