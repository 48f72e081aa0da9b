"""HTTP client for the agencies: the EM provider's order API and the prison / probation inboxes."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

import httpx


class DeliveryOutcome(StrEnum):
    DELIVERED = "DELIVERED"  # 2xx: the agency has it
    REJECTED = "REJECTED"  # 4xx: sending it again unchanged will not help
    RETRY = "RETRY"  # 5xx or no answer: try again later
    UNKNOWN = "UNKNOWN"  # time-out: it may have arrived; retry with the same idempotency key


@dataclass(frozen=True)
class Delivery:
    outcome: DeliveryOutcome
    reference: str | None = None
    error: str | None = None


class AgencyClient(Protocol):
    def deliver(self, agency: str, payload: dict[str, Any], idempotency_key: str) -> Delivery: ...


class HttpAgencyClient:
    """Posts with an `Idempotency-Key`, so a retry after a lost response cannot create a duplicate."""

    def __init__(self, base_url: str, timeout_s: float, transport: httpx.BaseTransport | None = None):
        self._client = httpx.Client(base_url=base_url, timeout=timeout_s, transport=transport)

    def deliver(self, agency: str, payload: dict[str, Any], idempotency_key: str) -> Delivery:
        path = "/orders" if agency == "em-provider" else f"/agencies/{agency}/notifications"
        try:
            response = self._client.post(path, json=payload, headers={"Idempotency-Key": idempotency_key})
        except httpx.TimeoutException as error:
            return Delivery(DeliveryOutcome.UNKNOWN, error=f"no answer within the time-out ({type(error).__name__})")
        except httpx.TransportError as error:
            return Delivery(DeliveryOutcome.RETRY, error=f"could not connect: {type(error).__name__}")
        if response.is_success:
            body = _json(response)
            return Delivery(DeliveryOutcome.DELIVERED, reference=body.get("provider_ref") or body.get("reference"))
        detail = f"HTTP {response.status_code}: {_json(response).get('detail') or response.text[:200]}"
        if 400 <= response.status_code < 500 and response.status_code not in (408, 429):
            return Delivery(DeliveryOutcome.REJECTED, error=detail)
        return Delivery(DeliveryOutcome.RETRY, error=detail)

    def close(self) -> None:
        self._client.close()


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}
