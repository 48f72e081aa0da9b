"""SQLite connection pool: a thread that holds the write lock never waits for a connection."""

from __future__ import annotations

from sqlalchemy import text

from reference_system.adapters.database import connect

REQUEST_THREADS, DISPATCHER_THREADS = 40, 5  # anyio's default thread limit; the dispatcher and its deliveries


def test_every_thread_can_hold_two_connections_at_once(tmp_path):
    database = connect(f"sqlite:///{tmp_path / 'platform.db'}")
    connections = []
    try:
        for _ in range(2 * (REQUEST_THREADS + DISPATCHER_THREADS)):
            connection = database.engine.connect()
            connection.execute(text("SELECT 1"))
            connections.append(connection)
    finally:
        for connection in connections:
            connection.close()
        database.engine.dispose()
    assert len(connections) == 90
