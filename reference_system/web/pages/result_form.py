"""The record-results form: its fields, how they become a contract result document, and back again.

Each outcome that needs more detail has its own block of fields, revealed under its radio (all blocks show
when JavaScript is off); only the chosen outcome's block is read. The document built here is validated by
the API's own schema (`ResultDraft`) and then by the domain, so both channels apply the same rules, and
every error, ours or the domain's (a dotted path such as `curfew.end_time`), lands on the field it names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, time
from typing import Any

from pydantic import ValidationError
from starlette.datastructures import FormData

from ...domain.calendar import as_london
from ...domain.errors import FieldError
from ..schemas import ResultDraft
from .forms import date_parts, date_values, error_list, parse_date, text
from .rendering import OUTCOMES, WEEKDAYS

# The block of fields each outcome reveals (outcomes without one need nothing more).
BLOCKS = {
    "ADJOURNED_UNCONDITIONAL_BAIL": "unconditional",
    "ADJOURNED_CONDITIONAL_BAIL": "bail",
    "REMANDED_IN_CUSTODY": "remand",
    "COMMUNITY_ORDER": "order",
}
WITH_NEXT_HEARING = {"unconditional", "bail", "remand"}
WITH_REQUIREMENTS = {"bail", "order"}
CURFEW, ZONE = "curfew", "exclusion-zone"
DATE_GROUPS = ("next-hearing", "curfew-starts", "curfew-ends", "zone-starts", "zone-ends")
_TIME = re.compile(r"^([01]?[0-9]|2[0-3])[:.]([0-5][0-9])$")


def field_id(block: str | None, path: str) -> str:
    """The form field (or group) for a contract path, within the chosen outcome's block."""
    p = block or "outcome"
    fixed = {
        "outcome": "outcome",
        "order_length_months": "order-length",
        "next_hearing": f"{p}-next-hearing", "next_hearing.date": f"{p}-next-hearing",
        "curfew": f"{p}-requirements", "exclusion_zone": f"{p}-requirements-2",
        "curfew.start_time": f"{p}-curfew-start", "curfew.end_time": f"{p}-curfew-end",
        "curfew.days": f"{p}-curfew-days", "curfew.starts_at": f"{p}-curfew-starts",
        "curfew.ends_on": f"{p}-curfew-ends", "curfew.electronically_monitored": f"{p}-curfew-em",
        "curfew.address": f"{p}-curfew-address-line1",
        "exclusion_zone.description": f"{p}-zone-description", "exclusion_zone.starts_on": f"{p}-zone-starts",
        "exclusion_zone.ends_on": f"{p}-zone-ends", "exclusion_zone.electronically_monitored": f"{p}-zone-em",
    }
    if path in fixed:
        return fixed[path]
    if path.startswith("curfew.address."):
        return f"{p}-curfew-address-{path.rsplit('.', 1)[1]}"
    if path.startswith("curfew.days."):
        return f"{p}-curfew-days"
    return "outcome"


@dataclass
class FormErrors:
    """Field errors keyed by field id (first message wins, as GOV.UK shows one per field)."""

    block: str | None
    messages: dict[str, str] = field(default_factory=dict)
    paths: dict[str, str] = field(default_factory=dict)

    def add(self, path: str, message: str, field_id_: str | None = None) -> None:
        target = field_id_ or field_id(self.block, path)
        if target not in self.messages:
            self.messages[target] = message
            self.paths[target] = path

    def add_domain(self, errors: list[FieldError]) -> None:
        for error in errors:
            self.add(error.field, error.message)

    def __bool__(self) -> bool:
        return bool(self.messages)

    def summary(self) -> list[dict[str, Any]]:
        anchors = {f: f"{f}-day" for f in self.messages if f.endswith(DATE_GROUPS)}
        return error_list(self.messages, self.paths, anchors)


@dataclass
class ParsedResult:
    values: dict[str, Any]
    document: dict[str, Any] | None
    errors: FormErrors


def _time(value: str) -> time | None | str:
    if not value:
        return None
    match = _TIME.match(value.replace(" ", ""))
    if not match:
        return "invalid"
    return time(int(match.group(1)), int(match.group(2)))


def _values(form: FormData) -> dict[str, Any]:
    """What the user typed, kept as typed, to show again next to any errors."""
    values: dict[str, Any] = {}
    for name in form:
        if name == "csrf_token":
            continue
        items = [v for v in form.getlist(name) if isinstance(v, str)]
        values[name] = items if name.endswith(("-requirements", "-curfew-days")) else (items[0] if items else "")
    return values


def parse(form: FormData) -> ParsedResult:
    """The result document the form describes, or the errors that stop it being one."""
    values = _values(form)
    outcome = text(form, "outcome")
    if outcome not in OUTCOMES:
        errors = FormErrors(None)
        errors.add("outcome", "Select the outcome of the hearing for this defendant")
        return ParsedResult(values, None, errors)
    block = BLOCKS.get(outcome)
    errors = FormErrors(block)
    doc: dict[str, Any] = {"outcome": outcome, "next_hearing": None, "order_length_months": None,
                           "curfew": None, "exclusion_zone": None}
    if block in WITH_NEXT_HEARING:
        day = parse_date(date_parts(form, f"{block}-next-hearing"))
        if isinstance(day, str):
            errors.add("next_hearing.date", f"The date of the next hearing {day}")
        elif day is not None:
            doc["next_hearing"] = {"date": day.isoformat()}
    if outcome == "COMMUNITY_ORDER":
        months = text(form, "order-length")
        if months and not months.isdigit():
            errors.add("order_length_months", "Enter the length of the order as a whole number of months, like 12")
        elif months:
            doc["order_length_months"] = int(months)
    if block in WITH_REQUIREMENTS:
        chosen = form.getlist(f"{block}-requirements")
        if CURFEW in chosen:
            doc["curfew"] = _curfew(form, block, errors)
        if ZONE in chosen:
            doc["exclusion_zone"] = _zone(form, block, errors)
    return ParsedResult(values, None if errors else doc, errors)


def _monitored(form: FormData, name: str, what: str, path: str, errors: FormErrors) -> bool | None:
    answer = text(form, name)
    if answer not in ("yes", "no"):
        errors.add(path, f"Select yes if the {what} is electronically monitored")
        return None
    return answer == "yes"


def _curfew(form: FormData, p: str, errors: FormErrors) -> dict[str, Any]:
    start, end = _time(text(form, f"{p}-curfew-start")), _time(text(form, f"{p}-curfew-end"))
    for path, value, words in (("curfew.start_time", start, "starts each day, like 19:00"),
                               ("curfew.end_time", end, "ends each day, like 07:00")):
        if value is None:
            errors.add(path, f"Enter the time the curfew {words}")
        elif value == "invalid":
            errors.add(path, f"Enter a time in the 24-hour clock for when the curfew {words}")
    starts_on = parse_date(date_parts(form, f"{p}-curfew-starts"))
    if starts_on is None:
        errors.add("curfew.starts_at", "Enter the date tagging starts")
    elif isinstance(starts_on, str):
        errors.add("curfew.starts_at", f"The date tagging starts {starts_on}")
    starts_time = _time(text(form, f"{p}-curfew-starts-time"))
    if starts_time is None or starts_time == "invalid":
        errors.add("curfew.starts_at", "Enter the time tagging starts in the 24-hour clock, like 17:00",
                   f"{p}-curfew-starts-time")
    ends_on = parse_date(date_parts(form, f"{p}-curfew-ends"))
    if isinstance(ends_on, str):
        errors.add("curfew.ends_on", f"The date the curfew ends {ends_on}")
    monitored = _monitored(form, f"{p}-curfew-em", "curfew", "curfew.electronically_monitored", errors)
    if errors:
        return {}
    return {
        "address": {"line1": text(form, f"{p}-curfew-address-line1"),
                    "line2": text(form, f"{p}-curfew-address-line2") or None,
                    "town": text(form, f"{p}-curfew-address-town") or None,
                    "postcode": text(form, f"{p}-curfew-address-postcode")},
        "start_time": start.strftime("%H:%M"), "end_time": end.strftime("%H:%M"),
        "days": [d for d in form.getlist(f"{p}-curfew-days") if isinstance(d, str)] or None,
        "starts_at": datetime.combine(starts_on, starts_time).isoformat(timespec="minutes"),
        "ends_on": ends_on.isoformat() if ends_on else None,
        "electronically_monitored": monitored,
    }


def _zone(form: FormData, p: str, errors: FormErrors) -> dict[str, Any]:
    starts_on = parse_date(date_parts(form, f"{p}-zone-starts"))
    if starts_on is None:
        errors.add("exclusion_zone.starts_on", "Enter the date the exclusion zone starts")
    elif isinstance(starts_on, str):
        errors.add("exclusion_zone.starts_on", f"The date the exclusion zone starts {starts_on}")
    ends_on = parse_date(date_parts(form, f"{p}-zone-ends"))
    if isinstance(ends_on, str):
        errors.add("exclusion_zone.ends_on", f"The date the exclusion zone ends {ends_on}")
    monitored = _monitored(form, f"{p}-zone-em", "exclusion zone", "exclusion_zone.electronically_monitored", errors)
    if errors:
        return {}
    return {"description": text(form, f"{p}-zone-description"), "starts_on": starts_on.isoformat(),
            "ends_on": ends_on.isoformat() if ends_on else None, "electronically_monitored": monitored}


def as_contract(document: dict[str, Any], version: int, errors: FormErrors) -> dict[str, Any] | None:
    """The document exactly as the API would store it: validated and serialised by the API's schema."""
    try:
        body = ResultDraft.model_validate({"version": version, **document})
    except ValidationError as invalid:
        for error in invalid.errors():
            path = ".".join(str(p) for p in error.get("loc", ()))
            errors.add(path or "outcome", error.get("msg", "Check this answer"))
        return None
    return body.model_dump(mode="json", exclude={"version"})


def values_of(document: dict[str, Any] | None, home_address: dict[str, Any] | None) -> dict[str, Any]:
    """Form values for a stored result (to change it), or a blank form with the home address offered."""
    values: dict[str, Any] = {}
    for p in WITH_REQUIREMENTS:
        values.update(_address_values(p, home_address))
    if not document:
        return values
    outcome = document.get("outcome")
    values["outcome"] = outcome
    p = BLOCKS.get(outcome)
    if p is None:
        return values
    if document.get("next_hearing"):
        values.update(_date_values(f"{p}-next-hearing", document["next_hearing"]["date"]))
    if document.get("order_length_months") is not None:
        values["order-length"] = str(document["order_length_months"])
    chosen = []
    curfew = document.get("curfew")
    if curfew:
        chosen.append(CURFEW)
        starts_at = as_london(datetime.fromisoformat(curfew["starts_at"]))
        values.update(_address_values(p, curfew.get("address")))
        values.update({f"{p}-curfew-start": curfew["start_time"], f"{p}-curfew-end": curfew["end_time"],
                       f"{p}-curfew-days": list(curfew.get("days") or []),
                       f"{p}-curfew-starts-time": starts_at.strftime("%H:%M"),
                       f"{p}-curfew-em": "yes" if curfew.get("electronically_monitored") else "no"})
        values.update(_date_values(f"{p}-curfew-starts", starts_at.date()))
        values.update(_date_values(f"{p}-curfew-ends", curfew.get("ends_on")))
    zone = document.get("exclusion_zone")
    if zone:
        chosen.append(ZONE)
        values.update({f"{p}-zone-description": zone.get("description", ""),
                       f"{p}-zone-em": "yes" if zone.get("electronically_monitored") else "no"})
        values.update(_date_values(f"{p}-zone-starts", zone.get("starts_on")))
        values.update(_date_values(f"{p}-zone-ends", zone.get("ends_on")))
    values[f"{p}-requirements"] = chosen
    return values


def _date_values(name: str, value: Any) -> dict[str, str]:
    return {f"{name}-{part}": v for part, v in date_values(value).items()}


def _address_values(p: str, address: dict[str, Any] | None) -> dict[str, str]:
    address = address or {}
    return {f"{p}-curfew-address-{part}": address.get(part) or "" for part in ("line1", "line2", "town", "postcode")}


__all__ = ["BLOCKS", "WEEKDAYS", "FormErrors", "ParsedResult", "as_contract", "field_id", "parse", "values_of"]
