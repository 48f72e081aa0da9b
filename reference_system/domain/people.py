"""Rules for the people and places the court records: names, addresses, postcodes, dates of birth.

Names are the court's most common data-quality complaint (valid names refused, "Christopher" among them),
so the rule is permissive by design: any script's letters with apostrophes, hyphens, full stops, spaces.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from .errors import FieldError

NAME_MAX_LENGTH = 100
ADDRESS_LINE_MAX_LENGTH = 200
_NAME_PUNCTUATION = {"'", "\u2019", "-", "\u2010", ".", " "}
_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")
_PNC_ID = re.compile(r"^[0-9]{2,4}/[0-9]{1,7}[A-Z]$")


@dataclass(frozen=True)
class Address:
    line1: str
    postcode: str
    line2: str | None = None
    town: str | None = None


def name_errors(value: str | None, field: str) -> list[FieldError]:
    """Why a personal name is refused, if it is; an empty list means it is accepted as written."""
    if value is None or not value.strip():
        return [FieldError(field, "Enter a name")]
    if len(value) > NAME_MAX_LENGTH:
        return [FieldError(field, f"Name must be {NAME_MAX_LENGTH} characters or fewer")]
    if not any(unicodedata.category(ch).startswith("L") for ch in value):
        return [FieldError(field, "Name must contain at least one letter")]
    for ch in value:
        category = unicodedata.category(ch)
        if category.startswith(("L", "M")) or ch in _NAME_PUNCTUATION:
            continue
        if category.startswith("N"):
            return [FieldError(field, "Name must not contain digits")]
        return [FieldError(field, f"Name must not contain the character {ch!r}")]
    return []


def normalise_postcode(value: str) -> str:
    """Upper-case with a single space before the inward code, as Royal Mail writes it."""
    compact = value.replace(" ", "").upper()
    return f"{compact[:-3]} {compact[-3:]}" if len(compact) > 3 else compact


def postcode_errors(value: str | None, field: str) -> list[FieldError]:
    if value is None or not value.strip():
        return [FieldError(field, "Enter a postcode")]
    if not _POSTCODE.match(normalise_postcode(value.strip())):
        return [FieldError(field, "Enter a real postcode, like SW1A 1AA")]
    return []


def address_errors(address: Address | None, field: str) -> list[FieldError]:
    """An address needs a first line and a real postcode; other lines are optional."""
    if address is None:
        return [FieldError(field, "Enter an address")]
    errors: list[FieldError] = []
    if not address.line1 or not address.line1.strip():
        errors.append(FieldError(f"{field}.line1", "Enter the first line of the address"))
    for name in ("line1", "line2", "town"):
        value = getattr(address, name)
        if value and len(value) > ADDRESS_LINE_MAX_LENGTH:
            errors.append(FieldError(f"{field}.{name}", f"Must be {ADDRESS_LINE_MAX_LENGTH} characters or fewer"))
    errors += postcode_errors(address.postcode, f"{field}.postcode")
    return errors


def date_of_birth_errors(value: date, today: date, field: str) -> list[FieldError]:
    """A date of birth is in the past and no more than 120 years ago."""
    if value >= today:
        return [FieldError(field, "Date of birth must be in the past")]
    if today.year - value.year > 120:
        return [FieldError(field, "Date of birth must be within the last 120 years")]
    return []


def pnc_id_errors(value: str | None, field: str) -> list[FieldError]:
    """A Police National Computer id, when given, looks like 2024/0012345A."""
    if value and not _PNC_ID.match(value):
        return [FieldError(field, "Enter a PNC ID like 2024/0012345A")]
    return []
