"""The `trend` section as plain-text table cells, shared by the table, markdown and HTML reports.

Each function returns (title, header, rows) or None when there is nothing to show;
the renderers only escape and lay out. Lifts are relative where the section says
so (a `scale` per entry), else absolute.
"""

from __future__ import annotations

from typing import Any

from personalroi.report import numbers

MAX_WEEKS = 5  # weeks since exposure shown; the rest are in the JSON
Table = tuple[str, list[str], list[list[str]]]


def _lift(x: float | None, scale: str) -> str:
    if x is None:
        return "–"
    # Absolute lifts here are NPS points (the one metric without a relative lift).
    return numbers.pct(x) if scale == "relative" else f"{x:+.1f}"


def _week_lift(entry: dict[str, Any] | None) -> str:
    """A week's lift, in whole percent (NPS in points); '–' below the minimum or untestable."""
    if entry is None or entry.get("code") != "ok":
        return "–"
    if entry.get("type") == "nps":
        return _lift(entry.get("absolute_lift"), "absolute")
    lift = entry.get("relative_lift")
    return "–" if lift is None else f"{lift:+.0%}"


def _reading(entry: dict[str, Any]) -> str:
    if entry.get("novelty"):
        return "novelty"
    if not entry.get("drifts"):
        return ""
    sign = 1 if entry.get("better") == "higher" else -1
    return "grows" if entry["slope"] * sign > 0 else "worsens"


def exposure_weeks(result: dict[str, Any]) -> Table | None:
    trend = result.get("trend") or {}
    entries = trend.get("by_exposure_week") or []
    if not entries:
        return None
    weeks = sorted({e["week"] for e in entries})[:MAX_WEEKS]
    cells = {(e["metric"], e["arm"], e["week"]): e for e in entries}
    novelty = {(e["metric"], e["arm"]): e for e in trend.get("novelty") or []}
    pairs = list(dict.fromkeys((e["metric"], e["arm"]) for e in entries))
    rows = []
    for metric, arm in pairs:
        fit = novelty.get((metric, arm))
        tail = ["–", "–", ""]
        if fit is not None:
            tail = [
                _lift(fit["slope"], fit["scale"]),
                numbers.p_value(fit.get("p_value_adjusted")),
                _reading(fit),
            ]
        rows.append([metric, arm, *(_week_lift(cells.get((metric, arm, w))) for w in weeks), *tail])
    header = ["metric", "arm", *(f"wk{w}" for w in weeks), "slope", "p adj.", "reading"]
    return "Lift by week since first exposure (novelty check)", header, rows


def cohort_weeks(result: dict[str, Any]) -> Table | None:
    entries = (result.get("trend") or {}).get("by_calendar_week") or []
    if not entries:
        return None
    weeks = sorted({e["week"] for e in entries})
    cells = {(e["metric"], e["arm"], e["week"]): e for e in entries}
    pairs = list(dict.fromkeys((e["metric"], e["arm"]) for e in entries))
    rows = [[m, a, *(_week_lift(cells.get((m, a, w))) for w in weeks)] for m, a in pairs]
    header = ["metric", "arm", *(w[5:] for w in weeks)]  # MM-DD of each week's Monday
    return "Lift by calendar week of first exposure (week starting)", header, rows


def calendar_periods(result: dict[str, Any]) -> Table | None:
    entries = (result.get("trend") or {}).get("calendar") or []
    if not entries:
        return None
    rows = [
        [
            e["period"],
            e["metric"],
            e["arm"],
            _lift(e.get("lift_with"), e["scale"]),
            _lift(e.get("lift_without"), e["scale"]),
            _lift(e.get("lift_in"), e["scale"]),
            numbers.p_value(e.get("p_value_adjusted")),
            "differs" if e.get("differs") else "",
        ]
        for e in entries
    ]
    header = ["period", "metric", "arm", "with", "without", "in period", "p adj.", "reading"]
    periods = dict.fromkeys(f"{e['period']} {e['start']} to {e['end']}" for e in entries)
    title = f"Lift with and without calendar periods ({'; '.join(periods)})"
    if len(periods) == 1:  # the title names it
        header, rows = header[1:], [row[1:] for row in rows]
    return title, header, rows
