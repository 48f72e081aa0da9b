"""Strict reading of TOML tables: unknown keys and wrong types are errors that name key and section."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import Any

from release_gate.errors import PolicyError


def hint(key: str, allowed: Iterable[str]) -> str:
    allowed = sorted(allowed)
    close = difflib.get_close_matches(key, allowed, n=1)
    maybe = f"did you mean '{close[0]}'? " if close else ""
    return f"({maybe}allowed: {', '.join(allowed)})" if allowed else "(no keys allowed here)"


def check_keys(table: Mapping[str, Any], allowed: Iterable[str], where: str) -> None:
    allowed = set(allowed)
    for key in table:
        if key not in allowed:
            raise PolicyError(f"unknown key '{key}' in {where} {hint(key, allowed)}")


_TYPE_NAMES = {bool: "true or false", int: "a whole number", float: "a number", str: "a string", list: "a list",
               dict: "a table"}


def expect(table: Mapping[str, Any], key: str, kind: type, where: str, default: Any = None) -> Any:
    """`table[key]` if present and of the right type, else `default`; wrong types are errors."""
    if key not in table:
        return default
    value = table[key]
    if kind is float:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        value = float(value) if ok else value
    elif kind is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    else:
        ok = isinstance(value, kind)
    if not ok:
        raise PolicyError(f"'{key}' in {where} must be {_TYPE_NAMES.get(kind, kind.__name__)}, got {value!r}")
    return value
