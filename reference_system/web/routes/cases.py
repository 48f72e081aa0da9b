"""Cases: intake, search, and the case record; hearings are listed on a case."""

from fastapi import APIRouter, Query, Response

from ...adapters.orm import CourtCentreRow
from ...service_layer import cases, hearings
from ...service_layer.commands import CreateCase, ListHearing, NewDefendant
from .. import presenters
from ..deps import CurrentUser, PlatformDep, ReadUoW, WriteUoW
from ..schemas import (
    URN_PATTERN,
    CaseCreate,
    CaseList,
    CasePublic,
    CourtCentreList,
    HearingCreate,
    HearingPublic,
)

router = APIRouter(prefix="/api/v1", tags=["cases"])
ERRORS = {401: {}, 403: {}, 404: {}, 422: {}}


@router.get("/court-centres", response_model=CourtCentreList, responses={401: {}})
def court_centres(user: CurrentUser, uow: ReadUoW):
    rows = uow.session.query(CourtCentreRow).order_by(CourtCentreRow.code).all()
    return {"items": [{"code": r.code, "name": r.name, "kind": r.kind} for r in rows]}


@router.post("/cases", status_code=201, response_model=CasePublic, responses={**ERRORS, 409: {}})
def create_case(body: CaseCreate, user: CurrentUser, uow: WriteUoW, platform: PlatformDep, response: Response):
    command = CreateCase(
        urn=body.urn, court_centre=body.court_centre, prosecutor=body.prosecutor,
        defendants=[
            NewDefendant(first_name=d.first_name, last_name=d.last_name, date_of_birth=d.date_of_birth,
                         address=d.address.model_dump(), pnc_id=d.pnc_id,
                         offences=[o.model_dump() for o in d.offences])
            for d in body.defendants
        ],
    )
    case = cases.create_case(uow, platform.clock, user, command)
    response.headers["Location"] = f"/api/v1/cases/{case.urn}"
    return presenters.case(case)


@router.get("/cases", response_model=CaseList, responses=ERRORS)
def search_cases(user: CurrentUser, uow: ReadUoW, court_centre: str | None = Query(default=None, max_length=10),
                 q: str | None = Query(default=None, max_length=100), page: int = Query(default=1, ge=1, le=10_000),
                 page_size: int = Query(default=20, ge=1, le=100)):
    rows, total = cases.search_cases(uow, user, court_centre=court_centre, text=q, page=page, page_size=page_size)
    return {"items": [presenters.case(r) for r in rows], "total": total, "page": page, "page_size": page_size}


@router.get("/cases/{urn}", response_model=CasePublic, responses=ERRORS)
def get_case(urn: str, user: CurrentUser, uow: ReadUoW):
    return presenters.case(cases.get_case(uow, user, urn, results=False))  # the case record shows no results


@router.post("/cases/{urn}/hearings", status_code=201, response_model=HearingPublic, responses=ERRORS)
def list_hearing(urn: str, body: HearingCreate, user: CurrentUser, uow: WriteUoW, platform: PlatformDep):
    hearing = hearings.list_hearing(uow, platform.clock, user,
                                    ListHearing(urn=urn, type=body.type, courtroom=body.courtroom, starts_at=body.starts_at))
    return presenters.hearing(hearing)


__all__ = ["router", "URN_PATTERN"]
