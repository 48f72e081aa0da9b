"""Fixtures for the use-case tests: a fresh, migrated and seeded SQLite database per test, a clock that
stands still, the seed users of two court centres, and builders for cases and result documents."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from reference_system.adapters.clock import FixedClock
from reference_system.adapters.database import Database, connect, migrate
from reference_system.adapters.orm import AuditEventRow, CaseRow, EmOrderRow, HearingRow, NotificationRow
from reference_system.domain.calendar import LONDON
from reference_system.domain.model import Role
from reference_system.seed import seed
from reference_system.service_layer import cases, hearings, results
from reference_system.service_layer.access import Principal
from reference_system.service_layer.commands import CreateCase, DraftResult, ListHearing, NewDefendant, ShareResults
from reference_system.service_layer.unit_of_work import UnitOfWork

# argon2id of "court-test-password" with the smallest parameters argon2 allows: seeding and signing in
# cost microseconds instead of the recommended hash's tenths of a second per user.
SEED_PASSWORD = "court-test-password"
CHEAP_SEED_HASH = "$argon2id$v=19$m=8,t=1,p=1$Sm3YGeXpZ7Swe9wz23FtZQ$fjcbWhvgXK7wfRqv0nrBiFwAgoU89NXH4KOPmWf6aZ8"

# A summer day, so that "19:00 London" (18:00 UTC) and "19:00 UTC" cannot be confused.
MORNING_OF_THE_HEARING = datetime(2026, 7, 14, 9, 0, tzinfo=LONDON)
HEARING_STARTS_AT = datetime(2026, 7, 14, 10, 0, tzinfo=LONDON)
NEXT_HEARING_ON = date(2026, 7, 28)
TAGGING_STARTS_AT = "2026-07-14T17:00:00+01:00"


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database migrated to head and seeded with centres and users (no cases), made once per run."""
    path = tmp_path_factory.mktemp("template") / "platform.db"
    url = f"sqlite:///{path}"
    migrate(url)
    db = connect(url)
    seed(db, FixedClock(MORNING_OF_THE_HEARING), CHEAP_SEED_HASH, court_day=False)
    db.engine.dispose()  # the last connection to close checkpoints the WAL into the file
    return path


@pytest.fixture
def database(seeded_template: Path, tmp_path: Path) -> Iterator[Database]:
    """A database of this test's own: a copy of the seeded template, so no test sees another's data."""
    path = tmp_path / "platform.db"
    for suffix in ("", "-wal"):
        source = seeded_template.with_name(seeded_template.name + suffix)
        if source.exists():
            shutil.copyfile(source, path.with_name(path.name + suffix))
    db = connect(f"sqlite:///{path}")
    yield db
    db.engine.dispose()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(MORNING_OF_THE_HEARING)


def _user(role: Role, prefix: str, centre: str = "MAG01") -> Principal:
    return Principal(username=f"{prefix}@{centre}", role=role, court_centre=centre)


@pytest.fixture
def listing_officer() -> Principal:
    return _user(Role.LISTING_OFFICER, "listing")


@pytest.fixture
def legal_adviser() -> Principal:
    return _user(Role.LEGAL_ADVISER, "adviser")


@pytest.fixture
def court_admin() -> Principal:
    return _user(Role.COURT_ADMIN, "admin")


@pytest.fixture
def agency_viewer() -> Principal:
    return _user(Role.AGENCY_VIEWER, "viewer")


@pytest.fixture
def southbridge_adviser() -> Principal:
    """A legal adviser of another court centre (MAG02), who must not see MAG01's cases."""
    return _user(Role.LEGAL_ADVISER, "adviser", "MAG02")


@pytest.fixture
def southbridge_admin() -> Principal:
    return _user(Role.COURT_ADMIN, "admin", "MAG02")


def a_defendant(first_name: str = "Christopher", last_name: str = "Adams", **fields: Any) -> NewDefendant:
    values: dict[str, Any] = {
        "first_name": first_name,
        "last_name": last_name,
        "date_of_birth": date(1990, 4, 1),
        "address": {"line1": "1 High Street", "line2": None, "town": "Northgate", "postcode": "NG1 1AA"},
        "pnc_id": None,
        "offences": [{"code": "TH68001", "wording": "Theft from a shop"}],
    }
    return NewDefendant(**(values | fields))


def a_case(urn: str = "01AB1234526", *defendants: NewDefendant, court_centre: str = "MAG01") -> CreateCase:
    return CreateCase(urn=urn, court_centre=court_centre, prosecutor="Crown Prosecution Service",
                      defendants=list(defendants) or [a_defendant()])


@pytest.fixture
def new_defendant():
    """Builds a defendant for a CreateCase command; keyword arguments replace fields."""
    return a_defendant


@pytest.fixture
def new_case():
    """Builds a CreateCase command for MAG01 (one defendant unless some are given)."""
    return a_case


class Outcomes:
    """Result documents in the contract's JSON shape, as the web layer hands them to the use cases."""

    @staticmethod
    def curfew(start_time: str = "19:00", end_time: str = "07:00", **fields: Any) -> dict[str, Any]:
        values: dict[str, Any] = {
            "address": {"line1": "1 High Street", "line2": None, "town": "Northgate", "postcode": "NG1 1AA"},
            "start_time": start_time,
            "end_time": end_time,
            "days": None,
            "starts_at": TAGGING_STARTS_AT,
            "ends_on": None,
            "electronically_monitored": True,
        }
        return values | fields

    def conditional_bail_with_curfew(self, start_time: str = "19:00", end_time: str = "07:00",
                                     **curfew: Any) -> dict[str, Any]:
        return self._result("ADJOURNED_CONDITIONAL_BAIL", next_hearing={"date": NEXT_HEARING_ON.isoformat()},
                            curfew=self.curfew(start_time, end_time, **curfew))

    def unconditional_bail(self) -> dict[str, Any]:
        return self._result("ADJOURNED_UNCONDITIONAL_BAIL", next_hearing={"date": NEXT_HEARING_ON.isoformat()})

    def remanded_in_custody(self) -> dict[str, Any]:
        return self._result("REMANDED_IN_CUSTODY", next_hearing={"date": NEXT_HEARING_ON.isoformat()})

    def community_order(self, months: int = 12) -> dict[str, Any]:
        return self._result("COMMUNITY_ORDER", order_length_months=months)

    @staticmethod
    def _result(outcome: str, **fields: Any) -> dict[str, Any]:
        values: dict[str, Any] = {"outcome": outcome, "next_hearing": None, "order_length_months": None,
                                  "curfew": None, "exclusion_zone": None}
        return values | fields


@pytest.fixture
def outcomes() -> Outcomes:
    return Outcomes()


@dataclass
class Court:
    """Runs the use cases the way the web layer does, one unit of work per request, and reads back what
    they stored in a fresh transaction (so a test sees what was committed, not what a session cached)."""

    database: Database
    clock: FixedClock
    listing_officer: Principal
    legal_adviser: Principal

    def create_case(self, command: CreateCase | None = None) -> CaseRow:
        with UnitOfWork(self.database, write=True) as uow:
            return cases.create_case(uow, self.clock, self.listing_officer, command or a_case())

    def list_hearing(self, urn: str, starts_at: datetime = HEARING_STARTS_AT, type: str = "FIRST_APPEARANCE") -> HearingRow:
        with UnitOfWork(self.database, write=True) as uow:
            return hearings.list_hearing(uow, self.clock, self.listing_officer,
                                         ListHearing(urn=urn, type=type, courtroom="1", starts_at=starts_at))

    def case_with_hearing(self, *defendants: NewDefendant, urn: str = "01AB1234526") -> tuple[CaseRow, HearingRow]:
        case = self.create_case(a_case(urn, *defendants))
        return case, self.list_hearing(case.urn)

    def read(self, use_case: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run a read-only use case and hand back its answer detached, loaded as the use case left it
        (the unit of work rolls back on exit, which would otherwise expire every row it returned)."""
        with UnitOfWork(self.database) as uow:
            answer = use_case(uow, *args, **kwargs)
            uow.session.expunge_all()
            return answer

    def hearing(self, hearing_id: int) -> HearingRow:
        return self.read(hearings.get_hearing, self.legal_adviser, hearing_id)

    def draft(self, hearing_id: int, defendant_id: int, document: dict[str, Any], version: int | None = None) -> HearingRow:
        version = self.hearing(hearing_id).version if version is None else version
        with UnitOfWork(self.database, write=True) as uow:
            return results.draft_result(uow, self.clock, self.legal_adviser,
                                        DraftResult(hearing_id=hearing_id, defendant_id=defendant_id,
                                                    version=version, result=document))

    def share(self, hearing_id: int, version: int | None = None):
        version = self.hearing(hearing_id).version if version is None else version
        with UnitOfWork(self.database, write=True) as uow:
            return results.share_results(uow, self.clock, self.legal_adviser,
                                         ShareResults(hearing_id=hearing_id, version=version))

    def draft_and_share(self, hearing_id: int, *drafts: tuple[int, dict[str, Any]]):
        for defendant_id, document in drafts:
            self.draft(hearing_id, defendant_id, document)
        return self.share(hearing_id)

    def later(self, hours: float = 1) -> None:
        self.clock.advance(timedelta(hours=hours))

    def orders(self, defendant_id: int | None = None) -> list[EmOrderRow]:
        query = select(EmOrderRow).order_by(EmOrderRow.id)
        if defendant_id is not None:
            query = query.where(EmOrderRow.defendant_id == defendant_id)
        with self.database.reading() as session:
            return list(session.scalars(query))

    def notifications(self, agency: str | None = None, defendant_id: int | None = None) -> list[NotificationRow]:
        query = select(NotificationRow).order_by(NotificationRow.id)
        if agency is not None:
            query = query.where(NotificationRow.agency == agency)
        if defendant_id is not None:
            query = query.where(NotificationRow.defendant_id == defendant_id)
        with self.database.reading() as session:
            return list(session.scalars(query))

    def audit_actions(self, urn: str | None = None) -> list[str]:
        query = select(AuditEventRow.action).order_by(AuditEventRow.id)
        if urn is not None:
            query = query.where(AuditEventRow.urn == urn)
        with self.database.reading() as session:
            return list(session.scalars(query))


@pytest.fixture
def court(database: Database, clock: FixedClock, listing_officer: Principal, legal_adviser: Principal) -> Court:
    return Court(database, clock, listing_officer, legal_adviser)
