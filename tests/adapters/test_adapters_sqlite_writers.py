"""SQLite writers queue in the process, in turn, and every way out of a write transaction lets the next one in."""

from __future__ import annotations

import threading
import time

from sqlalchemy import text

from reference_system.adapters.database import connect


def test_writers_take_turns_and_a_commit_or_a_rollback_lets_the_next_one_in(tmp_path):
    database = connect(f"sqlite:///{tmp_path / 'platform.db'}")
    with database.writing() as session, session.begin():
        session.execute(text("CREATE TABLE t (n INTEGER)"))
    order = []

    def write(n: int, fail: bool) -> None:
        try:
            with database.writing() as session, session.begin():
                session.execute(text("INSERT INTO t VALUES (:n)"), {"n": n})
                order.append(n)
                time.sleep(0.05)
                if fail:
                    raise RuntimeError("rolled back")
        except RuntimeError:
            pass

    threads = [threading.Thread(target=write, args=(n, n % 2 == 0)) for n in range(6)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    with database.reading() as session:
        kept = sorted(session.scalars(text("SELECT n FROM t")))
    assert sorted(order) == list(range(6)) and kept == [1, 3, 5]
    assert time.monotonic() - began < 5  # nobody waited for the 10 s busy timeout: each exit released the turn
    with database.writing() as session, session.begin():  # and the lock is free afterwards
        session.execute(text("DELETE FROM t"))
    database.engine.dispose()


def test_a_write_transaction_ended_on_another_thread_still_lets_the_next_writer_in(tmp_path):
    # FastAPI runs a dependency's exit (the unit of work's rollback) on a different thread from the endpoint.
    database = connect(f"sqlite:///{tmp_path / 'platform.db'}")
    session = database.writing()
    session.begin()
    session.execute(text("CREATE TABLE t (n INTEGER)"))
    ender = threading.Thread(target=lambda: (session.rollback(), session.close()))
    ender.start()
    ender.join()

    began = time.monotonic()
    with database.writing() as other, other.begin():
        other.execute(text("SELECT 1"))
    assert time.monotonic() - began < 1
    database.engine.dispose()
