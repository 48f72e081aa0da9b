"""Jinja2 with the GOV.UK Frontend macros (govuk-frontend-jinja), and the words the pages use for codes."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, PrefixLoader, select_autoescape

from ...domain.calendar import LONDON
from .forms import error_list
from .middleware import SCOPE_KEY, PageContext

SERVICE_NAME = "Court case platform"
TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

OUTCOMES = {
    "ADJOURNED_UNCONDITIONAL_BAIL": "Adjourned – unconditional bail",
    "ADJOURNED_CONDITIONAL_BAIL": "Adjourned – conditional bail",
    "REMANDED_IN_CUSTODY": "Adjourned – remanded in custody",
    "COMMUNITY_ORDER": "Community order",
    "CUSTODIAL_SENTENCE": "Custodial sentence",
    "FINE": "Fine",
    "DISCHARGE": "Discharge",
    "ACQUITTED": "Acquitted",
}
HEARING_TYPES = {
    "FIRST_APPEARANCE": "First appearance", "PLEA": "Plea", "BAIL_APPLICATION": "Bail application",
    "MENTION": "Mention", "TRIAL": "Trial", "SENTENCE": "Sentence",
}
CUSTODY = {
    "IN_CUSTODY": "In custody", "CONDITIONAL_BAIL": "Conditional bail", "UNCONDITIONAL_BAIL": "Unconditional bail",
    "AT_LARGE": "At large", "NOT_APPLICABLE": "Not applicable",
}
ROLES = {
    "LEGAL_ADVISER": "Legal adviser", "LISTING_OFFICER": "Listing officer", "COURT_ADMIN": "Court admin",
    "AGENCY_VIEWER": "Agency viewer",
}
WEEKDAYS = {"MON": "Monday", "TUE": "Tuesday", "WED": "Wednesday", "THU": "Thursday", "FRI": "Friday",
            "SAT": "Saturday", "SUN": "Sunday"}
# (text, MOJ badge colour) for every status a page shows; colours pass WCAG AA contrast as MOJ styles them.
BADGES = {
    "LISTED": ("Listed", "blue"), "RESULTED": ("Resulted", "green"), "AMENDED": ("Amended", "purple"),
    "DRAFT": ("Draft", "grey"), "SHARED": ("Shared", "green"),
    "PENDING": ("Pending", "grey"), "SENT": ("Sent", "blue"), "ACKNOWLEDGED": ("Acknowledged", "green"),
    "REJECTED": ("Rejected", "red"), "OVERDUE": ("Overdue", "red"), "FAILED": ("Failed", "red"),
    "EM_ORDER_REJECTED": ("Order rejected", "red"), "EM_ORDER_OVERDUE": ("Order overdue", "red"),
    "NOTIFICATION_FAILING": ("Notification failing", "purple"),
    "ACTIVE": ("Active", "blue"), "CLOSED": ("Closed", "grey"),
}
AGENCIES = {"em-provider": "EM provider", "prison": "Prison", "probation": "Probation"}
MESSAGE_KINDS = {"EM_ORDER_NEW": "New EM order", "EM_ORDER_VARIATION": "EM order variation",
                 "EM_ORDER_REVOCATION": "EM order revocation"}
AUDIT_ACTIONS = {
    "CASE_CREATED": "Opened the case", "HEARING_LISTED": "Listed a hearing", "RESULT_DRAFTED": "Saved a draft result",
    "RESULTS_SHARED": "Shared results", "EM_ORDER_RESENT": "Re-sent an EM order",
    "EM_ORDER_ACKNOWLEDGED": "EM order acknowledged by the provider", "EM_ORDER_REJECTED": "EM order rejected by the provider",
    "EM_ORDER_OVERDUE": "EM order overdue",
}


def _as_london(value: datetime | str | None) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.astimezone(LONDON) if value.tzinfo else value


def long_date(value: date | datetime | str | None) -> str:
    if isinstance(value, (datetime, str)) and not (isinstance(value, str) and len(value) == 10):
        value = _as_london(value)
    if isinstance(value, str):
        value = date.fromisoformat(value)
    return "" if value is None else f"{value.day} {value:%B %Y}"


def day_and_date(value: date) -> str:
    return f"{value:%A} {value.day} {value:%B %Y}"


def clock_time(value: datetime | str | None) -> str:
    moment = _as_london(value)
    return "" if moment is None else f"{moment:%H:%M}"


def date_and_time(value: datetime | str | None) -> str:
    moment = _as_london(value)
    return "" if moment is None else f"{long_date(moment.date())} at {moment:%H:%M}"


def short_date_and_time(value: datetime | str | None) -> str:
    moment = _as_london(value)
    return "" if moment is None else f"{moment.day} {moment:%b %Y}, {moment:%H:%M}"


_ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)")


def readable_moments(text: str | None) -> str:
    """A message with its ISO 8601 moments written as people read them (London time)."""
    return _ISO_MOMENT.sub(lambda m: date_and_time(m.group(0).replace("Z", "+00:00")), text or "")


def full_name(person: Any) -> str:
    get = person.get if isinstance(person, dict) else lambda k: getattr(person, k)
    return f"{get('first_name')} {get('last_name')}"


def badge(status: str | None) -> dict[str, str]:
    text, colour = BADGES.get(status or "", ((status or "").replace("_", " ").capitalize(), "grey"))
    return {"text": text, "classes": f"moj-badge--{colour}"}


def _environment() -> Environment:
    env = Environment(
        loader=ChoiceLoader([
            FileSystemLoader(str(TEMPLATES)),
            PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
        ]),
        autoescape=select_autoescape(["html"]),
    )
    env.filters.update(error_list=error_list, long_date=long_date, clock_time=clock_time, date_and_time=date_and_time, short_date_and_time=short_date_and_time,
                       readable_moments=readable_moments,
                       full_name=full_name, day_and_date=day_and_date)
    env.globals.update(service_name=SERVICE_NAME, outcomes=OUTCOMES, hearing_types=HEARING_TYPES,
                       custody=CUSTODY, roles=ROLES, agencies=AGENCIES, audit_actions=AUDIT_ACTIONS, message_kinds=MESSAGE_KINDS, weekdays=WEEKDAYS, badge=badge)
    return env


environment = _environment()


def page_context(request: Request) -> PageContext:
    return request.scope[SCOPE_KEY]


def render(request: Request, template: str, context: dict[str, Any] | None = None, status_code: int = 200) -> HTMLResponse:
    """Render a page with what every page needs: the user, the CSRF token, the CSP nonce, a one-off message."""
    page = page_context(request)
    user = page.session.data.get("user")
    values = {
        "request": request, "user": user, "csrf_token": page.session.csrf_token, "cspNonce": page.nonce,
        "flash": page.session.take_flash(), "current_path": request.url.path,
        **(context or {}),
    }
    html = environment.get_template(template).render(values)
    return HTMLResponse(html, status_code=status_code)
