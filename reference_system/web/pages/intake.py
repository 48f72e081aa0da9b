"""Opening a case and listing a hearing (listing officers): the API's schemas and use cases, as forms.

Names are passed on exactly as typed (no trimming): a name is kept as the person spells it, and the
domain, not the page, decides what it accepts.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import Request
from pydantic import ValidationError
from starlette.datastructures import FormData

from ...domain.errors import ValidationFailed
from ...service_layer import cases, hearings
from ...service_layer.access import require
from ...service_layer.commands import CreateCase, ListHearing, NewDefendant
from ...service_layer.errors import DuplicateReference
from ..deps import PlatformDep, ReadUoW, WriteUoW
from ..schemas import CaseCreate, HearingCreate
from .forms import date_parts, error_list, parse_date, text
from .rendering import render
from .routing import CheckedForm, PageUser, page_router, see_other

router = page_router()
MAX_DEFENDANTS = 20
_DEFENDANT_FIELDS = {
    "first_name": "first-name", "last_name": "last-name", "date_of_birth": "dob", "pnc_id": "pnc",
    "address": "address-line1", "offences": "offence-code",
}
_TIME_FORMAT = "%H:%M"


class Errors:
    """Field errors keyed by field id, with the contract path each one is about (first message wins)."""

    def __init__(self) -> None:
        self.messages: dict[str, str] = {}
        self.paths: dict[str, str] = {}

    def add(self, field_id: str, path: str, message: str) -> None:
        if field_id not in self.messages:
            self.messages[field_id], self.paths[field_id] = message, path

    def summary(self) -> list[dict[str, Any]]:
        anchors = {f: f"{f}-day" for f in self.messages if f.endswith(("-dob", "hearing-date"))}
        return error_list(self.messages, self.paths, anchors)

    def __bool__(self) -> bool:
        return bool(self.messages)


def case_field_id(path: str) -> str:
    """The form field for a contract path of a new case (`defendants.0.address.postcode`, `urn`, ...)."""
    parts = path.split(".")
    if parts[0] != "defendants" or len(parts) < 2 or not parts[1].isdigit():
        return {"prosecutor": "prosecutor"}.get(parts[0], "urn")
    prefix, rest = f"defendant-{int(parts[1]) + 1}", parts[2:]
    if not rest:
        return f"{prefix}-first-name"
    if rest[0] == "address" and len(rest) > 1:
        return f"{prefix}-address-{rest[1]}"
    if rest[0] == "offences":
        return f"{prefix}-offence-{rest[2] if len(rest) > 2 and rest[2] in ('code', 'wording') else 'code'}"
    return f"{prefix}-{_DEFENDANT_FIELDS.get(rest[0], 'first-name')}"


def _raw(form: FormData, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


def _values(form: FormData) -> dict[str, str]:
    return {name: value for name, value in form.items() if name != "csrf_token" and isinstance(value, str)}


def _count(form: FormData | None) -> int:
    raw = text(form, "defendant-count") if form is not None else ""
    return min(max(int(raw), 1), MAX_DEFENDANTS) if raw.isdigit() else 1


def _case_document(form: FormData, centre: str, count: int, errors: Errors) -> dict[str, Any]:
    defendants = []
    for n in range(1, count + 1):
        p = f"defendant-{n}"
        born = parse_date(date_parts(form, f"{p}-dob"))
        if born is None:
            errors.add(f"{p}-dob", f"defendants.{n - 1}.date_of_birth", "Enter the defendant's date of birth")
        elif isinstance(born, str):
            errors.add(f"{p}-dob", f"defendants.{n - 1}.date_of_birth", f"The date of birth {born}")
        defendants.append({
            "first_name": _raw(form, f"{p}-first-name"), "last_name": _raw(form, f"{p}-last-name"),
            "date_of_birth": born.isoformat() if born and not isinstance(born, str) else None,
            "address": {"line1": _raw(form, f"{p}-address-line1"), "line2": _raw(form, f"{p}-address-line2") or None,
                        "town": _raw(form, f"{p}-address-town") or None,
                        "postcode": text(form, f"{p}-address-postcode")},
            "pnc_id": text(form, f"{p}-pnc") or None,
            "offences": [{"code": text(form, f"{p}-offence-code"), "wording": _raw(form, f"{p}-offence-wording")}],
        })
    return {"urn": text(form, "urn").upper(), "court_centre": centre, "prosecutor": _raw(form, "prosecutor"),
            "defendants": defendants}


def _schema_errors(invalid: ValidationError, errors: Errors, field_for) -> None:
    for error in invalid.errors():
        path = ".".join(str(p) for p in error.get("loc", ()))
        message = error.get("msg", "Check this answer")
        if error.get("type") == "string_pattern_mismatch" and path == "urn":
            message = "Enter a case reference of 6 to 20 capital letters and digits, like 01AB1234526"
        elif path == "type":
            message = "Select the type of hearing"
        elif error.get("type") in ("string_too_short", "missing"):
            message = "Enter this"
        errors.add(field_for(path), path, message)


def _case_form(request: Request, values: dict[str, str], count: int, errors: Errors | None = None, status_code: int = 200):
    errors = errors or Errors()
    return render(request, "open_case.html", {
        "section": "cases", "values": values, "count": count, "errors": errors.messages,
        "error_list": errors.summary(), "max_defendants": MAX_DEFENDANTS,
    }, status_code=status_code)


@router.get("/cases/new")
def open_case_page(request: Request, user: PageUser):
    require(user, "create_case")
    return _case_form(request, {"prosecutor": "Crown Prosecution Service"}, 1)


@router.post("/cases/new")
def open_case(request: Request, form: CheckedForm, user: PageUser, uow: WriteUoW, platform: PlatformDep):
    require(user, "create_case")
    count, values = _count(form), _values(form)
    if form.get("action") == "add-defendant":
        return _case_form(request, values, min(count + 1, MAX_DEFENDANTS))
    errors = Errors()
    document = _case_document(form, user.court_centre, count, errors)
    if not errors:
        try:
            body = CaseCreate.model_validate(document)
        except ValidationError as invalid:
            _schema_errors(invalid, errors, case_field_id)
        else:
            command = CreateCase(
                urn=body.urn, court_centre=body.court_centre, prosecutor=body.prosecutor,
                defendants=[NewDefendant(first_name=d.first_name, last_name=d.last_name, date_of_birth=d.date_of_birth,
                                         address=d.address.model_dump(), pnc_id=d.pnc_id,
                                         offences=[o.model_dump() for o in d.offences]) for d in body.defendants])
            try:
                case = cases.create_case(uow, platform.clock, user, command)
            except ValidationFailed as refused:
                for error in refused.errors:
                    errors.add(case_field_id(error.field), error.field, error.message)
            except DuplicateReference as taken:
                return _case_form(request, values, count, _one("urn", "urn", str(taken)), status_code=409)
            else:
                return see_other(f"/cases/{case.urn}")
    return _case_form(request, values, count, errors, status_code=422)


def _one(field_id: str, path: str, message: str) -> Errors:
    errors = Errors()
    errors.add(field_id, path, message)
    return errors


# --- listing a hearing ------------------------------------------------------------------------------------


def hearing_field_id(path: str) -> str:
    return {"type": "hearing-type", "courtroom": "courtroom", "starts_at": "hearing-date"}.get(path.split(".")[0],
                                                                                             "hearing-type")


def _hearing_form(request: Request, urn: str, values: dict[str, str], errors: Errors | None = None,
                  status_code: int = 200):
    errors = errors or Errors()
    return render(request, "list_hearing.html", {
        "section": "cases", "urn": urn, "values": values, "errors": errors.messages, "error_list": errors.summary(),
    }, status_code=status_code)


@router.get("/cases/{urn}/hearings/new")
def list_hearing_page(request: Request, urn: str, user: PageUser, uow: ReadUoW):
    require(user, "list_hearing")
    case = cases.get_case(uow, user, urn)
    return _hearing_form(request, case.urn, {})


@router.post("/cases/{urn}/hearings/new")
def list_hearing(request: Request, urn: str, form: CheckedForm, user: PageUser, uow: WriteUoW, platform: PlatformDep):
    require(user, "list_hearing")
    values, errors = _values(form), Errors()
    day = parse_date(date_parts(form, "hearing-date"))
    starts = text(form, "hearing-time")
    if day is None or isinstance(day, str):
        errors.add("hearing-date", "starts_at", "Enter the date of the hearing" if day is None else f"The date {day}")
    try:
        at = datetime.strptime(starts.replace(".", ":"), _TIME_FORMAT).time()
    except ValueError:
        errors.add("hearing-time", "starts_at", "Enter the time the hearing starts in the 24-hour clock, like 10:00")
    if not errors:
        try:
            body = HearingCreate.model_validate({"type": text(form, "hearing-type"), "courtroom": text(form, "courtroom"),
                                                 "starts_at": datetime.combine(day, at).isoformat(timespec="minutes")})
        except ValidationError as invalid:
            _schema_errors(invalid, errors, hearing_field_id)
        else:
            try:
                hearing = hearings.list_hearing(uow, platform.clock, user, ListHearing(
                    urn=urn, type=body.type, courtroom=body.courtroom, starts_at=body.starts_at))
            except ValidationFailed as refused:
                for error in refused.errors:
                    errors.add(hearing_field_id(error.field), error.field, error.message)
            else:
                return see_other(f"/cases/{hearing.case.urn}#hearing-{hearing.id}")
    return _hearing_form(request, urn, values, errors, status_code=422)


