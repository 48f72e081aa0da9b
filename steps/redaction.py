"""Masks personal data and credentials in the requests and responses attached to failure reports.

Evidence travels further than the test run (CI logs, Allure reports, PR comments), so names, dates of
birth, address lines and postcodes never leave it in clear, nor do passwords or bearer tokens.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Mapping
from typing import Any

MASK = "***"

PERSONAL_FIELDS = frozenset(
    {"first_name", "last_name", "date_of_birth", "line1", "line2", "line3", "postcode", "pnc_id"}
)
SECRET_FIELDS = frozenset({"password", "access_token", "refresh_token", "token"})
SECRET_HEADERS = frozenset({"authorization", "cookie", "set-cookie"})


def redact(value: Any) -> Any:
    """A copy of a JSON-like value with every personal or secret field's value masked."""
    if isinstance(value, Mapping):
        return {
            key: (MASK if _is_sensitive(key) and value[key] not in (None, "") else redact(value[key]))
            for key in value
        }
    if isinstance(value, list | tuple):
        return type(value)(redact(item) for item in value)
    return value


def redacted_repr(record: Any) -> str:
    """A dataclass's repr with personal data masked: pytest tracebacks and Allure step parameters print the
    records a scenario carries, and that text ends up in CI logs and reports."""
    shown = ", ".join(f"{f.name}={redact(getattr(record, f.name))!r}"
                      for f in dataclasses.fields(record) if f.repr)
    return f"{type(record).__name__}({shown})"


def personal_values(value: Any) -> set[str]:
    """Every non-empty string held in a personal or secret field, at any depth."""
    found: set[str] = set()
    if isinstance(value, Mapping):
        for key, item in value.items():
            if _is_sensitive(key) and isinstance(item, str) and item.strip():
                found.add(item)
            else:
                found |= personal_values(item)
    elif isinstance(value, list):
        for item in value:
            found |= personal_values(item)
    return found


def scrub_text(text: str, values: Iterable[str]) -> str:
    """Mask every occurrence of the given values in free text (e.g. an error message echoing a name)."""
    for value in sorted(set(values), key=len, reverse=True):
        if len(value) >= 2:
            text = text.replace(value, MASK)
    return text


def redact_body(body: str | bytes | None, also_mask: Iterable[str] = ()) -> str:
    """A request or response body as text, with personal data masked whether or not it is JSON."""
    if body is None or body in (b"", ""):
        return ""
    text = body.decode("utf-8", errors="replace") if isinstance(body, bytes) else body
    try:
        parsed = json.loads(text)
    except ValueError:
        return scrub_text(text, also_mask)
    masked = json.dumps(redact(parsed), ensure_ascii=False, indent=2)
    return scrub_text(masked, set(also_mask) | personal_values(parsed))


def redact_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """Headers with credentials masked (the scheme of an Authorization header is kept)."""
    masked = {}
    for name, value in headers.items():
        if name.lower() in SECRET_HEADERS:
            scheme = value.split(" ", 1)[0] if " " in value else ""
            masked[name] = f"{scheme} {MASK}".strip()
        else:
            masked[name] = value
    return masked


def describe_exchange(
    method: str,
    url: str,
    request_body: str | bytes | None,
    status: int | None,
    response_body: str | bytes | None,
    request_headers: Mapping[str, str] | None = None,
) -> str:
    """A readable, redacted account of one request and its response, for a failure report."""
    request_values = _personal_values_of(request_body)
    lines = [f"{method} {url}"]
    if request_headers:
        shown = {k: v for k, v in redact_headers(request_headers).items() if k.lower() in _SHOWN_HEADERS}
        lines += [f"{name}: {value}" for name, value in shown.items()]
    if request_body:
        lines += ["", redact_body(request_body)]
    lines += ["", f"-> {status if status is not None else 'no response'}"]
    if response_body:
        lines += [redact_body(response_body, also_mask=request_values)]
    return "\n".join(lines)


_SHOWN_HEADERS = frozenset({"authorization", "idempotency-key", "content-type"})


def _personal_values_of(body: str | bytes | None) -> set[str]:
    if not body:
        return set()
    try:
        return personal_values(json.loads(body))
    except ValueError:
        return set()


def _is_sensitive(key: object) -> bool:
    return isinstance(key, str) and (key in PERSONAL_FIELDS or key in SECRET_FIELDS)
