"""Translate stored result documents (the contract's JSON shape) into domain values and back."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from ..domain.curfew import Curfew, ExclusionZone
from ..domain.people import Address
from ..domain.results import Outcome, Result


def address_from(doc: dict[str, Any] | None) -> Address | None:
    if doc is None:
        return None
    return Address(line1=doc.get("line1") or "", postcode=doc.get("postcode") or "", line2=doc.get("line2"), town=doc.get("town"))


def result_from(doc: dict[str, Any]) -> Result:
    """A domain Result from a stored or submitted result document."""
    next_hearing = doc.get("next_hearing")
    curfew, zone = doc.get("curfew"), doc.get("exclusion_zone")
    return Result(
        outcome=Outcome(doc["outcome"]),
        next_hearing_date=date.fromisoformat(next_hearing["date"]) if next_hearing else None,
        order_length_months=doc.get("order_length_months"),
        curfew=None
        if curfew is None
        else Curfew(
            address=address_from(curfew.get("address")),
            start_time=time.fromisoformat(curfew["start_time"]),
            end_time=time.fromisoformat(curfew["end_time"]),
            starts_at=datetime.fromisoformat(curfew["starts_at"]),
            ends_on=date.fromisoformat(curfew["ends_on"]) if curfew.get("ends_on") else None,
            days=tuple(curfew["days"]) if curfew.get("days") is not None else None,
            electronically_monitored=bool(curfew.get("electronically_monitored", True)),
        ),
        exclusion_zone=None
        if zone is None
        else ExclusionZone(
            description=zone.get("description") or "",
            starts_on=date.fromisoformat(zone["starts_on"]),
            ends_on=date.fromisoformat(zone["ends_on"]) if zone.get("ends_on") else None,
            electronically_monitored=bool(zone.get("electronically_monitored", True)),
        ),
    )
