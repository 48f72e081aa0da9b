"""Process control for the resilience suite: the platform and the EM provider as separate processes, started,
killed with SIGKILL and restarted on the same database and ledger, each one's output kept in a log file.

The platform is always started the way an operator would (`python -m reference_system serve`), never
imported: the suite only talks HTTP to what it starts.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
READY_WITHIN_S = 60.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    """Our environment with loopback exempt from proxies and bytecode cached outside the virtualenv."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "DATABASE_URL")}
    env["NO_PROXY"] = ",".join(filter(None, [env.get("NO_PROXY", ""), "127.0.0.1", "localhost"]))
    env.setdefault("PYTHONPYCACHEPREFIX", "/tmp/court-gate-pycache")
    env.update(extra or {})
    return env


class NotReady(RuntimeError):
    pass


@dataclass
class Service:
    """One long-running process on a fixed loopback port, its output appended to `log` across restarts."""

    name: str
    port: int
    log: Path
    env: dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen | None = None
    starts: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def command(self) -> list[str]:
        raise NotImplementedError

    def ready_path(self) -> str:
        return "/health"

    def start(self, wait: bool = True) -> None:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with self.log.open("ab") as out:
            out.write(f"\n--- {self.name} start {self.starts + 1} ---\n".encode())
            out.flush()
            self.process = subprocess.Popen(self.command(), cwd=ROOT, env=environment(self.env), stdin=subprocess.DEVNULL,
                                            stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        self.starts += 1
        if wait:
            self.wait_ready()

    def wait_ready(self, within_s: float = READY_WITHIN_S) -> None:
        deadline = time.monotonic() + within_s
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise NotReady(f"{self.name} exited with {self.process.returncode} before it was ready:\n{self.tail()}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(self.url + self.ready_path(), timeout=2).status_code == 200:
                    return
            time.sleep(0.2)
        raise NotReady(f"{self.name} was not ready within {within_s:g} s:\n{self.tail()}")

    def kill(self) -> None:
        """SIGKILL to the whole process group: no shutdown hooks, no flushing, no goodbyes."""
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=10)

    def stop(self) -> None:
        """SIGTERM, then SIGKILL after a grace period."""
        if self.process is None or self.process.poll() is not None:
            self._reap_group()
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=10)
        self._reap_group()

    def _reap_group(self) -> None:
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=10)

    def tail(self, lines: int = 30) -> str:
        with contextlib.suppress(OSError):
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        return ""


@dataclass
class Provider(Service):
    """The stand-in EM provider on its own ledger file, which outlives any one process."""

    ledger: Path = Path("ledger.db")
    test_mode: bool = True

    def command(self) -> list[str]:
        command = [sys.executable, "-m", "reference_system.em_provider", "--host", "127.0.0.1", "--port",
                   str(self.port), "--database", str(self.ledger)]
        return command + (["--test-mode"] if self.test_mode else [])


@dataclass
class Platform(Service):
    """The platform (API, pages, dispatcher) sending to an already running provider."""

    database: str = ""
    provider_url: str = ""
    test_mode: bool = True
    workers: int = 1
    faults: Sequence[str] = ()
    seed_password: str | None = None

    def command(self) -> list[str]:
        command = [sys.executable, "-m", "reference_system", "serve", "--host", "127.0.0.1", "--port", str(self.port),
                   "--provider-url", self.provider_url, "--database", self.database]
        if self.test_mode:
            command.append("--test-mode")
        if self.seed_password:
            command += ["--seed-password", self.seed_password]
        if self.workers > 1:
            command += ["--workers", str(self.workers)]
        for fault in self.faults:
            command += ["--fault", fault]
        return command

    def ready_path(self) -> str:
        return "/ready"


@dataclass
class Stack:
    """A platform and its provider, each its own process, on a database and a ledger of their own."""

    platform: Platform
    provider: Provider
    database: str
    folder: Path

    def start(self) -> Stack:
        """Start both without waiting (so that several stacks start side by side)."""
        self.provider.start(wait=False)
        self.platform.start(wait=False)
        return self

    def wait_ready(self) -> Stack:
        self.provider.wait_ready()
        self.platform.wait_ready()
        return self

    def stop(self) -> None:
        self.platform.stop()
        self.provider.stop()

    def logs(self) -> str:
        return "\n".join(s.log.read_text(errors="replace") for s in (self.platform, self.provider) if s.log.exists())


def new_stack(folder: Path, database: str, *, name: str = "platform", test_mode: bool = True, workers: int = 1,
              faults: Sequence[str] = (), env: dict[str, str] | None = None,
              seed_password: str | None = None) -> Stack:
    folder.mkdir(parents=True, exist_ok=True)
    provider = Provider("provider", free_port(), folder / f"{name}-provider.log", ledger=folder / f"{name}-ledger.db",
                        test_mode=test_mode)
    platform = Platform(name, free_port(), folder / f"{name}.log", env=dict(env or {}), database=database,
                        provider_url=provider.url, test_mode=test_mode, workers=workers, faults=tuple(faults),
                        seed_password=seed_password)
    return Stack(platform, provider, database, folder)


@contextlib.contextmanager
def running_stack(folder: Path, database_url: str | None, *, name: str = "platform", **options) -> Iterator[Stack]:
    """Start a provider, then a platform sending to it; stop both (and drop a PostgreSQL database) after."""
    folder.mkdir(parents=True, exist_ok=True)
    with fresh_database(database_url, folder, name) as database:
        stack = new_stack(folder, database, name=name, **options)
        try:
            yield stack.start().wait_ready()
        finally:
            stack.stop()


def is_postgres(url: str | None) -> bool:
    return bool(url) and url.startswith("postgresql")


@contextlib.contextmanager
def fresh_database(url: str | None, folder: Path, name: str) -> Iterator[str]:
    """A database nobody else uses: a new SQLite file, or a new database on the PostgreSQL server `url`
    names (created here, dropped afterwards)."""
    if not is_postgres(url):
        yield f"sqlite:///{folder / f'{name}.db'}"
        return
    import psycopg

    server = url.rsplit("/", 1)[0]
    database = f"resilience_{name.replace('-', '_')}_{secrets.token_hex(4)}"
    admin = url.replace("postgresql+psycopg://", "postgresql://", 1)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{database}"')
    try:
        yield f"{server}/{database}"
    finally:
        with contextlib.suppress(psycopg.Error), psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
