"""The provider's API schemas: what it accepts from the platform and the test harness, and what it answers."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr

Text = Annotated[StrictStr, Field(min_length=1, max_length=200)]
# the platform's ids are integers, another platform's may be strings; either way the type is kept
# (within SQLite's 64-bit integers)
ExternalId = (
    Annotated[StrictInt, Field(ge=-(2**63), le=2**63 - 1)] | Annotated[StrictStr, Field(min_length=1, max_length=200)]
)


class OrderCreate(BaseModel):
    """An EM order as the platform sends it; fields beyond these are kept in the ledger as sent."""

    model_config = ConfigDict(extra="allow")

    platform_order_id: ExternalId
    kind: Literal["NEW", "VARIATION", "REVOCATION"]
    urn: Text
    court_centre: Text
    device_wearer: dict[str, Any]
    curfew: dict[str, Any] | None = None
    exclusion_zone: dict[str, Any] | None = None


class NotificationCreate(BaseModel):
    """A notification to the prison or probation service; the rest of the body is free."""

    model_config = ConfigDict(extra="allow")

    notification_id: ExternalId
    kind: Text
    urn: Text


class OrderReceipt(BaseModel):
    provider_ref: str
    received_at: str


class NotificationReceipt(BaseModel):
    reference: str
    received_at: str


class OrderPublic(BaseModel):
    provider_ref: str
    platform_order_id: int | str
    kind: str
    idempotency_key: str
    received_at: str
    urn: str
    court_centre: str


class OrderDetail(OrderPublic):
    payload: dict[str, Any]


class OrderList(BaseModel):
    items: list[OrderPublic]
    total: int


class NotificationPublic(BaseModel):
    reference: str
    notification_id: int | str
    kind: str
    urn: str
    idempotency_key: str
    received_at: str


class NotificationDetail(NotificationPublic):
    payload: dict[str, Any]


class NotificationList(BaseModel):
    items: list[NotificationPublic]
    total: int


class Health(BaseModel):
    status: Literal["ok"]


# Control API (test mode). Unknown fields are refused so that a typo ("secs") is not silently "for ever".

Seconds = Annotated[float, Field(gt=0, le=86_400, allow_inf_nan=False)]
Target = Literal["all", "orders", "notifications", "prison", "probation"]


class _FaultCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    target: Target = "all"


class OutageCreate(_FaultCreate):
    mode: Literal["outage"]
    status: int = Field(503, ge=400, le=599)
    seconds: Seconds | None = None


class LatencyCreate(_FaultCreate):
    mode: Literal["latency"]
    ms: int = Field(ge=1, le=120_000)
    seconds: Seconds | None = None


class TimeoutCreate(_FaultCreate):
    mode: Literal["timeout"]
    seconds: Seconds | None = None
    hang_seconds: float = Field(30.0, gt=0, le=600, allow_inf_nan=False)


class RejectCreate(_FaultCreate):
    mode: Literal["reject"]
    count: int = Field(1, ge=1, le=1_000_000)


class LoseResponseCreate(_FaultCreate):
    mode: Literal["lose-response"]
    count: int = Field(1, ge=1, le=1_000_000)


FaultCreate = Annotated[
    OutageCreate | LatencyCreate | TimeoutCreate | RejectCreate | LoseResponseCreate,
    Field(discriminator="mode"),
]


class FaultPublic(BaseModel):
    mode: str
    target: str
    status: int | None = None
    ms: int | None = None
    hang_seconds: float | None = None
    seconds_remaining: float | None = None
    count_remaining: int | None = None


class FaultList(BaseModel):
    items: list[FaultPublic]
    total: int


class FieldError(BaseModel):
    field: str
    message: str


class Problem(BaseModel):
    """RFC 9457 problem details, with the field errors the platform's contract also uses."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    errors: list[FieldError] = []
