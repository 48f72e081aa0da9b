"""The control API the test harness uses to inject faults and reset the ledger; mounted in test mode only.

It is left out of the OpenAPI document so that a schema-driven fuzzer pointed at the provider cannot
stumble into resetting it.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Response
from starlette.concurrency import run_in_threadpool

from reference_system.em_provider.deps import FaultsDep, LedgerDep
from reference_system.em_provider.faults import Fault, FaultInjector
from reference_system.em_provider.schemas import FaultCreate, FaultList, FaultPublic

router = APIRouter(prefix="/__control", tags=["control"], include_in_schema=False)


@router.post("/faults", status_code=201, response_model=FaultPublic)
async def inject_fault(faults: FaultsDep, spec: Annotated[FaultCreate, Body()]) -> FaultPublic:
    fields = spec.model_dump(exclude={"seconds", "count"})
    fault = Fault(**fields, remaining=getattr(spec, "count", None))
    return _public(faults.add(fault, seconds=getattr(spec, "seconds", None)), faults)


@router.get("/faults", response_model=FaultList)
async def list_faults(faults: FaultsDep) -> FaultList:
    items = [_public(fault, faults) for fault in faults.active()]
    return FaultList(items=items, total=len(items))


@router.delete("/faults", status_code=204)
async def clear_faults(faults: FaultsDep) -> Response:
    faults.clear()
    return Response(status_code=204)


@router.post("/reset", status_code=204)
async def reset(faults: FaultsDep, ledger: LedgerDep) -> Response:
    faults.clear()
    await run_in_threadpool(ledger.clear)
    return Response(status_code=204)


def _public(fault: Fault, faults: FaultInjector) -> FaultPublic:
    remaining = None if fault.until is None else round(max(fault.until - faults.now(), 0.0), 3)
    return FaultPublic(
        mode=fault.mode,
        target=fault.target,
        status=fault.status,
        ms=fault.ms,
        hang_seconds=fault.hang_seconds,
        seconds_remaining=remaining,
        count_remaining=fault.remaining,
    )
