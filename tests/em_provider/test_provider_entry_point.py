"""The provider as a real process: `python -m reference_system.em_provider` serves and stops cleanly."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

REPOSITORY = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_healthy(base_url: str, process: subprocess.Popen[bytes], within: float = 60.0) -> None:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the provider exited with {process.returncode}: {process.stderr.read().decode()}")
        try:
            if httpx.get(f"{base_url}/health", timeout=0.5).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.05)
    pytest.fail("the provider did not become healthy")


def test_the_provider_runs_as_a_process_and_stops_cleanly_on_sigterm(ledger_path: str):
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    command = [
        sys.executable,
        "-m",
        "reference_system.em_provider",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--database",
        ledger_path,
        "--test-mode",
    ]
    process = subprocess.Popen(command, cwd=REPOSITORY, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        wait_until_healthy(base_url, process)
        httpx.post(f"{base_url}/__control/faults", json={"mode": "timeout"}).raise_for_status()

        # the client's time-out fires while the provider hangs; the abandoned request must not delay shutdown
        with pytest.raises(httpx.ReadTimeout):
            httpx.post(f"{base_url}/orders", json={}, headers={"Idempotency-Key": "k"}, timeout=0.3)
        process.send_signal(signal.SIGTERM)
        returncode = process.wait(timeout=5)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()

    assert returncode == 0
    assert Path(ledger_path).exists()
