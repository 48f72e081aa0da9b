"""Notifications to the prison and probation services, for which this provider also stands in."""

from __future__ import annotations

from functools import partial
from typing import Annotated

from fastapi import APIRouter, Header, Request, Response

from reference_system.em_provider import intake
from reference_system.em_provider.deps import FaultsDep, LedgerDep, ShuttingDownDep
from reference_system.em_provider.ledger import Receipt
from reference_system.em_provider.problems import ProblemError
from reference_system.em_provider.routes.openapi import json_body, problems
from reference_system.em_provider.schemas import (
    NotificationCreate,
    NotificationDetail,
    NotificationList,
    NotificationReceipt,
)

AGENCIES = ("prison", "probation")

router = APIRouter(tags=["agencies"])


@router.post(
    "/agencies/{agency}/notifications",
    status_code=201,
    response_model=NotificationReceipt,
    responses={200: {"model": NotificationReceipt, "description": "A replay: the notification was already received"}}
    | problems(400, 404, 413, 422, 503, 504),
    openapi_extra=json_body(NotificationCreate),
)
async def receive_notification(
    request: Request,
    agency: str,
    ledger: LedgerDep,
    faults: FaultsDep,
    shutting_down: ShuttingDownDep,
    idempotency_key: Annotated[str | None, Header()] = None,
) -> Response:
    _require_known(agency)
    return await intake.receive(
        request,
        channel=agency,
        idempotency_key=idempotency_key,
        schema=NotificationCreate,
        faults=faults,
        shutting_down=shutting_down,
        record=partial(ledger.record_notification, agency),
        answer=_receipt,
    )


@router.get("/agencies/{agency}/notifications", response_model=NotificationList, responses=problems(404))
def list_notifications(
    ledger: LedgerDep,
    agency: str,
    notification_id: str | None = None,
    urn: str | None = None,
    kind: str | None = None,
) -> NotificationList:
    _require_known(agency)
    items = ledger.list_notifications(agency, notification_id=notification_id, urn=urn, kind=kind)
    return NotificationList.model_validate({"items": items, "total": len(items)})


@router.get("/agencies/{agency}/notifications/{reference}", response_model=NotificationDetail, responses=problems(404))
def read_notification(ledger: LedgerDep, agency: str, reference: str) -> NotificationDetail:
    _require_known(agency)
    notification = ledger.get_notification(agency, reference)
    if notification is None:
        raise ProblemError(404, "There is no notification with that reference.")
    return NotificationDetail.model_validate(notification)


def _require_known(agency: str) -> None:
    if agency not in AGENCIES:
        raise ProblemError(404, f"There is no agency here by that name; try one of: {', '.join(AGENCIES)}.")


def _receipt(receipt: Receipt) -> dict[str, str]:
    return {"reference": receipt.reference, "received_at": receipt.received_at}
