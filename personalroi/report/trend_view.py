"""The `trend` section as plain-text table cells, shared by the table, markdown and HTML reports.

Each function returns (title, header, rows) or None when there is nothing to show;
the renderers only escape and lay out. Lifts are relative where the section says
so (a `scale` per entry), else absolute.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from personalroi.i18n import label, t
from personalroi.report import numbers

if TYPE_CHECKING:
    from personalroi.document import AuditJson
    from personalroi.document.trend import NoveltyJson, WeekLiftJson

MAX_WEEKS = 5  # weeks since exposure shown; the rest are in the JSON
CALENDAR_KEYS = ("period", "metric", "arm", "with", "without", "in_period", "p_adj", "reading")
CALENDAR_LIFTS = ("with", "without", "in_period")
Table = tuple[str, list[str], list[list[str]]]


def _lift(x: float | None, scale: str) -> str:
    if x is None:
        return "–"
    # Absolute lifts here are NPS points (the one metric without a relative lift).
    return numbers.pct(x) if scale == "relative" else numbers.fixed(x, 1, signed=True)


def _week_lift(entry: WeekLiftJson | None) -> str:
    """A week's lift, in whole percent (NPS in points); '–' below the minimum or untestable."""
    if entry is None or entry["code"] != "ok":
        return "–"
    if entry.get("type") == "nps":
        return _lift(entry["absolute_lift"], "absolute")
    return numbers.whole_pct(entry["relative_lift"])


def _reading(entry: NoveltyJson) -> str:
    if entry["novelty"]:
        return label("reading", "novelty")
    if not entry["drifts"]:
        return ""
    sign = 1 if entry["better"] == "higher" else -1
    return label("reading", "grows" if entry["slope"] * sign > 0 else "worsens")


def exposure_weeks(result: AuditJson) -> Table | None:
    trend = result.get("trend")
    if trend is None or not trend["by_exposure_week"]:
        return None
    entries = trend["by_exposure_week"]
    weeks = sorted({e["week"] for e in entries})[:MAX_WEEKS]
    cells = {(e["metric"], e["arm"], e["week"]): e for e in entries}
    novelty = {(e["metric"], e["arm"]): e for e in trend["novelty"]}
    pairs = list(dict.fromkeys((e["metric"], e["arm"]) for e in entries))
    rows = []
    for metric, arm in pairs:
        fit = novelty.get((metric, arm))
        tail = ["–", "–", ""]
        if fit is not None:
            tail = [
                _lift(fit["slope"], fit["scale"]),
                numbers.p_value(fit["p_value_adjusted"]),
                _reading(fit),
            ]
        rows.append([metric, arm, *(_week_lift(cells.get((metric, arm, w))) for w in weeks), *tail])
    header = [t("col.metric"), t("col.arm"), *(week_label(w) for w in weeks)]
    header += [t("col.slope"), t("col.p_adj"), t("col.reading")]
    return t("trend.exposure_title"), header, rows


def week_label(week: int) -> str:
    """A week since first exposure as a column name: 'wk0'."""
    return t("trend.week", week=week)


def cohort_weeks(result: AuditJson) -> Table | None:
    trend = result.get("trend")
    if trend is None or not trend["by_calendar_week"]:
        return None
    entries = trend["by_calendar_week"]
    weeks = sorted({e["week"] for e in entries})
    cells = {(e["metric"], e["arm"], e["week"]): e for e in entries}
    pairs = list(dict.fromkeys((e["metric"], e["arm"]) for e in entries))
    rows = [[m, a, *(_week_lift(cells.get((m, a, w))) for w in weeks)] for m, a in pairs]
    header = [t("col.metric"), t("col.arm"), *(w[5:] for w in weeks)]  # MM-DD of each Monday
    return t("trend.cohort_title"), header, rows


def calendar_periods(result: AuditJson) -> Table | None:
    trend = result.get("trend")
    if trend is None or not trend["calendar"]:
        return None
    entries = trend["calendar"]
    rows = [
        [
            e["period"],
            e["metric"],
            e["arm"],
            _lift(e["lift_with"], e["scale"]),
            _lift(e["lift_without"], e["scale"]),
            _lift(e["lift_in"], e["scale"]),
            numbers.p_value(e["p_value_adjusted"]),
            label("reading", "differs") if e["differs"] else "",
        ]
        for e in entries
    ]
    header = [t(f"col.{key}") for key in CALENDAR_KEYS]
    periods = dict.fromkeys(
        t("trend.period", name=e["period"], start=e["start"], end=e["end"]) for e in entries
    )
    title = t("trend.calendar_title", periods="; ".join(periods))
    if len(periods) == 1:  # the title names it
        header, rows = header[1:], [row[1:] for row in rows]
    return title, header, rows
