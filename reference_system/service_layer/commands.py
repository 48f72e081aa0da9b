"""Commands: what a user asks the platform to do, as plain data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True)
class NewDefendant:
    first_name: str
    last_name: str
    date_of_birth: date
    address: dict[str, Any]
    pnc_id: str | None
    offences: list[dict[str, str]]


@dataclass(frozen=True)
class CreateCase:
    urn: str
    court_centre: str
    prosecutor: str
    defendants: list[NewDefendant]


@dataclass(frozen=True)
class ListHearing:
    urn: str
    type: str
    courtroom: str
    starts_at: datetime


@dataclass(frozen=True)
class DraftResult:
    hearing_id: int
    defendant_id: int
    version: int
    result: dict[str, Any]


@dataclass(frozen=True)
class ShareResults:
    hearing_id: int
    version: int
