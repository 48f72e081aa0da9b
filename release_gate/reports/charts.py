"""Inline SVG charts for readiness.html (no scripts, no external assets).

Load evidence is expected as `latency = {"percentiles": {NAME: {"p50": ms, "p95": ms, "p99": ms}},
"series": {NAME: [[seconds, ms], ...]}, "slo": {NAME: ms}}`; any part may be missing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

COLOURS = {"p50": "#5694ca", "p95": "#1d70b8", "p99": "#003078"}
LINE_COLOURS = ("#1d70b8", "#d4351c", "#00703c", "#f47738", "#4c2c92", "#b58840")


def percentile_bars(percentiles: Mapping[str, Mapping[str, float]], slo: Mapping[str, float] | None = None) -> str:
    """Horizontal bars, one group per request name, with the SLO as a red tick when known."""
    slo = slo or {}
    names = list(percentiles)
    if not names:
        return ""
    peak = max([v for p in percentiles.values() for v in p.values()] + list(slo.values()) + [1.0])
    label_w, bar_w, row_h = 190, 420, 14
    keys = [k for k in ("p50", "p95", "p99") if any(k in p for p in percentiles.values())]
    group_h = row_h * len(keys) + 12
    height = group_h * len(names) + 30
    parts = [
        f'<svg role="img" width="{label_w + bar_w + 90}" height="{height}" '
        f'aria-label="Latency percentiles per request">'
    ]
    for i, name in enumerate(names):
        y0 = 10 + i * group_h
        parts.append(f'<text x="0" y="{y0 + row_h}" font-size="12">{escape(name[:28])}</text>')
        for j, key in enumerate(keys):
            value = percentiles[name].get(key)
            if value is None:
                continue
            y = y0 + j * row_h
            width = max(1.0, bar_w * value / peak)
            parts.append(
                f'<rect x="{label_w}" y="{y}" width="{width:.1f}" height="{row_h - 3}" fill="{COLOURS[key]}">'
                f"<title>{escape(name)} {key}: {value:g} ms</title></rect>"
                f'<text x="{label_w + width + 4:.1f}" y="{y + row_h - 4}" font-size="10">{key} {value:g} ms</text>'
            )
        if name in slo:
            x = label_w + bar_w * slo[name] / peak
            parts.append(
                f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y0 - 2}" y2="{y0 + row_h * len(keys)}" stroke="#d4351c" '
                f'stroke-width="2"><title>SLO {slo[name]:g} ms</title></line>'
            )
    parts.append("</svg>")
    return "".join(parts)


def latency_lines(series: Mapping[str, Sequence[Sequence[float]]], width: int = 700, height: int = 260) -> str:
    """Latency over the run, one line per series, with axes labelled in seconds and milliseconds."""
    points = {name: [(float(t), float(v)) for t, v in data] for name, data in series.items() if data}
    if not points:
        return ""
    left, bottom, top, right = 55, 30, 10, 160
    t_max = max(t for data in points.values() for t, _ in data) or 1.0
    v_max = max(v for data in points.values() for _, v in data) or 1.0
    plot_w, plot_h = width - left - right, height - top - bottom

    def xy(t: float, v: float) -> str:
        return f"{left + plot_w * t / t_max:.1f},{top + plot_h * (1 - v / v_max):.1f}"

    parts = [
        f'<svg role="img" width="{width}" height="{height}" '
        f'aria-label="Latency over time">',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#505a5f"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="#505a5f"/>',
        f'<text x="{left}" y="{height - 8}" font-size="11">0 s</text>',
        f'<text x="{left + plot_w - 30}" y="{height - 8}" font-size="11">{t_max:g} s</text>',
        f'<text x="2" y="{top + 10}" font-size="11">{v_max:g} ms</text>',
        f'<text x="2" y="{top + plot_h}" font-size="11">0 ms</text>',
    ]
    for i, (name, data) in enumerate(points.items()):
        colour = LINE_COLOURS[i % len(LINE_COLOURS)]
        path = " ".join(xy(t, v) for t, v in sorted(data))
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{path}"/>')
        ly = top + 14 + 16 * i
        parts.append(
            f'<rect x="{width - right + 10}" y="{ly - 9}" width="10" height="10" fill="{colour}"/>'
            f'<text x="{width - right + 24}" y="{ly}" font-size="11">{escape(name[:22])}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
