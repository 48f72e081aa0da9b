"""API schemas (contract v1): `...Create` / `...Draft` for input, `...Public` for output.

Input models forbid unknown fields so a misspelt field is a clear 422, not silently ignored data.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_serializer

from ..domain.calendar import WEEKDAYS, as_london
from ..domain.model import HearingType
from ..domain.results import Outcome

URN_PATTERN = r"^[A-Z0-9]{6,20}$"
Weekday = Literal[WEEKDAYS]  # type: ignore[valid-type]


YEARS = range(1900, 3000)  # far enough either way for any court date; beyond, date arithmetic overflows


def _iso_8601(pattern: str, kind: type, example: str) -> Callable[[Any], Any]:
    """Dates and date-times are ISO 8601 text: a number (read as seconds since 1970) or another layout is
    refused with a field error, never guessed into a different day; so is a year no court date can have
    (year 1 or 9999 would overflow the calendar arithmetic of curfews and court lists: a 500)."""
    layout = re.compile(pattern)

    def check(value: Any) -> Any:
        if isinstance(value, str) and layout.fullmatch(value):
            year = int(value[:4])
        elif isinstance(value, kind) and (kind is datetime or not isinstance(value, datetime)):
            year = value.year
        else:
            raise ValueError(f"Enter it in ISO 8601, like {example}")
        if year not in YEARS:
            raise ValueError(f"Enter a year from {YEARS.start} to {YEARS.stop - 1}")
        return value

    return check


IsoDate = Annotated[date, BeforeValidator(_iso_8601(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", date, "2026-11-27"))]
IsoDateTime = Annotated[datetime, BeforeValidator(_iso_8601(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,6})?)?(Z|[+-][0-9]{2}:?[0-9]{2})?",
    datetime, "2026-11-27T10:00:00+00:00"))]


class Input(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TokenRequest(Input):
    username: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=1, max_length=200)


class AddressIn(Input):
    line1: str = Field(max_length=200)
    line2: str | None = Field(default=None, max_length=200)
    town: str | None = Field(default=None, max_length=100)
    postcode: str = Field(max_length=10)


class OffenceIn(Input):
    code: str = Field(min_length=1, max_length=20)
    wording: str = Field(min_length=1, max_length=500)


class DefendantCreate(Input):
    first_name: str = Field(max_length=500)
    last_name: str = Field(max_length=500)
    date_of_birth: IsoDate
    address: AddressIn
    pnc_id: str | None = Field(default=None, max_length=20)
    offences: list[OffenceIn] = Field(min_length=1, max_length=50)


class CaseCreate(Input):
    urn: str = Field(pattern=URN_PATTERN, examples=["01AB1234526"])
    court_centre: str = Field(min_length=1, max_length=10)
    prosecutor: str = Field(min_length=1, max_length=200)
    defendants: list[DefendantCreate] = Field(min_length=1, max_length=20)


class HearingCreate(Input):
    type: HearingType
    courtroom: str = Field(min_length=1, max_length=20)
    starts_at: IsoDateTime


class NextHearing(Input):
    date: IsoDate


class CurfewIn(Input):
    address: AddressIn
    start_time: time
    end_time: time
    days: list[Weekday] | None = None
    starts_at: IsoDateTime
    ends_on: IsoDate | None = None
    electronically_monitored: bool

    @field_serializer("start_time", "end_time")
    def _wall_clock(self, value: time) -> str:
        return value.strftime("%H:%M")

    @field_serializer("starts_at")
    def _london(self, value: datetime) -> str:
        return as_london(value).isoformat()


class ExclusionZoneIn(Input):
    description: str = Field(max_length=1000)
    starts_on: IsoDate
    ends_on: IsoDate | None = None
    electronically_monitored: bool


class ResultDraft(Input):
    version: int = Field(ge=1)
    outcome: Outcome
    next_hearing: NextHearing | None = None
    order_length_months: int | None = Field(default=None, ge=0, le=1000)
    curfew: CurfewIn | None = None
    exclusion_zone: ExclusionZoneIn | None = None


class ShareRequest(Input):
    version: int = Field(ge=1)


class CaseHistory(Input):
    """Test mode: past cases for one court centre, the data volume of a live platform."""

    court_centre: str
    cases: int = Field(ge=1, le=100_000)


class ClockChange(Input):
    advance_seconds: float | None = None
    now: datetime | None = None


# -- output ---------------------------------------------------------------------------------------------

class UserPublic(BaseModel):
    username: str
    role: str
    court_centre: str
    display_name: str | None = None


class TokenPublic(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int
    user: UserPublic


class CourtCentrePublic(BaseModel):
    code: str
    name: str
    kind: Literal["magistrates", "crown"]


class Page(BaseModel):
    total: int


class CourtCentreList(BaseModel):
    items: list[CourtCentrePublic]


class AddressPublic(BaseModel):
    line1: str
    line2: str | None = None
    town: str | None = None
    postcode: str


class OffencePublic(BaseModel):
    code: str
    wording: str


class DefendantPublic(BaseModel):
    id: int
    first_name: str
    last_name: str
    date_of_birth: date
    address: AddressPublic
    pnc_id: str | None
    custody_status: str
    offences: list[OffencePublic]


class ResultPublic(BaseModel):
    defendant_id: int
    status: Literal["DRAFT", "SHARED"]
    outcome: str
    next_hearing: dict | None = None
    order_length_months: int | None = None
    curfew: dict | None = None
    exclusion_zone: dict | None = None
    drafted_at: datetime
    drafted_by: str
    shared: dict | None = None
    shared_at: datetime | None = None
    shared_by: str | None = None


class HearingSummary(BaseModel):
    id: int
    type: str
    court_centre: str
    courtroom: str
    starts_at: datetime
    state: Literal["LISTED", "RESULTED", "AMENDED"]
    version: int


class DefendantSummary(BaseModel):
    id: int
    first_name: str
    last_name: str
    custody_status: str


class HearingPublic(HearingSummary):
    urn: str
    results: list[ResultPublic]
    defendants: list[DefendantSummary]


class CasePublic(BaseModel):
    urn: str
    court_centre: str
    prosecutor: str
    status: str
    defendants: list[DefendantPublic]
    hearings: list[HearingSummary]


class CaseList(Page):
    items: list[CasePublic]
    page: int
    page_size: int


class HearingList(Page):
    items: list[HearingPublic]


class EmOrderPublic(BaseModel):
    id: int
    urn: str
    defendant_id: int
    hearing_id: int
    kind: Literal["NEW", "VARIATION", "REVOCATION"]
    status: Literal["PENDING", "SENT", "ACKNOWLEDGED", "REJECTED"]
    overdue: bool
    provider_ref: str | None
    deadline: datetime
    attempts: int
    created_at: datetime
    acknowledged_at: datetime | None
    last_error: str | None = None


class EmOrderList(Page):
    items: list[EmOrderPublic]


class NotificationPublic(BaseModel):
    id: int
    agency: str
    kind: str
    urn: str
    defendant_id: int
    hearing_id: int
    em_order_id: int | None
    status: Literal["PENDING", "SENT", "FAILED"]
    attempts: int
    last_error: str | None
    created_at: datetime
    sent_at: datetime | None


class NotificationList(Page):
    items: list[NotificationPublic]


class SharedHearingPublic(HearingPublic):
    em_orders: list[EmOrderPublic]
    notifications: list[NotificationPublic]


class WorkItemPublic(BaseModel):
    kind: Literal["EM_ORDER_OVERDUE", "EM_ORDER_REJECTED", "NOTIFICATION_FAILING"]
    urn: str
    defendant_id: int
    em_order_id: int | None = None
    notification_id: int | None = None
    since: datetime
    detail: str


class WorkQueue(Page):
    items: list[WorkItemPublic]


class AuditEventPublic(BaseModel):
    id: int
    at: datetime
    actor: str
    action: str
    urn: str | None
    detail: dict


class AuditEventList(Page):
    items: list[AuditEventPublic]


class ClockPublic(BaseModel):
    now: datetime
    offset_seconds: float
