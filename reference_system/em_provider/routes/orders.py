"""EM orders: the platform sends them here, and the gate reads the ledger back to reconcile."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Request, Response

from reference_system.em_provider import intake
from reference_system.em_provider.deps import FaultsDep, LedgerDep, ShuttingDownDep
from reference_system.em_provider.ledger import Receipt
from reference_system.em_provider.problems import ProblemError
from reference_system.em_provider.routes.openapi import json_body, problems
from reference_system.em_provider.schemas import OrderCreate, OrderDetail, OrderList, OrderReceipt

router = APIRouter(tags=["orders"])


@router.post(
    "/orders",
    status_code=201,
    response_model=OrderReceipt,
    responses={200: {"model": OrderReceipt, "description": "A replay: the order was already received"}}
    | problems(400, 413, 422, 503, 504),
    openapi_extra=json_body(OrderCreate),
)
async def receive_order(
    request: Request,
    ledger: LedgerDep,
    faults: FaultsDep,
    shutting_down: ShuttingDownDep,
    idempotency_key: Annotated[str | None, Header()] = None,
) -> Response:
    return await intake.receive(
        request,
        channel="orders",
        idempotency_key=idempotency_key,
        schema=OrderCreate,
        faults=faults,
        shutting_down=shutting_down,
        record=ledger.record_order,
        answer=_receipt,
    )


@router.get("/orders", response_model=OrderList)
def list_orders(
    ledger: LedgerDep, platform_order_id: str | None = None, urn: str | None = None, kind: str | None = None
) -> OrderList:
    items = ledger.list_orders(platform_order_id=platform_order_id, urn=urn, kind=kind)
    return OrderList.model_validate({"items": items, "total": len(items)})


@router.get("/orders/{provider_ref}", response_model=OrderDetail, responses=problems(404))
def read_order(ledger: LedgerDep, provider_ref: str) -> OrderDetail:
    order = ledger.get_order(provider_ref)
    if order is None:
        raise ProblemError(404, "There is no order with that reference.")
    return OrderDetail.model_validate(order)


def _receipt(receipt: Receipt) -> dict[str, str]:
    return {"provider_ref": receipt.reference, "received_at": receipt.received_at}
