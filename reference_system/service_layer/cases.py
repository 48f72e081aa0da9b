"""Case intake and case search."""

from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from ..adapters.clock import Clock
from ..adapters.orm import CaseRow, DefendantRow, HearingRow
from ..domain.errors import FieldError, ValidationFailed, prefixed
from ..domain.model import CaseStatus, CustodyStatus
from ..domain.people import (
    address_errors,
    date_of_birth_errors,
    name_errors,
    normalise_postcode,
    pnc_id_errors,
)
from . import audit
from .access import Principal, require, require_centre
from .commands import CreateCase, NewDefendant
from .errors import DuplicateReference, NotFound
from .mappers import address_from
from .unit_of_work import UnitOfWork

SEARCH_KEY_LENGTH = 220


def create_case(uow: UnitOfWork, clock: Clock, user: Principal, command: CreateCase) -> CaseRow:
    require(user, "create_case")
    if command.court_centre != user.court_centre:
        raise ValidationFailed([FieldError("court_centre", "You can only create cases for your own court centre")])
    now = clock.now()
    errors: list[FieldError] = []
    for index, defendant in enumerate(command.defendants):
        errors += prefixed(_defendant_errors(defendant, now.date()), f"defendants.{index}")
    if errors:
        raise ValidationFailed(errors)
    if uow.session.scalar(select(CaseRow.id).where(CaseRow.urn == command.urn)) is not None:
        raise DuplicateReference(f"A case with URN {command.urn} already exists")
    case = CaseRow(
        urn=command.urn, court_centre=command.court_centre, prosecutor=command.prosecutor,
        status=CaseStatus.ACTIVE, created_at=now, hearings=[],  # known empty: presenting it needs no query
    )
    for position, d in enumerate(command.defendants):
        address = dict(d.address)
        address["postcode"] = normalise_postcode(address["postcode"])
        case.defendants.append(
            DefendantRow(
                position=position, first_name=d.first_name, last_name=d.last_name,
                search_name=search_key(d.last_name, d.first_name), date_of_birth=d.date_of_birth,
                address=address, pnc_id=d.pnc_id, custody_status=CustodyStatus.NOT_APPLICABLE,
                offences=d.offences,
            )
        )
    uow.session.add(case)
    audit.record(uow.session, now, user.username, "CASE_CREATED", case.urn, case.court_centre,
                 defendants=len(case.defendants))
    try:
        uow.commit()
    except IntegrityError as error:  # a concurrent create of the same URN won the race
        raise DuplicateReference(f"A case with URN {command.urn} already exists") from error
    return case


def search_key(last_name: str, first_name: str) -> str:
    """The indexed "last first" key search runs on; case-folding can lengthen a name ("ß" -> "ss"), so it is
    cut to the column's width (a prefix search needs only the start)."""
    return f"{last_name} {first_name}".casefold()[:SEARCH_KEY_LENGTH]


def _defendant_errors(defendant: NewDefendant, today) -> list[FieldError]:
    errors = name_errors(defendant.first_name, "first_name") + name_errors(defendant.last_name, "last_name")
    errors += date_of_birth_errors(defendant.date_of_birth, today, "date_of_birth")
    errors += address_errors(address_from(defendant.address), "address")
    errors += pnc_id_errors(defendant.pnc_id, "pnc_id")
    if not defendant.offences:
        errors.append(FieldError("offences", "Add at least one offence"))
    return errors


def get_case(uow: UnitOfWork, user: Principal, urn: str, *, hearings: bool = True, results: bool = True) -> CaseRow:
    """The case with its defendants and, unless the caller does without them, its hearings and their results
    (each is one more query: listing a hearing needs neither, the API's case record no results)."""
    require(user, "read_cases")
    options = [selectinload(CaseRow.defendants)]
    if hearings:
        options.append(selectinload(CaseRow.hearings).selectinload(HearingRow.results) if results
                       else selectinload(CaseRow.hearings))
    case = uow.session.scalar(select(CaseRow).where(CaseRow.urn == urn).options(*options))
    if case is None:
        raise NotFound(f"No case with URN {urn}")
    require_centre(user, case.court_centre, f"No case with URN {urn}")
    return case


def search_cases(
    uow: UnitOfWork, user: Principal, *, court_centre: str | None, text: str | None, page: int, page_size: int
) -> tuple[list[CaseRow], int]:
    """Cases of the user's centre, newest first, matching a URN or the start of a defendant's surname."""
    require(user, "read_cases")
    centre = court_centre or user.court_centre
    require_centre(user, centre, f"No court centre {centre} for you")
    query = select(CaseRow).where(CaseRow.court_centre == centre)
    if text:
        needle = text.strip().casefold()
        # A range on the indexed "last first" key: a prefix search that never scans every defendant.
        matching_defendants = select(DefendantRow.case_id).where(
            DefendantRow.search_name >= needle, DefendantRow.search_name < needle + "\uffff"
        )
        query = query.where(or_(CaseRow.urn == text.strip().upper(), CaseRow.id.in_(matching_defendants)))
    total = uow.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = uow.session.scalars(
        query.options(selectinload(CaseRow.defendants), selectinload(CaseRow.hearings))
        .order_by(CaseRow.id.desc()).offset((page - 1) * page_size).limit(page_size)
    ).all()
    return list(rows), total
