"""Result documents (the contract's shape) told in words, for summary lists on the case and check pages."""

from __future__ import annotations

from typing import Any

from .rendering import OUTCOMES, WEEKDAYS, date_and_time, long_date


def address_text(address: dict[str, Any] | None) -> str:
    if not address:
        return ""
    return ", ".join(part for part in (address.get("line1"), address.get("line2"), address.get("town"),
                                       address.get("postcode")) if part)


def _days(days: list[str] | None) -> str:
    if not days:
        return "Every day"
    return ", ".join(WEEKDAYS.get(d, d) for d in days)


def _monitored(value: Any) -> str:
    return "Yes – electronically monitored (tag)" if value else "No"


def result_rows(doc: dict[str, Any]) -> list[tuple[str, str]]:
    """(question, answer) pairs for one defendant's result, in the order the form asks them."""
    rows = [("Outcome", OUTCOMES.get(doc.get("outcome", ""), doc.get("outcome", "")))]
    if doc.get("next_hearing"):
        rows.append(("Next hearing", long_date(doc["next_hearing"]["date"])))
    if doc.get("order_length_months"):
        months = doc["order_length_months"]
        rows.append(("Length of order", f"{months} month{'s' if months != 1 else ''}"))
    curfew = doc.get("curfew")
    if curfew:
        rows += [
            ("Curfew hours", f"{curfew['start_time']} to {curfew['end_time']}"),
            ("Curfew days", _days(curfew.get("days"))),
            ("Curfew address", address_text(curfew.get("address"))),
            ("Curfew starts", date_and_time(curfew.get("starts_at"))),
            ("Curfew ends", long_date(curfew["ends_on"]) if curfew.get("ends_on") else "Not fixed (ends with the order or at the next hearing)"),
            ("Curfew electronically monitored", _monitored(curfew.get("electronically_monitored"))),
        ]
    zone = doc.get("exclusion_zone")
    if zone:
        rows += [
            ("Exclusion zone", zone.get("description", "")),
            ("Exclusion zone starts", long_date(zone.get("starts_on"))),
            ("Exclusion zone ends", long_date(zone["ends_on"]) if zone.get("ends_on") else "Not fixed"),
            ("Exclusion zone electronically monitored", _monitored(zone.get("electronically_monitored"))),
        ]
    return rows
