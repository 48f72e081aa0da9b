"""The detection matrix of `release-gate prove`, as Markdown (prove.md), an HTML section and a console table."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

CELL = {"failed": "caught", "error": "error (not a catch)", "passed": "missed", "not_run": "not run"}


def cell(fault: Mapping[str, Any], suite: str) -> str:
    status = fault["suites"].get(suite)
    if status is None:
        return "–"
    word = CELL.get(status, status)
    return f"{word} (expected)" if suite == fault["expected_suite"] else word


def _percent(value: float) -> str:
    return f"{value * 100:.0f} %"


def summary_line(p: Mapping[str, Any]) -> str:
    caught = len(p["faults"]) - len(p["escaped"])
    return (f"sensitivity {_percent(p['sensitivity'])} ({caught} of {len(p['faults'])} faults caught), "
            f"specificity {_percent(p['specificity'])} (clean build {p['clean']['verdict']}), "
            f"{len(p['gaps'])} gap(s), {p['duration_s']:.0f} s")


def render_markdown(p: Mapping[str, Any], suites: Sequence[str]) -> str:
    icon = "✅" if p["passed"] else "❌"
    lines = [f"## {icon} What the gate catches: {summary_line(p)}", "",
             f"Profile `{p['profile']}`. Clean build: **{p['clean']['verdict']}** in {p['clean']['duration_s']:.0f} s.", "",
             "| fault | verdict | " + " | ".join(suites) + " | time |",
             "|---|---|" + "---|" * len(suites) + "---|"]
    for f in p["faults"]:
        verdict = f["verdict"] + ("" if f["verdict"] != "GO" else " (escaped)")
        lines.append(f"| `{f['name']}` | {verdict} | " + " | ".join(cell(f, s) for s in suites)
                     + f" | {f['duration_s']:.0f} s |")
    if p["escaped"]:
        lines += ["", "**Escaped (the gate said GO):** " + ", ".join(f"`{n}`" for n in p["escaped"])]
    if p["gaps"]:
        lines += ["", "**Gaps (caught, but not by the suite meant to catch it):** "
                  + ", ".join(f"`{n}`" for n in p["gaps"])]
    return "\n".join(lines) + "\n"


def render_html_section(p: Mapping[str, Any], suites: Sequence[str]) -> str:
    head = "".join(f"<th>{escape(s)}</th>" for s in suites)
    rows = []
    for f in p["faults"]:
        cls = "bad" if f["verdict"] == "GO" else ("warn" if not f["caught_by_expected_suite"] else "ok")
        cells = "".join(
            f'<td><span class="badge {"ok" if f["suites"].get(s) == "failed" else "muted"}">'
            f"{escape(cell(f, s))}</span></td>" for s in suites)
        rows.append(f'<tr><td><code>{escape(f["name"])}</code><br><small>{escape(f.get("title", ""))}</small></td>'
                    f'<td><span class="badge {cls}">{escape(f["verdict"])}</span></td>{cells}'
                    f'<td>{f["duration_s"]:.0f} s</td></tr>')
    return ('<section id="prove"><h2>What the gate catches (seeded faults)</h2>'
            f"<p>{escape(summary_line(p))}. Each fault is switched into the platform and the gate must say NO-GO, "
            "caught by the suite meant to catch it.</p>"
            f"<table><tr><th>fault</th><th>verdict</th>{head}<th>time</th></tr>{''.join(rows)}</table></section>")
