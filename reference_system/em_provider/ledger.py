"""The provider's SQLite ledger: every order and agency notification it has accepted, once per key.

The unique constraint on the idempotency key, not the lock, is what makes a replay harmless: two
processes (or two ledgers) on one file still record a key once.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

_SCHEMA = """
CREATE TABLE IF NOT EXISTS orders (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    provider_ref TEXT UNIQUE,
    idempotency_key TEXT NOT NULL UNIQUE,
    platform_order_id,            -- no type affinity: an integer id stays an integer
    kind TEXT NOT NULL,
    urn TEXT NOT NULL,
    court_centre TEXT NOT NULL,
    payload TEXT NOT NULL,
    received_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS notifications (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    reference TEXT UNIQUE,
    agency TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    notification_id,              -- no type affinity, as above
    kind TEXT NOT NULL,
    urn TEXT NOT NULL,
    payload TEXT NOT NULL,
    received_at TEXT NOT NULL,
    UNIQUE (agency, idempotency_key)
);
"""

_ORDER_COLUMNS = "provider_ref, platform_order_id, kind, idempotency_key, received_at, urn, court_centre"
_NOTIFICATION_COLUMNS = "reference, notification_id, kind, urn, idempotency_key, received_at"


@dataclass(frozen=True)
class Receipt:
    """What the provider answers for a message: its reference, and whether this call created it."""

    reference: str
    received_at: str
    created: bool


class Ledger:
    """One SQLite connection shared by the service's threads, guarded by a lock."""

    def __init__(self, path: str) -> None:
        # autocommit mode: transactions are begun explicitly where a write takes two statements
        self._connection = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=10)
        self._connection.row_factory = sqlite3.Row
        self._lock = threading.Lock()
        with self._lock:
            self._connection.execute("PRAGMA journal_mode=WAL")
            self._connection.execute("PRAGMA busy_timeout=10000")
            self._connection.execute("PRAGMA synchronous=NORMAL")
            self._connection.executescript(_SCHEMA)

    def record_order(self, idempotency_key: str, order: dict[str, Any]) -> Receipt:
        """Record an order unless its key is already known; either way, return its receipt."""
        with self._transaction() as connection:
            cursor = connection.execute(
                "INSERT INTO orders (idempotency_key, platform_order_id, kind, urn, court_centre,"
                " payload, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (idempotency_key) DO NOTHING",
                (
                    idempotency_key,
                    order["platform_order_id"],
                    order["kind"],
                    order["urn"],
                    order["court_centre"],
                    json.dumps(order, allow_nan=False),
                    _now(),
                ),
            )
            created = cursor.rowcount == 1
            if created:
                connection.execute(
                    "UPDATE orders SET provider_ref = ? WHERE seq = ?",
                    (f"EMS-{cursor.lastrowid:06d}", cursor.lastrowid),
                )
            row = connection.execute(
                "SELECT provider_ref, received_at FROM orders WHERE idempotency_key = ?", (idempotency_key,)
            ).fetchone()
        return Receipt(row["provider_ref"], row["received_at"], created)

    def list_orders(
        self, *, platform_order_id: str | None = None, urn: str | None = None, kind: str | None = None
    ) -> list[dict[str, Any]]:
        """Orders in the order they were received, optionally filtered."""
        # the platform's id may be an integer; a query string is always text, so compare as text
        where, params = _filters({"CAST(platform_order_id AS TEXT)": platform_order_id, "urn": urn, "kind": kind})
        return self._select(f"SELECT {_ORDER_COLUMNS} FROM orders {where} ORDER BY seq", params)

    def get_order(self, provider_ref: str) -> dict[str, Any] | None:
        """One order with the body the platform sent, or None."""
        rows = self._select(f"SELECT {_ORDER_COLUMNS}, payload FROM orders WHERE provider_ref = ?", [provider_ref])
        return _with_payload(rows[0]) if rows else None

    def record_notification(self, agency: str, idempotency_key: str, notification: dict[str, Any]) -> Receipt:
        """Record a notification to an agency unless that agency already has its key."""
        with self._transaction() as connection:
            cursor = connection.execute(
                "INSERT INTO notifications (agency, idempotency_key, notification_id, kind, urn,"
                " payload, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (agency, idempotency_key) DO NOTHING",
                (
                    agency,
                    idempotency_key,
                    notification["notification_id"],
                    notification["kind"],
                    notification["urn"],
                    json.dumps(notification, allow_nan=False),
                    _now(),
                ),
            )
            created = cursor.rowcount == 1
            if created:
                connection.execute(
                    "UPDATE notifications SET reference = ? WHERE seq = ?",
                    (f"{agency.upper()}-{cursor.lastrowid:06d}", cursor.lastrowid),
                )
            row = connection.execute(
                "SELECT reference, received_at FROM notifications WHERE agency = ? AND idempotency_key = ?",
                (agency, idempotency_key),
            ).fetchone()
        return Receipt(row["reference"], row["received_at"], created)

    def list_notifications(
        self,
        agency: str,
        *,
        notification_id: str | None = None,
        urn: str | None = None,
        kind: str | None = None,
    ) -> list[dict[str, Any]]:
        """One agency's notifications in the order they were received, optionally filtered."""
        where, params = _filters(
            {"agency": agency, "CAST(notification_id AS TEXT)": notification_id, "urn": urn, "kind": kind}
        )
        return self._select(f"SELECT {_NOTIFICATION_COLUMNS} FROM notifications {where} ORDER BY seq", params)

    def get_notification(self, agency: str, reference: str) -> dict[str, Any] | None:
        """One notification with the body the platform sent, or None."""
        rows = self._select(
            f"SELECT {_NOTIFICATION_COLUMNS}, payload FROM notifications WHERE agency = ? AND reference = ?",
            [agency, reference],
        )
        return _with_payload(rows[0]) if rows else None

    def clear(self) -> None:
        """Forget every order and notification.

        The sequences are kept, so a reference handed out before a reset is never handed out again.
        """
        with self._transaction() as connection:
            connection.execute("DELETE FROM orders")
            connection.execute("DELETE FROM notifications")

    def close(self) -> None:
        with self._lock:
            self._connection.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction, committed when the block ends and rolled back if it raises."""
        with self._lock:
            # IMMEDIATE takes the write lock up front, so another process cannot slip in between statements
            self._connection.execute("BEGIN IMMEDIATE")
            try:
                yield self._connection
            except BaseException:
                self._connection.execute("ROLLBACK")
                raise
            self._connection.execute("COMMIT")

    def _select(self, sql: str, params: list[Any]) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(row) for row in self._connection.execute(sql, params)]


def _filters(conditions: dict[str, str | None]) -> tuple[str, list[Any]]:
    """A WHERE clause for the conditions that were given (the column expressions are ours, not input)."""
    given = {column: value for column, value in conditions.items() if value is not None}
    if not given:
        return "", []
    return "WHERE " + " AND ".join(f"{column} = ?" for column in given), list(given.values())


def _with_payload(row: dict[str, Any]) -> dict[str, Any]:
    row["payload"] = json.loads(row["payload"])
    return row


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")
