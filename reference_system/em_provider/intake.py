"""The path every order and notification takes in: injected faults, the key and body checks, the ledger.

The order matters. Outages, latency and time-outs act before anything is read, as a network or a down
service would; a rejection is the provider refusing a well-formed message; a lost response happens after
the message is safely recorded, which is what makes it a test of the sender's idempotency.
"""

from __future__ import annotations

import asyncio
import json
import math
import time
from collections.abc import Callable
from typing import Any

from fastapi import Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ValidationError
from starlette.concurrency import run_in_threadpool

from reference_system.em_provider.faults import FaultInjector
from reference_system.em_provider.ledger import Receipt
from reference_system.em_provider.problems import ProblemError, field_errors, problem

MAX_BODY_BYTES = 1_000_000
MAX_KEY_LENGTH = 200
_HANG_POLL_SECONDS = 0.1


async def receive(
    request: Request,
    *,
    channel: str,
    idempotency_key: str | None,
    schema: type[BaseModel],
    faults: FaultInjector,
    shutting_down: Callable[[], bool],
    record: Callable[[str, dict[str, Any]], Receipt],
    answer: Callable[[Receipt], dict[str, str]],
) -> Response:
    """Take one message on `channel` (`orders`, `prison` or `probation`) and answer 201, 200 or a problem."""
    refused = await _act_out_transport_faults(request, faults, channel, shutting_down)
    if refused is not None:
        return refused
    key = _require_key(idempotency_key)
    body = await _read_json(request)
    try:
        schema.model_validate(body)
    except ValidationError as error:
        raise ProblemError(422, "The message is not valid.", field_errors(error.errors())) from None
    if faults.take("reject", channel):
        return problem(422, "rejected by provider", title="Rejected by provider")
    # SQLite may wait on its busy timeout; that must not stall the event loop (and other requests' faults)
    receipt = await run_in_threadpool(record, key, body)
    if faults.take("lose-response", channel):
        return problem(503, "The message was recorded but its response was lost (simulated).")
    return JSONResponse(answer(receipt), status_code=201 if receipt.created else 200)


async def _act_out_transport_faults(
    request: Request, faults: FaultInjector, channel: str, shutting_down: Callable[[], bool]
) -> Response | None:
    delay_ms = faults.latency_ms(channel)
    if delay_ms:
        await asyncio.sleep(delay_ms / 1000)
    hang_seconds = faults.hang_seconds(channel)
    if hang_seconds is not None:
        await _hang(request, hang_seconds, shutting_down)
        return problem(504, "The provider did not answer in time (simulated).")
    status = faults.outage_status(channel)
    if status is not None:
        return problem(status, "The provider is unavailable (simulated outage).")
    return None


async def _hang(request: Request, seconds: float, shutting_down: Callable[[], bool]) -> None:
    """Wait `seconds`, or until the client gives up or the server is stopping.

    Abandoned requests then do not pile up, and a stop is not held up (or ended with a 500) by a hang.
    """
    deadline = time.monotonic() + seconds
    while (remaining := deadline - time.monotonic()) > 0:
        if shutting_down() or await request.is_disconnected():
            return
        await asyncio.sleep(min(_HANG_POLL_SECONDS, remaining))


def _require_key(idempotency_key: str | None) -> str:
    if idempotency_key is None or not idempotency_key.strip():
        raise ProblemError(400, "An Idempotency-Key header is required.", [("Idempotency-Key", "is required")])
    if len(idempotency_key) > MAX_KEY_LENGTH:
        raise ProblemError(
            400,
            "The Idempotency-Key header is too long.",
            [("Idempotency-Key", f"must be at most {MAX_KEY_LENGTH} characters")],
        )
    return idempotency_key


async def _read_json(request: Request) -> Any:
    raw = await request.body()
    if len(raw) > MAX_BODY_BYTES:
        raise ProblemError(413, f"The body is larger than {MAX_BODY_BYTES} bytes.")
    try:
        body = json.loads(raw, parse_constant=_refuse_constant, parse_float=_finite_float)
        # a lone surrogate parses but could never be written back out as UTF-8
        json.dumps(body, ensure_ascii=False).encode("utf-8")
    except (ValueError, RecursionError, UnicodeError):
        raise ProblemError(422, "The body is not valid JSON.", [("body", "is not valid JSON")]) from None
    return body


def _refuse_constant(name: str) -> float:
    raise ValueError(f"{name} is not JSON")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text} is out of range")
    return value
