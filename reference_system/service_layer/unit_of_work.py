"""The unit of work: one transaction that commits explicitly and rolls back by default."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy.orm import Session

from ..adapters.database import Database


class UnitOfWork:
    """`with UnitOfWork(db, write=True) as uow: ...; uow.commit()` — anything not committed is undone."""

    session: Session

    def __init__(self, database: Database, *, write: bool = False):
        self._factory = database.writing if write else database.reading
        self._database, self._write = database, write
        self._committed = False

    def __enter__(self) -> UnitOfWork:
        self.session = self._factory()
        self.session.begin()
        self._committed = False
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None):
        # Roll back unless the work was committed and nothing changed since: a rollback would also expire
        # the committed objects the caller is still presenting. close() ends the read transaction either way.
        changed_since = self.session.new or self.session.dirty or self.session.deleted
        if exc_type is not None or not self._committed or changed_since:
            self.session.rollback()
        self.session.close()

    def commit(self) -> None:
        self.session.commit()
        self._committed = True
        if self._write:
            # What is read after the commit (presenting what was written) is a plain read: it must not take
            # the database's write lock again and keep it until the unit of work is closed.
            self.session.bind = self._database.engine
