"""Engines and sessions: SQLite (WAL, immediate write transactions) by default, PostgreSQL by URL."""

from __future__ import annotations

import contextlib
import fcntl
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 10_000
# More SQLite connections than threads that can hold one (40 request threads, the dispatcher and its delivery
# threads), with room for a second one each: a writer that holds the write lock and reads the platform clock
# on another connection must never queue for the pool behind threads that are queuing for its lock.
SQLITE_POOL_SIZE, SQLITE_POOL_OVERFLOW = 20, 80


@dataclass(frozen=True)
class Database:
    """One engine with two session factories: readers, and writers that take the write lock up front."""

    engine: Engine
    reading: sessionmaker[Session]
    writing: sessionmaker[Session]

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"


def connect(url: str, *, pool_size: int = 10) -> Database:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
                               pool_size=SQLITE_POOL_SIZE, max_overflow=SQLITE_POOL_OVERFLOW)
        _configure_sqlite(engine)
    else:
        engine = create_engine(url, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True)
    writer = engine.execution_options(write_transaction=True)
    return Database(
        engine=engine,
        reading=sessionmaker(engine, expire_on_commit=False),
        writing=sessionmaker(writer, expire_on_commit=False),
    )


def _configure_sqlite(engine: Engine) -> None:
    """WAL lets readers run beside the writer; BEGIN IMMEDIATE makes writers queue on the busy timeout
    instead of failing when two deferred transactions both try to upgrade to a write lock.

    Writers also queue on locks before BEGIN IMMEDIATE, so a waiter gets its turn the moment the writer before
    it commits, instead of SQLite's busy handler sleeping up to 100 ms between tries and letting newcomers
    overtake it (long, unfair waits for the share that was there first): a lock inside the process, then,
    for worker processes sharing the file (`serve --workers N`), a lock file beside the database that one
    waiter per process tries every millisecond. A writer that cannot get them within the busy timeout goes
    on to SQLite's own queue."""
    writers = threading.Lock()
    across_processes = _WriteLockFile(make_url(engine.url).database)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        if not connection.get_execution_options().get("write_transaction"):
            connection.exec_driver_sql("BEGIN")
            return
        deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_MS / 1000
        if writers.acquire(timeout=SQLITE_BUSY_TIMEOUT_MS / 1000):
            connection.info[_HOLDS_WRITE_LOCK] = True
            if across_processes.acquire(deadline):
                connection.info[_HOLDS_FILE_LOCK] = True
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException:
            _release(connection.info)
            raise

    def _release(info) -> None:
        # Whichever thread ends the transaction releases the locks (a plain Lock, not an owner-bound RLock).
        if info.pop(_HOLDS_FILE_LOCK, False):
            across_processes.release()
        if info.pop(_HOLDS_WRITE_LOCK, False):
            writers.release()

    event.listen(engine, "commit", lambda connection: _release(connection.info))
    event.listen(engine, "rollback", lambda connection: _release(connection.info))
    # Belt and braces: a connection going back to the pool never keeps the lock.
    event.listen(engine.pool, "checkin", lambda _dbapi, record: _release(record.info))


class _WriteLockFile:
    """`<database>.write.lock`, locked with flock by the one thread of this process that holds `writers`
    (flock locks belong to the open file, which every thread of the process shares)."""

    POLL_S = 0.001

    def __init__(self, database: str | None) -> None:
        self.path = f"{database}.write.lock" if database and database != ":memory:" else None
        self.handle = None

    def acquire(self, deadline: float) -> bool:
        if self.path is None:
            return False
        if self.handle is None:
            self.handle = open(self.path, "a+b")  # noqa: SIM115 - held for the life of the engine
        while True:
            try:
                fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return True
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    return False
                time.sleep(self.POLL_S)

    def release(self) -> None:
        fcntl.flock(self.handle, fcntl.LOCK_UN)


_HOLDS_WRITE_LOCK = "court.holds_write_lock"
_HOLDS_FILE_LOCK = "court.holds_write_lock_file"


def migrate(url: str) -> None:
    """Bring the schema to the latest Alembic revision (run once at start-up)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    command.upgrade(config, "head")


@contextlib.contextmanager
def sqlite_file_lock(url: str, suffix: str) -> Iterator[None]:
    """An exclusive lock on a file beside a SQLite database, across processes; nothing for an in-memory one."""
    name = make_url(url).database
    if not name or name == ":memory:":
        yield
        return
    with open(f"{name}{suffix}", "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
