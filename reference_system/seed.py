"""Deterministic seed data: court centres, one user per role per centre, and a court day of cases."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import insert, select

from .adapters.clock import Clock
from .adapters.database import Database
from .adapters.orm import CaseRow, CourtCentreRow, DefendantRow, HearingRow, UserRow
from .domain.calendar import LONDON
from .domain.model import CaseStatus, CustodyStatus, HearingState, HearingType, Role

COURT_CENTRES = [
    ("MAG01", "Northgate Magistrates' Court", "magistrates"),
    ("MAG02", "Southbridge Magistrates' Court", "magistrates"),
    ("CRN01", "Eastminster Crown Court", "crown"),
]
ROLE_USERNAMES = {
    Role.LISTING_OFFICER: "listing",
    Role.LEGAL_ADVISER: "adviser",
    Role.COURT_ADMIN: "admin",
    Role.AGENCY_VIEWER: "viewer",
}
_PEOPLE = [
    ("Christopher", "Adams"), ("Siân", "Evans"), ("Thi Mai", "Nguyễn"), ("Aoife", "O'Brien"),
    ("Llŷr", "ap Iorwerth"), ("Jean-Luc", "Martin"), ("Zoë", "Smith-Jones"), ("Mohammed", "Khan"),
    ("Grace", "Okafor"), ("Tomasz", "Kowalski"), ("Priya", "Patel"), ("Ewan", "MacLeod"),
]
_OFFENCES = [
    ("TH68001", "Theft from a shop"), ("CJ88116", "Assault by beating"),
    ("RT88191", "Driving while disqualified"), ("CD71039", "Criminal damage"),
]


def seed(database: Database, clock: Clock, password_hash: str, court_day: bool) -> None:
    """Write seed data into an empty database; a database that already has centres is left alone."""
    with database.writing() as session, session.begin():
        if session.scalar(select(CourtCentreRow.code).limit(1)) is not None:
            return
        for code, name, kind in COURT_CENTRES:
            session.add(CourtCentreRow(code=code, name=name, kind=kind))
            for role, prefix in ROLE_USERNAMES.items():
                session.add(UserRow(
                    username=f"{prefix}@{code}", password_hash=password_hash, role=role, court_centre=code,
                    display_name=f"{role.value.replace('_', ' ').title()} ({code})",
                ))
        session.flush()
        if court_day:
            seed_court_day(session, clock.now().astimezone(LONDON).date(), clock.now())


def seed_court_day(session, today: date, now: datetime) -> None:
    """Six cases per centre, each with a first appearance listed today across three courtrooms."""
    person = 0
    for centre_index, (code, _name, _kind) in enumerate(COURT_CENTRES):
        for n in range(6):
            urn = f"{centre_index + 1:02d}SD{today:%y%m%d}{n:02d}"
            case = CaseRow(urn=urn, court_centre=code, prosecutor="Crown Prosecution Service",
                           status=CaseStatus.ACTIVE, created_at=now)
            for position in range(1 + n % 2):
                first, last = _PEOPLE[person % len(_PEOPLE)]
                offence = _OFFENCES[person % len(_OFFENCES)]
                person += 1
                case.defendants.append(DefendantRow(
                    position=position, first_name=first, last_name=last,
                    search_name=f"{last} {first}".casefold(), date_of_birth=date(1980 + person, 1 + person % 12, 1 + person % 28),
                    address={"line1": f"{10 + person} High Street", "line2": None, "town": "Northgate", "postcode": "NG1 1AA"},
                    pnc_id=None, custody_status=CustodyStatus.NOT_APPLICABLE,
                    offences=[{"code": offence[0], "wording": offence[1]}],
                ))
            starts_at = datetime.combine(today, time(10, 0), tzinfo=LONDON) + timedelta(minutes=30 * (n // 3))
            case.hearings.append(HearingRow(
                type=HearingType.FIRST_APPEARANCE, court_centre=code, courtroom=str(1 + n % 3), starts_at=starts_at,
                state=HearingState.LISTED, version=1, created_at=now,
            ))
            session.add(case)


def seed_case_history(session, court_centre: str, cases: int, batch: str, now: datetime) -> None:
    """`cases` past cases of one centre, one defendant and one resulted hearing each, spread over the last year:
    the volume a live platform carries, which a fresh test database does not (a search that scans every case
    is fast on six). Bulk inserts, so tens of thousands take seconds. `batch` keeps the URNs unique."""
    # Oldest first, so the newest case has the highest id as on a live platform; all heard by yesterday.
    created = [now - timedelta(days=2 + 363 * (cases - 1 - n) / cases) for n in range(cases)]
    case_ids = session.scalars(
        insert(CaseRow).returning(CaseRow.id, sort_by_parameter_order=True),
        [{"urn": f"H{batch}{n:08d}", "court_centre": court_centre, "prosecutor": "Crown Prosecution Service",
          "status": CaseStatus.ACTIVE, "created_at": created[n]} for n in range(cases)],
    ).all()
    defendants, hearings = [], []
    for n, case_id in enumerate(case_ids):
        first, last = _PEOPLE[n % len(_PEOPLE)]
        offence = _OFFENCES[n % len(_OFFENCES)]
        defendants.append({
            "case_id": case_id, "position": 0, "first_name": first, "last_name": last,
            "search_name": f"{last} {first}".casefold(), "date_of_birth": date(1960 + n % 45, 1 + n % 12, 1 + n % 28),
            "address": {"line1": f"{1 + n % 200} High Street", "line2": None, "town": "Northgate", "postcode": "NG1 1AA"},
            "pnc_id": None, "custody_status": CustodyStatus.NOT_APPLICABLE,
            "offences": [{"code": offence[0], "wording": offence[1]}],
        })
        hearings.append({
            "case_id": case_id, "type": HearingType.FIRST_APPEARANCE, "court_centre": court_centre,
            "courtroom": str(1 + n % 3), "starts_at": created[n] + timedelta(days=1), "state": HearingState.RESULTED,
            "version": 1, "created_at": created[n],
        })
    session.execute(insert(DefendantRow), defendants)
    session.execute(insert(HearingRow), hearings)
