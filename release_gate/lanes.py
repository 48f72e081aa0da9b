"""The order suites run in: one after another, except groups a profile lets run side by side.

Suites that run side by side each need a platform of their own: the acceptance suite moves the test clock and
faults the provider, which would break a browser journey running against the same platform at that moment.
So they run side by side only when the gate can give each one its own embedded platform and database.
"""

from __future__ import annotations

from collections.abc import Sequence


def plan_lanes(names: Sequence[str], groups: Sequence[Sequence[str]]) -> list[list[str]]:
    """Steps in run order: each step is the suites that run at the same time (most steps hold one).

    A group takes the place of its first selected member; members not selected are left out, so
    `--suites e2e,load` with a group [acceptance, e2e, properties] runs e2e then load.
    """
    group_of = {member: tuple(group) for group in groups for member in group}
    steps: list[list[str]] = []
    placed: set[str] = set()
    for name in names:
        if name in placed:
            continue
        group = group_of.get(name, (name,))
        step = [m for m in names if m in group and m not in placed]
        placed.update(step)
        steps.append(step)
    return steps


def one_by_one(steps: Sequence[Sequence[str]]) -> list[list[str]]:
    """The same suites in the same order, each on its own."""
    return [[name] for step in steps for name in step]


def side_by_side_blocker(*, target: str | None, database_url: str | None) -> str | None:
    """Why suites cannot run side by side here, or None when they can."""
    if target:
        return "a --target deployment is one platform with one clock: the suites ran one after another"
    if database_url:
        return (
            "DATABASE_URL is set, so every embedded platform would share that database: the suites ran one "
            "after another"
        )
    return None


def run_order(steps: Sequence[Sequence[str]], limit: int | None = None) -> str:
    """`acceptance, e2e and properties side by side (...); then load; then resilience`; empty when every suite
    ran on its own (the suites table then says it all)."""
    if all(len(step) < 2 for step in steps):
        return ""
    parts = []
    for step in steps:
        if len(step) == 1:
            parts.append(step[0])
            continue
        at_once = f", {limit} at a time" if limit and limit < len(step) else ""
        parts.append(f"{', '.join(step[:-1])} and {step[-1]} side by side{at_once}, each on a platform of its own")
    return "Run order: " + "; then ".join(parts) + "."
