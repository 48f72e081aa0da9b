"""readiness.html: one self-contained page for people. The verdict first; then every check with its
evidence; latency charts when load evidence exists; and every scenario in plain language, by feature, so
a product owner can read what this release does and does not do."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping
from html import escape
from typing import Any

from release_gate.lanes import run_order
from release_gate.reports.charts import latency_lines, percentile_bars
from release_gate.reports.prove_report import render_html_section

PLAIN = {
    "passed": ("Works", "ok"),
    "failed": ("Does not work", "bad"),
    "error": ("Could not be checked", "bad"),
    "skipped": ("Not checked in this run", "muted"),
}
CHECK_CLASS = {"pass": "ok", "warn": "warn", "fail": "bad", "error": "bad", "skipped": "muted"}

CSS = """
body{font-family:Arial,Helvetica,sans-serif;margin:0;color:#0b0c0c;background:#f3f2f1;line-height:1.4}
main{max-width:1100px;margin:0 auto;padding:0 20px 40px}
.verdict{padding:28px 20px;color:#fff;text-align:center}
.verdict.go{background:#00703c}.verdict.nogo{background:#d4351c}.verdict.unknown{background:#505a5f}
.verdict h1{font-size:72px;margin:0;letter-spacing:2px}.verdict p{margin:6px 0 0;font-size:19px}
section{background:#fff;margin:20px 0;padding:16px 20px;border-radius:4px}
h2{margin-top:0;font-size:24px}h3{font-size:19px;margin:18px 0 6px}
table{border-collapse:collapse;width:100%;font-size:15px}th,td{text-align:left;padding:6px 8px;
border-bottom:1px solid #b1b4b6;vertical-align:top;overflow-wrap:break-word}th{background:#f3f2f1;white-space:nowrap}
td.name,td.num{white-space:nowrap}.scroll{overflow-x:auto}
.badge{display:inline-block;padding:2px 8px;border-radius:3px;font-weight:bold;font-size:13px;white-space:nowrap}
.ok{background:#cce2d8;color:#005a30}.bad{background:#f6d7d2;color:#942514}.warn{background:#fff7bf;color:#594d00}
.muted{background:#e8e8e8;color:#383f43}.flaky{background:#fcd6c3;color:#6e3619}
.tag{display:inline-block;background:#e8f1f8;color:#0c2d4a;border-radius:3px;padding:0 6px;margin-right:4px;
font-size:12px}.key{font-weight:bold;color:#942514}
ul.scenarios{list-style:none;padding:0}ul.scenarios li{padding:8px 0;border-bottom:1px solid #e8e8e8}
.steps{margin:6px 0 0 18px;font-size:14px;color:#383f43}.steps .failed{color:#942514;font-weight:bold}
.message{font-family:monospace;font-size:13px;background:#f6d7d2;padding:6px;white-space:pre-wrap;margin:6px 0}
.reason{white-space:pre-wrap;font-family:monospace;font-size:13px;background:#f3f2f1;padding:6px;margin:4px 0}
.desc{color:#505a5f;white-space:pre-line}a{color:#1d70b8}small{color:#505a5f}
"""


def _e(value: Any) -> str:
    return escape("" if value is None else str(value))


def _value(v: Any, unit: str = "") -> str:
    if v is None:
        return "–"
    text = f"{v:.4g}" if isinstance(v, float) else str(v)
    return f"{text} {unit}".strip() if unit and unit != "ratio" else text


def _link(path: str | None) -> str:
    if not path:
        return ""
    return f'<a href="{_e(path)}">{_e(path)}</a>'


def render_html(r: Mapping[str, Any]) -> str:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Release readiness: {_e(r.get('verdict'))}</title><style>{CSS}</style></head><body>",
        _verdict(r),
        "<main>",
        _why(r),
        _suites(r),
        _checks(r),
        _regressions(r),
        _latency(r),
        _reconciliation(r),
        _access_matrix(r),
        _scenarios(r),
        _prove(r),
        _links(r),
        "</main></body></html>",
    ]
    return "\n".join(p for p in parts if p)


def _verdict(r: Mapping[str, Any]) -> str:
    verdict = r.get("verdict", "NO-GO")
    evaluated = r.get("evaluated", True)
    css = "go" if verdict == "GO" else ("nogo" if evaluated else "unknown")
    note = "" if evaluated else "<p>The gate could not evaluate this release.</p>"
    where = _e(r.get("target") or "no target")
    if r.get("embedded_platform"):
        where += " (embedded platform)"
    faults = f" · seeded faults: {_e(', '.join(r['faults']))}" if r.get("faults") else ""
    return (
        f'<header class="verdict {css}"><h1 id="verdict">{_e(verdict)}</h1>{note}'
        f"<p>Score {_e(r.get('score'))} / 100 · profile {_e(r.get('profile'))} · {_e(r.get('duration_s'))} s</p>"
        f"<p><small style=\"color:#fff\">{where}{faults} · {_e(r.get('generated_at'))}</small></p></header>"
    )


def _why(r: Mapping[str, Any]) -> str:
    if not r.get("reason") and not r.get("warnings"):
        return ""
    out = ["<section><h2>Why</h2>"]
    items = r.get("reasons") or ([r["reason"]] if r.get("reason") else [])
    if items:
        out.append("<ul>" + "".join(_reason(str(i)) for i in items) + "</ul>")
    if r.get("warnings"):
        out.append("<h3>Warnings</h3><ul>" + "".join(f"<li>{_e(w)}</li>" for w in r["warnings"]) + "</ul>")
    out.append("</section>")
    return "".join(out)


def _reason(text: str) -> str:
    first, _, rest = text.partition("\n")
    more = f'<div class="reason">{_e(rest)}</div>' if rest else ""
    return f"<li>{_e(first)}{more}</li>"


def _seconds(value: Any) -> str:
    return f"{value:.0f} s" if isinstance(value, int | float) else "–"


def _suites(r: Mapping[str, Any]) -> str:
    suites = r.get("suites", [])
    if not suites:
        return ""
    rows = []
    for s in suites:
        css = {"passed": "ok", "failed": "bad", "error": "bad"}.get(s["status"], "muted")
        error = f"<br><small>{_e(s.get('error'))}</small>" if s.get("error") else ""
        notes = "".join(f"<br><small>{_e(n)}</small>" for n in s.get("notes", []) if "\n" not in n)
        evidence = " ".join(_link(p) for p in (s.get("evidence") or {}).values())
        rows.append(
            f"<tr><td class=\"name\">{_e(s['name'])}</td><td><span class=\"badge {css}\">{_e(s['status'])}</span>"
            f"{error}{notes}</td><td class=\"num\">{s['tests']}</td><td class=\"num\">{s['passed']}</td>"
            f"<td class=\"num\">{s['failed']}</td><td class=\"num\">{s['flaky']}</td><td class=\"num\">{s['skipped']}"
            f"</td><td class=\"num\">{_seconds(s.get('duration_s'))}</td><td><small>{evidence}</small></td></tr>"
        )
    return (
        "<section><h2>Suites</h2><table><tr><th>suite</th><th>status</th><th>tests</th><th>passed</th>"
        "<th>failed</th><th>flaky</th><th>skipped</th><th>time</th><th>evidence</th></tr>"
        + "".join(rows)
        + "</table>"
        + _lanes(r)
        + "</section>"
    )


def _lanes(r: Mapping[str, Any]) -> str:
    """How the suites ran, when some ran side by side (their times then overlap)."""
    text = run_order(r.get("lanes") or [], r.get("parallel_limit"))
    return f"<p><small>{_e(text)}</small></p>" if text else ""


def _checks(r: Mapping[str, Any]) -> str:
    checks = r.get("checks", [])
    if not checks:
        return ""
    rows = []
    for c in checks:
        key = ' <span class="key" title="failing it alone blocks the release">key</span>' if c.get("key") else ""
        rows.append(
            f"<tr id=\"check-{_e(c['id'])}\"><td><span class=\"badge {CHECK_CLASS.get(c['status'], 'muted')}\">"
            f"{_e(c['status'])}</span></td><td><code>{_e(c['id'])}</code>{key}<br><small>{_e(c.get('title'))}"
            f"</small></td><td>{_e(_value(c.get('value'), c.get('unit', '')))}</td>"
            f"<td>{_e(_value(c.get('threshold')))}</td><td>{_e(c.get('detail'))}</td>"
            f"<td><small>{_link(c.get('evidence'))}</small></td></tr>"
        )
    return (
        "<section><h2>Checks</h2><table><tr><th>status</th><th>check</th><th>value</th><th>threshold</th>"
        "<th>detail</th><th>evidence</th></tr>" + "".join(rows) + "</table></section>"
    )


def _regressions(r: Mapping[str, Any]) -> str:
    regressions = r.get("regressions", [])
    if not regressions:
        return ""
    items = []
    for reg in regressions:
        if reg.get("kind") == "scenario":
            items.append(f"<li><b>{_e(reg['feature'])}: {_e(reg['name'])}</b> worked at the last GO; "
                         f"now: {_e(PLAIN.get(reg['now'], (reg['now'],))[0])}</li>")
        else:
            items.append(f"<li><code>{_e(reg['id'])}</code>: {_e(reg['was'])} → {_e(reg['now'])} "
                         f"({reg['change']:+.0%}; at most {reg['limit']:.0%} allowed)</li>")
    since = _e((r.get("baseline") or {}).get("time", "the last GO"))
    return f"<section><h2>Regressions since the last GO ({since})</h2><ul>{''.join(items)}</ul></section>"


def _latency(r: Mapping[str, Any]) -> str:
    latency = r.get("latency") or {}
    charts = []
    for suite, data in latency.items():
        if data.get("percentiles"):
            charts.append(f"<h3>{_e(suite)}: latency percentiles</h3>"
                          + percentile_bars(data["percentiles"], data.get("slo")))
        if data.get("series"):
            charts.append(f"<h3>{_e(suite)}: latency over the run</h3>" + latency_lines(data["series"]))
    return f"<section><h2>Latency</h2>{''.join(charts)}</section>" if charts else ""


def _reconciliation(r: Mapping[str, Any]) -> str:
    rec = r.get("reconciliation")
    if not rec:
        return ""
    rows = "".join(
        f"<tr><th>{_e(k.replace('_', ' '))}</th><td>{_e(rec.get(k))}</td></tr>"
        for k in ("recorded", "received", "missing", "duplicates", "p95_delivery_s")
    )
    # The load suite also reports how fast delivery was at worst, and the outbox backlog and its drain.
    rows += "".join(
        f"<tr><th>{_e(k.replace('_', ' '))}</th><td>{_e(rec[k])}</td></tr>"
        for k in ("p50_delivery_s", "max_delivery_s", "backlog_peak", "drain_s") if rec.get(k) is not None
    )
    return ("<section><h2>Reconciliation: what the platform recorded against what the agencies received</h2>"
            f"<table>{rows}</table></section>")


MATRIX_MARKS = {"allowed": ("✓", "ok"), "filtered": ("✓ own only", "ok"), "refused": ("403", "muted"),
                "hidden": ("404", "muted"), "sign-in": ("sign in", "muted")}


def _access_matrix(r: Mapping[str, Any]) -> str:
    """Who may do what (from the resilience suite): every role x action cell, as expected and tested, or not."""
    matrix = r.get("access_matrix")
    if not matrix:
        return ""
    summary = matrix.get("summary", {})
    head = "".join(f"<th><small>{_who(who)}</small></th>" for who in matrix.get("roles", []))
    rows = []
    for action in matrix.get("actions", []):
        cells = []
        for who in matrix.get("roles", []):
            cell = action["cells"].get(who, {})
            mark, css = MATRIX_MARKS.get(cell.get("expected"), (cell.get("expected"), "muted"))
            if not cell.get("tested"):
                mark, css = f"{mark} untested", "warn"
            elif not cell.get("as_expected", True):
                mark, css = f"{mark}, got {cell.get('actual')}", "bad"
            cells.append(f'<td><span class="badge {css}">{_e(mark)}</span></td>')
        rows.append(f"<tr><td><small>{_e(action['channel'])}</small> <code>{_e(action['method'])} "
                    f"{_e(action['path'])}</code><br><small>{_e(action.get('title'))}</small></td>{''.join(cells)}</tr>")
    return (
        "<section><h2>Access matrix: who may do what</h2>"
        f"<p>{_e(summary.get('cells'))} cells, {_e(summary.get('tested'))} tested, {_e(summary.get('untested'))} "
        f"untested; {_e(summary.get('refused'))} of {_e(summary.get('forbidden'))} forbidden cells refused; "
        f"{_e(summary.get('wrong'))} not as expected. ✓ allowed, 403 refused for the role, 404 another centre's "
        "record (not disclosed), sign in: not signed in.</p>"
        f"<div class=\"scroll\"><table><tr><th>action</th>{head}</tr>{''.join(rows)}</table></div></section>"
    )


def _who(who: str) -> str:
    """'LEGAL_ADVISER@MAG01' as two short lines (role, centre), so a dozen columns fit the page."""
    role, _, centre = str(who).partition("@")
    return _e(role.replace("_", " ").lower()) + (f"<br>{_e(centre)}" if centre else "")


def _scenarios(r: Mapping[str, Any]) -> str:
    scenarios = r.get("scenarios", [])
    if not scenarios:
        return ""
    features: OrderedDict[str, list[Mapping[str, Any]]] = OrderedDict()
    for s in scenarios:
        features.setdefault(s.get("feature") or s.get("uri") or "(no feature)", []).append(s)
    out = ["<section><h2>What this release does</h2>",
           "<p>Every scenario the gate ran, in the words of the feature files; features with a scenario that "
           "does not work come first.</p>"]
    trouble = [f for f, items in features.items() if any(s["status"] in ("failed", "error") for s in items)]
    ordered = trouble + [f for f in features if f not in trouble]
    for feature in ordered:
        items = features[feature]
        works = sum(1 for s in items if s["status"] == "passed")
        out.append(f"<h3>{_e(feature)} <small>({works} of {len(items)} work)</small></h3>")
        description = items[0].get("feature_description")
        if description:
            out.append(f'<p class="desc">{_e(description)}</p>')
        out.append('<ul class="scenarios">')
        for s in items:
            out.append(_scenario(s))
        out.append("</ul>")
    out.append("</section>")
    return "".join(out)


def _scenario(s: Mapping[str, Any]) -> str:
    label, css = PLAIN.get(s["status"], (s["status"], "muted"))
    if s.get("flaky"):
        label, css = "Works (needed a second try)", "flaky"
    tags = "".join(f'<span class="tag">@{_e(t)}</span>' for t in s.get("tags", []))
    steps = []
    failing = s.get("failing_step", "")
    for step in s.get("steps", []):
        text = f"{step['keyword']} {step['text']}".strip()
        cls = ' class="failed"' if failing and text == failing and s["status"] != "passed" else ""
        steps.append(f"<li{cls}>{_e(text)}</li>")
    message = ""
    if s.get("message") and s["status"] != "passed":
        message = f'<div class="message">{_e(s["message"])}</div>'
    elif s.get("flaky") and s.get("message"):
        message = f"<div><small>{_e(s['message'])}</small></div>"
    where = f"<div><small>Stopped at: {_e(failing)}</small></div>" if failing and s["status"] != "passed" else ""
    opened = " open" if s["status"] in ("failed", "error") else ""
    details = f"<details{opened}><summary>steps</summary><ol class=\"steps\">{''.join(steps)}</ol></details>"
    details = details if steps else ""
    return (f'<li><span class="badge {css}">{_e(label)}</span> <b>{_e(s["name"])}</b> {tags}'
            f"{where}{message}{details}</li>")


def _prove(r: Mapping[str, Any]) -> str:
    prove = r.get("prove")
    if not prove:
        return ""
    return render_html_section(prove, prove.get("suites") or [s["name"] for s in r.get("suites", [])])


def _links(r: Mapping[str, Any]) -> str:
    reports = {k: v for k, v in (r.get("reports") or {}).items() if v}
    if not reports:
        return ""
    names = {"allure": "Allure report (every test, step and attachment)", "junit": "JUnit XML (all suites)",
             "markdown": "Summary for a pull request", "json": "readiness.json (for machines)"}
    items = "".join(f"<li>{_link(path)} – {_e(names.get(key, key))}</li>" for key, path in reports.items()
                    if key != "html")
    return f"<section><h2>Reports</h2><ul>{items}</ul></section>"
