"""gate.toml: the release policy, read strictly. Any unknown key or wrong type is an error that names the
key and its section (a typo must never silently loosen the gate)."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from release_gate.checks import CheckSpec
from release_gate.errors import PolicyError
from release_gate.suites import build_registry
from release_gate.suites.base import Suite
from release_gate.validation import check_keys, expect, hint

_TOP = {"gate", "score", "profiles", "checks", "regression", "suites"}
_GATE = {"default_profile", "history_file", "platform_ready_timeout_s", "allure_report"}
_SCORE = {"pass", "warn"}
_PROFILE = {"description", "suites", "parallel", "parallel_limit", "budget_s", "seed", "workers", "checks"}
_CHECK = {"threshold", "warn_limit", "weight", "key"}
_REGRESSION = {"scenarios_key", "scenarios_weight", "metrics_key", "metrics_weight", "max_regression"}


@dataclass(frozen=True)
class Profile:
    name: str
    description: str
    suites: tuple[str, ...]
    parallel: tuple[tuple[str, ...], ...] = ()
    parallel_limit: int | None = None  # at most this many of a group at once (None: the whole group)
    budget_s: float | None = None
    seed: int | None = None
    workers: int = 1
    suite_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    check_overrides: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class RegressionPolicy:
    scenarios_key: bool = True
    scenarios_weight: float = 2.0
    metrics_key: bool = True
    metrics_weight: float = 1.0
    max_regression: Mapping[str, float] = field(default_factory=dict)


@dataclass
class Policy:
    path: Path
    profiles: dict[str, Profile]
    registry: dict[str, Suite]
    pass_score: float = 90.0
    warn_score: float = 95.0
    default_profile: str = "ci"
    history_file: str = "history.jsonl"
    ready_timeout_s: float = 60.0
    allure_report: bool = True
    check_overrides: dict[str, dict[str, Any]] = field(default_factory=dict)
    regression: RegressionPolicy = field(default_factory=RegressionPolicy)

    def profile(self, name: str | None) -> Profile:
        name = name or self.default_profile
        if name not in self.profiles:
            raise PolicyError(f"unknown profile '{name}' {hint(name, self.profiles)}")
        return self.profiles[name]

    def select(self, profile: Profile, names: Iterable[str] | None) -> list[str]:
        """The suites to run: the profile's, or the ones named on the command line (validated)."""
        chosen = [n.strip() for n in names if n.strip()] if names else list(profile.suites)
        for name in chosen:
            if name not in self.registry:
                raise PolicyError(f"unknown suite '{name}' {hint(name, self.registry)}")
        if not chosen:
            raise PolicyError("no suite selected")
        return list(dict.fromkeys(chosen))

    def suite_options(self, profile: Profile, suite: str) -> dict[str, Any]:
        specs = self.registry[suite].option_specs()
        options = {name: spec.default for name, spec in specs.items()}
        options.update(profile.suite_options.get(suite, {}))
        return options

    def check_specs(self, profile: Profile, suites: Iterable[str]) -> dict[str, CheckSpec]:
        """Every check of the selected suites, defaults overlaid with [checks] and then the profile's."""
        specs: dict[str, CheckSpec] = {}
        for suite in suites:
            for spec in self.registry[suite].check_specs():
                spec = spec.configured(self.check_overrides.get(spec.id, {}))
                specs[spec.id] = spec.configured(profile.check_overrides.get(spec.id, {}))
        return specs


def load_policy(path: Path) -> Policy:
    if not path.is_file():
        raise PolicyError(f"no policy file at {path}")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"{path.name} is not valid TOML: {exc}") from exc
    try:
        return parse_policy(data, path)
    except PolicyError as exc:
        raise PolicyError(f"{path.name}: {exc}") from None


def parse_policy(data: Mapping[str, Any], path: Path = Path("gate.toml")) -> Policy:
    check_keys(data, _TOP, "the top level")
    custom = expect(data, "suites", dict, "the top level", {})
    registry = build_registry(custom)
    gate = expect(data, "gate", dict, "the top level", {})
    check_keys(gate, _GATE, "[gate]")
    score = expect(data, "score", dict, "the top level", {})
    check_keys(score, _SCORE, "[score]")
    pass_score = expect(score, "pass", float, "[score]", 90.0)
    warn_score = expect(score, "warn", float, "[score]", max(pass_score, 95.0))
    if not 0 <= pass_score <= warn_score <= 100:
        raise PolicyError("[score]: need 0 <= pass <= warn <= 100")
    universe = {spec.id: spec for suite in registry.values() for spec in suite.check_specs()}
    overrides = _parse_checks(expect(data, "checks", dict, "the top level", {}), universe, "[checks]")
    regression = _parse_regression(expect(data, "regression", dict, "the top level", {}), universe)
    profiles_table = expect(data, "profiles", dict, "the top level", {})
    if not profiles_table:
        raise PolicyError("no profiles: define at least [profiles.ci]")
    profiles = {name: _parse_profile(name, table, registry, universe) for name, table in profiles_table.items()}
    policy = Policy(
        path=path,
        profiles=profiles,
        registry=registry,
        pass_score=pass_score,
        warn_score=warn_score,
        default_profile=expect(gate, "default_profile", str, "[gate]", "ci"),
        history_file=expect(gate, "history_file", str, "[gate]", "history.jsonl"),
        ready_timeout_s=expect(gate, "platform_ready_timeout_s", float, "[gate]", 60.0),
        allure_report=expect(gate, "allure_report", bool, "[gate]", True),
        check_overrides=overrides,
        regression=regression,
    )
    if policy.default_profile not in profiles:
        raise PolicyError(f"[gate] default_profile '{policy.default_profile}' is not a profile")
    for profile in profiles.values():
        for spec in policy.check_specs(profile, profile.suites).values():
            _consistent(spec, f"profile '{profile.name}'")
    return policy


def _parse_checks(table: Mapping[str, Any], universe: Mapping[str, CheckSpec], where: str) -> dict[str, dict]:
    suites = {spec.suite for spec in universe.values()}
    overrides: dict[str, dict] = {}
    for suite, checks in table.items():
        if suite not in suites:
            raise PolicyError(f"unknown suite '{suite}' in {where} {hint(suite, suites)}")
        if not isinstance(checks, dict):
            raise PolicyError(f"{where}.{suite} must be a table of checks")
        names = {spec.id.split(".", 1)[1] for spec in universe.values() if spec.suite == suite}
        for name, values in checks.items():
            section = f"{where[:-1]}.{suite}.{name}]"
            if name not in names:
                raise PolicyError(f"unknown check '{suite}.{name}' in {where} {hint(name, names)}")
            if not isinstance(values, dict):
                raise PolicyError(f"{section} must be a table")
            spec = universe[f"{suite}.{name}"]
            overrides[spec.id] = _parse_check(values, spec, section)
    return overrides


def _parse_check(values: Mapping[str, Any], spec: CheckSpec, where: str) -> dict[str, Any]:
    check_keys(values, _CHECK | set(spec.params), where)
    parsed: dict[str, Any] = {}
    for key in ("threshold", "warn_limit", "weight"):
        if key in values:
            parsed[key] = expect(values, key, float, where)
    if "key" in values:
        parsed["key"] = expect(values, "key", bool, where)
    if parsed.get("weight", 0) < 0:
        raise PolicyError(f"'weight' in {where} must not be negative")
    for name, default in spec.params.items():
        if name in values:
            kind = float if isinstance(default, int | float) and not isinstance(default, bool) else type(default)
            parsed[name] = expect(values, name, kind, where)
    return parsed


def _consistent(spec: CheckSpec, where: str) -> None:
    if spec.warn_limit is None:
        return
    if spec.direction == "min" and spec.warn_limit > spec.threshold:
        raise PolicyError(
            f"check {spec.id} ({where}): warn_limit {spec.warn_limit:g} must be at most the threshold "
            f"{spec.threshold:g}; higher is better for this check, so the warning band lies below it"
        )
    if spec.direction == "max" and spec.warn_limit < spec.threshold:
        raise PolicyError(
            f"check {spec.id} ({where}): warn_limit {spec.warn_limit:g} must be at least the threshold "
            f"{spec.threshold:g}; lower is better for this check, so the warning band lies above it"
        )


def _parse_regression(table: Mapping[str, Any], universe: Mapping[str, CheckSpec]) -> RegressionPolicy:
    where = "[regression]"
    check_keys(table, _REGRESSION, where)
    limits = expect(table, "max_regression", dict, where, {})
    parsed = {}
    for check_id in limits:
        if check_id not in universe:
            raise PolicyError(f"unknown check '{check_id}' in [regression.max_regression] {hint(check_id, universe)}")
        value = expect(limits, check_id, float, "[regression.max_regression]")
        if value < 0:
            raise PolicyError(f"'{check_id}' in [regression.max_regression] must not be negative")
        parsed[check_id] = value
    return RegressionPolicy(
        scenarios_key=expect(table, "scenarios_key", bool, where, True),
        scenarios_weight=expect(table, "scenarios_weight", float, where, 2.0),
        metrics_key=expect(table, "metrics_key", bool, where, True),
        metrics_weight=expect(table, "metrics_weight", float, where, 1.0),
        max_regression=parsed,
    )


def _parse_profile(name: str, table: Any, registry: Mapping[str, Suite], universe: Mapping[str, CheckSpec]) -> Profile:
    where = f"[profiles.{name}]"
    if not isinstance(table, dict):
        raise PolicyError(f"{where} must be a table")
    check_keys(table, _PROFILE | set(registry), where)
    suites = expect(table, "suites", list, where, None)
    if not suites:
        raise PolicyError(f"{where}: 'suites' is required (a list of suite names)")
    for suite in suites:
        if suite not in registry:
            raise PolicyError(f"unknown suite '{suite}' in {where} suites {hint(str(suite), registry)}")
    options = {}
    for suite in registry:
        if suite in table:
            options[suite] = _parse_options(table[suite], registry[suite], f"[profiles.{name}.{suite}]")
    budget = expect(table, "budget_s", float, where, None)
    workers = expect(table, "workers", int, where, 1)
    if budget is not None and budget <= 0 or workers < 1:
        raise PolicyError(f"{where}: budget_s must be positive and workers at least 1")
    limit = expect(table, "parallel_limit", int, where, None)
    if limit is not None and limit < 1:
        raise PolicyError(f"{where}: parallel_limit must be at least 1 (1 runs every group one suite at a time)")
    return Profile(
        name=name,
        description=expect(table, "description", str, where, ""),
        suites=tuple(suites),
        parallel=_parse_parallel(expect(table, "parallel", list, where, []), suites, where),
        parallel_limit=limit,
        budget_s=budget,
        seed=expect(table, "seed", int, where, None),
        workers=workers,
        suite_options=options,
        check_overrides=_parse_checks(expect(table, "checks", dict, where, {}), universe, f"[profiles.{name}.checks]"),
    )


def _parse_parallel(groups: list[Any], suites: list[str], where: str) -> tuple[tuple[str, ...], ...]:
    """`parallel = [["acceptance", "e2e"], ...]`: groups of the profile's suites that may run side by side."""
    seen: set[str] = set()
    parsed = []
    for group in groups:
        if not isinstance(group, list) or len(group) < 2 or not all(isinstance(m, str) for m in group):
            raise PolicyError(f"'parallel' in {where} must be a list of groups, each a list of two or more suite "
                              f"names, got {group!r}")
        for member in group:
            if member not in suites:
                raise PolicyError(f"'{member}' in {where} parallel is not one of the profile's suites "
                                  f"{hint(member, suites)}")
            if member in seen:
                raise PolicyError(f"'{member}' is in more than one group of {where} parallel")
            seen.add(member)
        parsed.append(tuple(group))
    return tuple(parsed)


def _parse_options(table: Any, suite: Suite, where: str) -> dict[str, Any]:
    if not isinstance(table, dict):
        raise PolicyError(f"{where} must be a table of options")
    specs = suite.option_specs()
    check_keys(table, specs, where)
    parsed = {name: expect(table, name, spec.type, where) for name, spec in specs.items() if name in table}
    if parsed.get("timeout_s", 1) <= 0:
        raise PolicyError(f"'timeout_s' in {where} must be positive")
    return parsed
