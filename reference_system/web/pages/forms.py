"""Form plumbing shared by the pages: field errors, error-summary links, GOV.UK date inputs."""

from __future__ import annotations

from datetime import date
from typing import Any

from starlette.datastructures import FormData


def error_list(errors: dict[str, str], fields: dict[str, str] | None = None,
               anchors: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """The error summary's links, in the order given; each links to the field (or its first box).

    `fields` maps a field id to the contract's dotted path, carried as `data-field` so that a reader of the
    page (assistive tech ignores it; a test reads it) can tell which rule was broken. `anchors` names the
    element to link to when it is not the field id itself (a date's day box).
    """
    items = []
    for field_id, message in errors.items():
        item: dict[str, Any] = {"text": message, "href": f"#{(anchors or {}).get(field_id, field_id)}"}
        if fields and field_id in fields:
            item["attributes"] = {"data-field": fields[field_id]}
        items.append(item)
    return items


def text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def date_parts(form: FormData, name: str) -> dict[str, str]:
    return {part: text(form, f"{name}-{part}") for part in ("day", "month", "year")}


def parse_date(parts: dict[str, str]) -> date | None | str:
    """A date from day/month/year boxes: None when all are empty, or the reason it is not a real date."""
    if not any(parts.values()):
        return None
    missing = [p for p in ("day", "month", "year") if not parts[p]]
    if missing:
        return f"must include a {' and '.join(missing)}"
    try:
        day, month, year = int(parts["day"]), int(parts["month"]), int(parts["year"])
        if year < 1000:
            return "must include a 4-digit year"
        return date(year, month, day)
    except ValueError:
        return "must be a real date"


def date_values(value: str | date | None) -> dict[str, str]:
    """Day/month/year box values for a stored ISO date (or date-time)."""
    if not value:
        return {"day": "", "month": "", "year": ""}
    day = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    return {"day": str(day.day), "month": str(day.month), "year": str(day.year)}
