"""The running platform's parts, wired once at start-up: settings, database, clock, dispatcher."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from .adapters.agencies import HttpAgencyClient
from .adapters.clock import DatabaseClock
from .adapters.database import Database, connect, migrate, sqlite_file_lock
from .dispatcher import Dispatcher, DispatchSettings
from .seed import seed
from .settings import Settings
from .web.security import SignInThrottle, password_hash


@dataclass
class Platform:
    settings: Settings
    database: Database
    clock: DatabaseClock
    dispatcher: Dispatcher
    throttle: SignInThrottle

    def stop(self) -> None:
        self.dispatcher.stop()
        self.database.engine.dispose()


def start_platform(settings: Settings) -> Platform:
    """Migrate, seed an empty database, and start the dispatcher thread."""
    with _one_starter_at_a_time(settings.database_url):
        migrate(settings.database_url)
        database = connect(settings.database_url)
        clock = DatabaseClock(database)
        if settings.seed_password:
            seed(database, clock, password_hash.hash(settings.seed_password), court_day=settings.seed == "court-day")
    client = HttpAgencyClient(settings.provider_url, settings.provider_timeout_s)
    dispatcher = Dispatcher(database, clock, client, DispatchSettings(
        interval_s=settings.dispatch_interval_s, batch_size=settings.dispatch_batch_size,
        concurrency=settings.dispatch_concurrency, lease_seconds=settings.lease_seconds,
        backoff_base_s=settings.backoff_base_s, backoff_max_s=settings.backoff_max_s,
        failing_after_attempts=settings.failing_after_attempts,
    ))
    if settings.dispatcher_enabled:
        dispatcher.start()
    return Platform(settings, database, clock, dispatcher,
                    SignInThrottle(settings.sign_in_attempts, settings.sign_in_window_seconds))


# Any fixed number, the same in every process that starts the platform on one database.
STARTUP_LOCK = 0x636F757274  # "court"


@contextlib.contextmanager
def _one_starter_at_a_time(url: str) -> Iterator[None]:
    """Worker processes (`--workers N`) and instances starting together on one database migrate and seed it in
    turn: otherwise two create the same tables at once and one dies at start-up. PostgreSQL: an advisory lock;
    SQLite: an exclusive lock on a file beside the database (released by the kernel if the process dies)."""
    if url.startswith("sqlite"):
        with sqlite_file_lock(url, ".start.lock"):
            yield
        return
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": STARTUP_LOCK})
            try:
                yield
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": STARTUP_LOCK})
    finally:
        engine.dispose()
