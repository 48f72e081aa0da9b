"""Root pytest wiring: which platform the suites talk to (`--target`, `--provider-url`, or an embedded one
started here), which channel court users act through (`--channel`), and which scenarios can run there.

The suites only ever talk HTTP to the platform, so the same scenarios gate any deployment that honours the
contract. Scenarios tagged @test_mode need the provider's control API or the platform's test clock; against
a deployment without them they are reported as skipped with the reason, never as passed.
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import hashlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).parent
READY_WITHIN_SECONDS = 60

_test_mode_key = pytest.StashKey[tuple[bool, str]]()
_not_run_key = pytest.StashKey[dict[str, int]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("court", "court case platform under test")
    group.addoption("--target", metavar="URL", default=None,
                    help="base URL of a running platform; without it, an embedded platform is started")
    group.addoption("--provider-url", metavar="URL", default=None,
                    help="base URL of that platform's EM provider (needed with --target)")
    group.addoption("--channel", choices=("api", "ui"), default="api",
                    help="how court users act: through the API (default) or the web pages (@ui scenarios only)")
    group.addoption("--database-url", metavar="URL", default=os.environ.get("DATABASE_URL") or None,
                    help="database of the embedded platform (default: env DATABASE_URL, else a fresh SQLite file); "
                         "a PostgreSQL server gets a fresh database per embedded platform, dropped afterwards")


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("--target") and not config.getoption("--provider-url"):
        raise pytest.UsageError(
            "--provider-url is needed with --target: scenarios reconcile the platform's EM orders against "
            "the EM provider's own ledger"
        )
    config.stash[_not_run_key] = {}


@dataclass(frozen=True)
class PlatformEndpoints:
    base_url: str
    provider_url: str
    test_mode: bool


# --- which scenarios run here --------------------------------------------------------------------------


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    not_run = config.stash[_not_run_key]
    if config.getoption("--channel") == "ui":
        kept = [item for item in items if item.get_closest_marker("ui")]
        dropped = [item for item in items if not item.get_closest_marker("ui")]
        if dropped:
            config.hook.pytest_deselected(items=dropped)
            items[:] = kept
            not_run["deselected: not tagged @ui, so not meaningful in the browser channel"] = len(dropped)

    needing_test_mode = [item for item in items if item.get_closest_marker("test_mode")]
    if not needing_test_mode:
        return
    test_mode, reason = _test_mode_of_target(config)
    if test_mode:
        return
    skip = pytest.mark.skip(reason=f"not runnable here: needs a test-mode deployment. {reason}")
    for item in needing_test_mode:
        item.add_marker(skip)
    not_run[f"skipped as not runnable: {reason}"] = len(needing_test_mode)


def _test_mode_of_target(config: pytest.Config) -> tuple[bool, str]:
    if _test_mode_key not in config.stash:
        target = config.getoption("--target")
        if target is None:
            config.stash[_test_mode_key] = (True, "")
        else:
            config.stash[_test_mode_key] = _probe_test_mode(target.rstrip("/"),
                                                            config.getoption("--provider-url").rstrip("/"))
    return config.stash[_test_mode_key]


def _probe_test_mode(target: str, provider_url: str) -> tuple[bool, str]:
    """Ask, without changing anything, whether the platform has its test clock and the provider its
    control API."""
    try:
        clock = httpx.post(f"{target}/__test/clock", json={"advance_seconds": 0}, timeout=10)
        control = httpx.get(f"{provider_url}/__control/faults", timeout=10)
    except httpx.HTTPError as error:
        return False, f"Could not reach {target} or {provider_url} to find out: {error}"
    if clock.status_code != 200:
        return False, (f"The platform at {target} has no test clock (answered {clock.status_code}): "
                       "it was not started in test mode.")
    if control.status_code in (403, 404):
        return False, (f"The EM provider at {provider_url} has no control API (answered "
                       f"{control.status_code}): it was not started in test mode.")
    return True, ""


def pytest_terminal_summary(terminalreporter, exitstatus, config: pytest.Config) -> None:
    for why, count in config.stash.get(_not_run_key, {}).items():
        terminalreporter.write_line(f"{count} scenario(s) {why}", yellow=True)


# --- the platform under test ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def court_platform(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """The platform and EM provider the scenarios talk to: `--target`, or an embedded one started for this
    session (each xdist worker starts its own, so workers never share provider faults or clock moves)."""
    config = request.config
    target = config.getoption("--target")
    if target:
        test_mode, _ = _test_mode_of_target(config)
        yield PlatformEndpoints(target.rstrip("/"), config.getoption("--provider-url").rstrip("/"), test_mode)
        return
    folder = tmp_path_factory.mktemp("platform")
    with _database_for(config.getoption("--database-url"), folder) as database, \
            _embedded_platform(folder, database) as endpoints:
        yield endpoints


@contextlib.contextmanager
def _database_for(url: str | None, folder: Path) -> Iterator[str]:
    """A database of the platform's own: a fresh SQLite file, or a fresh database on the PostgreSQL server
    named by `url` (each xdist worker's platform has its own clock and data), dropped afterwards."""
    if not url or url.startswith("sqlite"):
        yield url or f"sqlite:///{folder}/platform.db"
        return
    import psycopg  # only needed with PostgreSQL

    server, _, _ = url.rpartition("/")
    name = f"court_{os.getpid()}_{int(time.time() * 1000) % 10**9}"
    admin = url.replace("postgresql+psycopg://", "postgresql://", 1)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{server}/{name}"
    finally:
        with contextlib.suppress(psycopg.Error), psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def _embedded_platform(folder: Path, database: str) -> Iterator[PlatformEndpoints]:
    port, provider_port = _free_port(), _free_port()
    log_path = folder / "platform.log"
    command = [
        sys.executable, "-m", "reference_system", "serve", "--host", "127.0.0.1", "--port", str(port),
        "--provider-port", str(provider_port), "--test-mode", "--database", database,
    ]
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True, env=_platform_environment())
    atexit.register(_stop, process)  # in case the session is torn down abruptly
    try:
        base_url = f"http://127.0.0.1:{port}"
        _wait_until_ready(process, base_url, log_path)
        yield PlatformEndpoints(base_url, f"http://127.0.0.1:{provider_port}", test_mode=True)
    finally:
        _stop(process)


def _platform_environment() -> dict[str, str]:
    """The platform's environment: ours, but with compiled bytecode cached in a scratch folder (never in the
    virtualenv), so that starting a platform per session (and per xdist worker) takes seconds, not tens."""
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    environment.setdefault("PYTHONPYCACHEPREFIX", str(Path(tempfile.gettempdir()) / "court-gate-pycache"))
    return environment


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_ready(process: subprocess.Popen, base_url: str, log_path: Path) -> None:
    deadline = time.monotonic() + READY_WITHIN_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"The embedded platform exited with {process.returncode} before it was ready:\n"
                               f"{_tail(log_path)}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{base_url}/ready", timeout=2).status_code == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"The embedded platform was not ready within {READY_WITHIN_SECONDS} s:\n{_tail(log_path)}")


def _tail(path: Path, lines: int = 40) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def _stop(process: subprocess.Popen) -> None:
    """Stop the platform's whole process group (platform, dispatcher, provider): politely, then not."""
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


# --- sharing one deployment between processes ------------------------------------------------------------


@pytest.fixture(autouse=True)
def _one_test_mode_scenario_at_a_time(request: pytest.FixtureRequest) -> Iterator[None]:
    """On a shared `--target`, provider faults and clock moves affect everyone using it: a @test_mode
    scenario runs alone (exclusive lock), others run side by side (shared lock), across xdist workers and
    concurrent runs on this machine."""
    target = request.config.getoption("--target")
    if not target:
        yield
        return
    digest = hashlib.sha1(target.rstrip("/").encode()).hexdigest()[:12]
    lock_path = Path(tempfile.gettempdir()) / f"court-gate-{digest}.lock"
    exclusive = request.node.get_closest_marker("test_mode") is not None
    with open(lock_path, "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
