"""Hearings: the court list, a hearing's results, drafting and sharing."""

from fastapi import APIRouter, Query

from ...service_layer import hearings, results
from ...service_layer.commands import DraftResult, ShareResults
from .. import presenters
from ..deps import CurrentUser, PlatformDep, ReadUoW, WriteUoW
from ..schemas import HearingList, HearingPublic, IsoDate, ResultDraft, SharedHearingPublic, ShareRequest

router = APIRouter(prefix="/api/v1", tags=["hearings"])
ERRORS = {401: {}, 403: {}, 404: {}, 409: {}, 422: {}}


@router.get("/hearings", response_model=HearingList, responses=ERRORS)
def court_list(user: CurrentUser, uow: ReadUoW, platform: PlatformDep,
               court_centre: str | None = Query(default=None, max_length=10), date: IsoDate | None = None):
    rows = hearings.court_list(uow, platform.clock, user, court_centre, date)
    return {"items": [presenters.hearing(r) for r in rows], "total": len(rows)}


@router.get("/hearings/{hearing_id}", response_model=HearingPublic, responses=ERRORS)
def get_hearing(hearing_id: int, user: CurrentUser, uow: ReadUoW):
    return presenters.hearing(hearings.get_hearing(uow, user, hearing_id))


@router.put("/hearings/{hearing_id}/results/{defendant_id}", response_model=HearingPublic, responses=ERRORS)
def draft_result(hearing_id: int, defendant_id: int, body: ResultDraft, user: CurrentUser, uow: WriteUoW,
                 platform: PlatformDep):
    document = body.model_dump(mode="json", exclude={"version"})
    hearing = results.draft_result(uow, platform.clock, user,
                                   DraftResult(hearing_id=hearing_id, defendant_id=defendant_id, version=body.version,
                                               result=document))
    return presenters.hearing(hearing)


@router.post("/hearings/{hearing_id}/share", response_model=SharedHearingPublic, responses=ERRORS)
def share(hearing_id: int, body: ShareRequest, user: CurrentUser, uow: WriteUoW, platform: PlatformDep):
    hearing, orders, notifications = results.share_results(
        uow, platform.clock, user, ShareResults(hearing_id=hearing_id, version=body.version)
    )
    platform.dispatcher.wake()
    return {
        **presenters.hearing(hearing),
        "em_orders": [presenters.em_order(o) for o in orders],
        "notifications": [presenters.notification(n) for n in notifications],
    }
