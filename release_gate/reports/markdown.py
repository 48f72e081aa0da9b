"""readiness.md: short enough for a pull-request comment; the verdict, what failed, what regressed."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from release_gate.lanes import run_order

ICON = {"pass": "✅", "warn": "⚠️", "fail": "❌", "error": "⛔", "skipped": "➖"}


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return text.replace("|", "\\|").replace("\n", " ").strip()


def _number(value: Any, unit: str = "") -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        value = f"{value:.4g}"
    return f"{value} {unit}".strip() if unit and unit not in ("ratio",) else str(value)


def render_markdown(r: Mapping[str, Any]) -> str:
    lines: list[str] = []
    evaluated = r.get("evaluated", True)
    verdict = r.get("verdict", "NO-GO")
    icon = "✅" if verdict == "GO" else ("⛔" if not evaluated else "❌")
    title = f"## {icon} Release readiness: **{verdict}**"
    if not evaluated:
        title += " (the gate could not evaluate)"
    lines.append(title)
    lines.append("")
    policy = r.get("policy", {})
    where = r.get("target") or "no target"
    if r.get("embedded_platform"):
        where += " (embedded platform" + (f", faults: {', '.join(r['faults'])}" if r.get("faults") else "") + ")"
    score_note = f"pass level {_number(policy.get('pass_score'))}"
    if evaluated and r.get("score_level") == "warn":
        score_note += f", below the warning level {_number(policy.get('warn_score'))}"
    lines.append(
        f"Score **{r.get('score', 0):g}** / 100 ({score_note}) · profile `{r.get('profile')}` · "
        f"{r.get('duration_s', 0):g} s · {where}"
    )
    lines.append("")
    reasons = r.get("reasons") or ([r["reason"]] if r.get("reason") else [])
    if reasons:
        lines += ["**Why:**", ""]
        for reason in reasons:
            first, _, rest = str(reason).strip().partition("\n")
            lines.append(f"- {first}")
            if rest:
                lines += ["", "  ```", *[f"  {line}" for line in rest.splitlines()], "  ```"]
        lines.append("")
    suites = r.get("suites", [])
    if suites:
        lines += ["| suite | status | tests | passed | failed | flaky | skipped | time |", "|---|---|---|---|---|---|---|---|"]
        for s in suites:
            lines.append(
                f"| {s['name']} | {_cell(s['status'])} | {s['tests']} | {s['passed']} | {s['failed']} | "
                f"{s['flaky']} | {s['skipped']} | {s['duration_s']:g} s |"
            )
        lines.append("")
        if order := run_order(r.get("lanes") or [], r.get("parallel_limit")):
            lines += [order, ""]
    checks = r.get("checks", [])
    bad = [c for c in checks if c.get("status") in ("fail", "error", "warn")]
    if bad:
        lines += ["### Checks that did not pass", "", "| | check | key | value | threshold | detail |", "|---|---|---|---|---|---|"]
        order = {"error": 0, "fail": 1, "warn": 2}
        for c in sorted(bad, key=lambda c: (order[c["status"]], not c.get("key"), c["id"])):
            lines.append(
                f"| {ICON[c['status']]} {c['status']} | `{c['id']}` | {'yes' if c.get('key') else ''} | "
                f"{_cell(_number(c.get('value'), c.get('unit', '')))} | {_cell(_number(c.get('threshold')))} | "
                f"{_cell(c.get('detail'))[:300]} |"
            )
        lines.append("")
    elif checks:
        lines += [f"All {len([c for c in checks if c.get('status') == 'pass'])} evaluated checks passed.", ""]
    regressions = r.get("regressions", [])
    if regressions:
        since = (r.get("baseline") or {}).get("time", "the last GO")
        lines += [f"### Regressions since the last GO ({since})", ""]
        for reg in regressions:
            if reg.get("kind") == "scenario":
                lines.append(f"- **{_cell(reg['feature'])}: {_cell(reg['name'])}** passed then, {reg['now']} now")
            else:
                lines.append(
                    f"- `{reg['id']}` {reg['was']:g} → {reg['now']:g} ({reg['change']:+.0%}, "
                    f"at most {reg['limit']:.0%} allowed)"
                )
        lines.append("")
    failing = [s for s in r.get("scenarios", []) if s.get("status") in ("failed", "error")]
    if failing:
        lines += ["### Scenarios that did not pass", ""]
        for s in failing[:25]:
            tags = " ".join(f"@{t}" for t in s.get("tags", []))
            at = f" — at *{_cell(s['failing_step'])}*" if s.get("failing_step") else ""
            message = f": {_cell(s['message'])[:200]}" if s.get("message") else ""
            lines.append(f"- ❌ **{_cell(s['feature'])}: {_cell(s['name'])}** {tags}{at}{message}")
        if len(failing) > 25:
            lines.append(f"- … and {len(failing) - 25} more (see readiness.html)")
        lines.append("")
    flaky = [s for s in r.get("scenarios", []) if s.get("flaky")]
    flaky_tests = [t for s in suites for t in s.get("flaky_tests", [])]
    if flaky or flaky_tests:
        lines += ["### Flaky (failed first, passed on rerun)", ""]
        if flaky:
            lines += [f"- {_cell(s['feature'])}: {_cell(s['name'])} {' '.join('@' + t for t in s['tags'])}"
                      for s in flaky]
        else:
            lines += [f"- `{t}`" for t in flaky_tests]
        lines.append("")
    if r.get("warnings"):
        lines += ["### Warnings", ""] + [f"- {_cell(w)}" for w in r["warnings"]] + [""]
    if checks:
        lines += ["<details><summary>All checks</summary>", "", "| | check | value | threshold | weight |",
                  "|---|---|---|---|---|"]
        for c in checks:
            lines.append(
                f"| {ICON.get(c['status'], '')} | `{c['id']}`{' (key)' if c.get('key') else ''} | "
                f"{_cell(_number(c.get('value'), c.get('unit', '')))} | {_cell(_number(c.get('threshold')))} | "
                f"{c.get('weight', 1):g} |"
            )
        lines += ["", "</details>", ""]
    reports = r.get("reports", {})
    links = [f"`{name}`: {path}" for name, path in reports.items() if path]
    if links:
        lines += ["Reports: " + " · ".join(links), ""]
    return "\n".join(lines)
