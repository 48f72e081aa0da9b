"""The suite registry: which runner serves which suite name.

The standard names are stable (other tools read them): acceptance, e2e, properties, load, resilience.
A standard suite with no runner yet is still selectable and fails closed ("not available"). To add a
runner, write a `Suite` (usually a `SubprocessSuite`: a command builder plus an evidence parser) and add
its factory to `BUILT_IN`, or call `register()`. gate.toml may also define custom suites (`[suites.NAME]`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from release_gate.errors import PolicyError
from release_gate.suites.acceptance import acceptance_suite
from release_gate.suites.base import PlannedSuite, Suite
from release_gate.suites.command_suite import CommandSuite
from release_gate.suites.e2e import e2e_suite
from release_gate.suites.load import load_suite
from release_gate.suites.properties import properties_suite
from release_gate.suites.pytest_suite import PytestSuite
from release_gate.suites.resilience import resilience_suite
from release_gate.validation import check_keys, expect

STANDARD_SUITES = ("acceptance", "e2e", "properties", "load", "resilience")

BUILT_IN: dict[str, Callable[[], Suite]] = {
    "acceptance": acceptance_suite,
    "e2e": e2e_suite,
    "properties": properties_suite,
    "load": load_suite,
    "resilience": resilience_suite,
}

_NAME = re.compile(r"^[a-z][a-z0-9_-]*$")
_CUSTOM_KEYS = {
    "pytest": {"kind", "title", "description", "paths", "args", "env", "plugins", "allure"},
    "pytest-bdd": {"kind", "title", "description", "paths", "args", "env", "plugins", "allure", "key_tags"},
    "command": {"kind", "title", "description", "command", "env"},
}


def register(name: str, factory: Callable[[], Suite]) -> None:
    """Make a runner available for a suite name (later work adds e2e, properties, load, resilience)."""
    BUILT_IN[name] = factory


def build_registry(custom: Mapping[str, Any] | None = None) -> dict[str, Suite]:
    """Every suite the gate can select: built-in runners, planned standard names, custom definitions."""
    registry: dict[str, Suite] = {name: PlannedSuite(name) for name in STANDARD_SUITES}
    registry.update({name: factory() for name, factory in BUILT_IN.items()})
    for name, definition in (custom or {}).items():
        registry[name] = custom_suite(name, definition)
    return registry


def custom_suite(name: str, definition: Any) -> Suite:
    where = f"[suites.{name}]"
    if name in STANDARD_SUITES:
        raise PolicyError(f"{where}: '{name}' is a standard suite name; choose another name for a custom suite")
    if not _NAME.match(name):
        raise PolicyError(f"{where}: a suite name uses lower-case letters, digits, '-' and '_'")
    if not isinstance(definition, dict):
        raise PolicyError(f"{where} must be a table")
    kind = definition.get("kind")
    if kind not in _CUSTOM_KEYS:
        raise PolicyError(f"{where}: 'kind' must be one of {', '.join(sorted(_CUSTOM_KEYS))} (got {kind!r})")
    check_keys(definition, _CUSTOM_KEYS[kind], where)
    common = {
        "title": expect(definition, "title", str, where, ""),
        "description": expect(definition, "description", str, where, ""),
        "env": expect(definition, "env", dict, where, {}),
    }
    if kind == "command":
        command = expect(definition, "command", list, where, None)
        if not command:
            raise PolicyError(f"{where}: 'command' is required for kind = \"command\" (a list of strings)")
        return CommandSuite(name, command=[str(c) for c in command], **common)
    paths = expect(definition, "paths", list, where, None)
    if not paths:
        raise PolicyError(f"{where}: 'paths' is required (a list of test paths)")
    return PytestSuite(
        name,
        paths=[str(p) for p in paths],
        args=[str(a) for a in expect(definition, "args", list, where, [])],
        plugins=[str(p) for p in expect(definition, "plugins", list, where, [])],
        allure=expect(definition, "allure", bool, where, True),
        bdd=kind == "pytest-bdd",
        key_tags=[str(t) for t in expect(definition, "key_tags", list, where, [])],
        **common,
    )
