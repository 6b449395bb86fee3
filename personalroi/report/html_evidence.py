"""The HTML report's evidence sections (metrics, segments, trends, engagement, data
quality) and its glossary, read from the result into plain strings for the templates.

Lifts read in each metric's natural unit: relative % for most, points for NPS
(a relative change of a -100..100 score means nothing to a reader).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from personalroi.i18n import label, say, t
from personalroi.report import (
    attribution_view,
    baseline_view,
    clv_view,
    engagement_view,
    html_charts,
    numbers,
    trend_view,
    verdict_view,
)
from personalroi.report.html_view import Cell, Table, status_cell, table

if TYPE_CHECKING:
    from personalroi.document import AuditJson
    from personalroi.document.core import MetricJson
    from personalroi.document.history import HistoryEntryJson
    from personalroi.document.trend import (
        CalendarWeekJson,
        ExposureWeekJson,
        WeekLiftJson,
    )

SEGMENT_METRICS = 2  # segment charts for the first N metrics that have breakdowns

GLOSSARY_TERMS = ("p_adj", "p_beat", "p_roi", "cuped", "ci", "srm", "guardrail", "break_even")


def glossary() -> list[tuple[str, str]]:
    return [(t(f"glossary.{term}.term"), t(f"glossary.{term}")) for term in GLOSSARY_TERMS]


@dataclass(frozen=True)
class Chart:
    title: str
    svg: Markup
    table: Table


@dataclass(frozen=True)
class TrendTable:
    title: str
    table: Table
    folded: bool


@dataclass(frozen=True)
class Engagement:
    table: Table
    caption: str
    findings: list[str]


@dataclass(frozen=True)
class Attribution:
    title: str
    shares: Table
    caption: str
    findings: list[str]
    channels: list[tuple[str, Table]]  # per arm, folded


@dataclass(frozen=True)
class Quality:
    srm: str
    srm_ok: bool
    table: Table


def _ci_label(result: AuditJson) -> str:
    alpha = result["experiment"].get("alpha")
    if not isinstance(alpha, int | float):
        return t("col.lift_ci_paren")
    return t("col.lift_level_ci", level=numbers.whole_pct(1 - alpha, signed=False))


def _metric_table(result: AuditJson, rows: Sequence[MetricJson], first: str) -> Table:
    header = [t(f"col.{first}"), t("col.arm"), t("col.control"), t("col.treatment")]
    header += [_ci_label(result), t("col.p_adj"), t("col.p_beat"), t("col.status")]
    body: list[list[str | Cell]] = []
    for r in rows:
        kind = r["type"]
        name = r["metric"] if first == "metric" else f"{r['dimension']} = {r['level']}"
        lift, ci = numbers.metric_lift_ci(r)
        body.append(
            [
                str(name),
                str(r["arm"]),
                numbers.value(r.get("control_value"), kind),
                numbers.value(r.get("treatment_value"), kind),
                Cell(lift, "num", note=ci),
                numbers.p_value(r.get("p_value_adjusted")),
                numbers.pct(r.get("chance_to_beat_control"), signed=False),
                status_cell(r.get("status")),
            ]
        )
    return table(header, body, 2)


def lifts(result: AuditJson) -> Chart | None:
    rows = verdict_view.top_rows(result)
    if not rows:
        return None
    return Chart(
        t("html.lifts_title"),
        html_charts.forest_plot(rows),
        _metric_table(result, rows, "metric"),
    )


def segments(result: AuditJson) -> list[Chart]:
    rows = [r for r in result.get("metrics") or [] if r.get("dimension") is not None]
    metrics = list(dict.fromkeys(r["metric"] for r in rows))[:SEGMENT_METRICS]
    out = []
    for metric in metrics:
        mine = [r for r in rows if r["metric"] == metric]
        chart = html_charts.segment_plot(metric, mine)
        out.append(Chart(str(metric), chart, _metric_table(result, mine, "segment")))
    return out


def _points(cell: str) -> str:
    return cell if cell in ("–", "") else f"{cell} {t('unit.pts')}"


def _week_points(entry: WeekLiftJson | None) -> str:
    """An NPS week's lift in whole points ('–' like the shared view for untestable weeks)."""
    if entry is None or entry["code"] != "ok" or entry["absolute_lift"] is None:
        return "–"
    return f"{numbers.fixed(entry['absolute_lift'], 0, signed=True)} {t('unit.pts')}"


def _weekly(
    view: trend_view.Table,
    entries: Sequence[ExposureWeekJson] | Sequence[CalendarWeekJson],
    label: Callable[[Any], str],
    nps: set[str],
    slopes_in_points: Collection[tuple[str, str]] = (),
) -> Table:
    """The shared weekly view with NPS rows in points: it gives every week a relative lift
    and absolute slopes as bare numbers, which in a page of percentages would read as %.
    `label` turns an entry's week into its column name, as the shared view names it."""
    title, header, rows = view
    slope = t("col.slope")
    cells = {(e["metric"], e["arm"], label(e["week"])): e for e in entries}
    weeks = {label(e["week"]) for e in entries}
    out = []
    for row in rows:
        new = list(row)
        for i, name in enumerate(header):
            if row[0] in nps and name in weeks:
                new[i] = _week_points(cells.get((row[0], row[1], name)))
            elif name == slope and (row[0], row[1]) in slopes_in_points:
                new[i] = _points(row[i])
        out.append(new)
    return table(header, out, 2)


def lift_trend(result: AuditJson) -> list[TrendTable]:
    """Lift by week since exposure, with/without calendar periods; cohort weeks folded."""
    trend = result.get("trend")
    if trend is None:
        return []
    nps = {r["metric"] for r in result.get("metrics") or [] if r.get("type") == "nps"}
    out = []
    exposure = trend_view.exposure_weeks(result)
    if exposure is not None:
        absolute = {(n["metric"], n["arm"]) for n in trend["novelty"] if n["scale"] == "absolute"}
        entries = trend["by_exposure_week"]
        table_ = _weekly(exposure, entries, trend_view.week_label, nps, absolute)
        out.append(TrendTable(exposure[0], table_, False))
    calendar = trend_view.calendar_periods(result)
    if calendar is not None:
        title, header, rows = calendar
        names = {t(f"col.{key}") for key in trend_view.CALENDAR_LIFTS}
        lifts = {i for i, name in enumerate(header) if name in names}
        # One row per entry, in order (the shared view builds them so).
        scales = [e["scale"] for e in trend["calendar"]]
        marked = [
            [_points(c) if scale == "absolute" and i in lifts else c for i, c in enumerate(row)]
            for row, scale in zip(rows, scales, strict=True)
        ]
        out.append(TrendTable(title, table(header, marked, 2), False))
    cohort = trend_view.cohort_weeks(result)
    if cohort is not None:
        table_ = _weekly(cohort, trend["by_calendar_week"], lambda w: str(w)[5:], nps)
        out.append(TrendTable(cohort[0], table_, True))
    return out


def baseline(result: AuditJson) -> TrendTable | None:
    """Pre-period level vs the test period per covariate and arm (a plain table)."""
    view = baseline_view.baseline(result)
    if view is None:
        return None
    title, header, rows = view
    return TrendTable(title, table(header, rows, 3), False)


def clv(result: AuditJson) -> list[TrendTable]:
    """Lifetime value per arm, then each arm against control with the audit's reading."""
    views = ((clv_view.arms(result), 1), (clv_view.comparisons(result), 2))
    return [
        TrendTable(view[0], table(view[1], view[2], left), False)
        for view, left in views
        if view is not None
    ]


def engagement(result: AuditJson) -> Engagement | None:
    rows = engagement_view.summary(result)
    if rows is None:
        return None
    return Engagement(
        table(engagement_view.header(), rows),
        engagement_view.caption(),
        engagement_view.findings(result),
    )


def attribution(result: AuditJson) -> Attribution | None:
    shares = attribution_view.share_table(result)
    if shares is None:
        return None
    header, rows = shares
    cells = [[Cell(a, "text" if i == 0 else "num", note=b) for i, (a, b) in enumerate(row)]
             for row in rows]  # fmt: skip
    channels = [
        (title, table(head, body)) for title, head, body in attribution_view.channel_tables(result)
    ]
    return Attribution(
        attribution_view.title(),
        Table(header, cells),
        attribution_view.caption(),
        attribution_view.findings(result),
        channels,
    )


def history_chart(history: Sequence[HistoryEntryJson]) -> Markup | None:
    return html_charts.trend_plot(history) if len(history) >= 2 else None


def quality(result: AuditJson) -> Quality:
    dq = result["data_quality"]
    srm = dq["srm"]
    observed = (srm.get("observed") or {}).items()
    counts = ", ".join(f"{arm} {numbers.count(n)}" for arm, n in observed)
    line = t("html.sample_ratio", p=numbers.p_value(srm.get("p_value")), counts=counts)
    rows = [
        [
            Cell(str(c.get("name") or ""), "text"),
            Cell(label("check", c.get("status") or "–"), "status", value=str(c.get("status"))),
            Cell(say(c.get("phrase"), str(c.get("detail") or "")), "long"),
        ]
        for c in dq.get("checks") or []
    ]
    header = [t(f"col.{key}") for key in ("check", "status", "detail")]
    return Quality(line, bool(srm.get("ok")), table(header, rows))


def footer(result: AuditJson) -> list[str]:
    tool = result.get("tool")
    prov = result.get("provenance")
    missing = t("html.not_recorded")
    return [
        t(
            "html.footer_tool",
            tool=f"{tool['name']} {tool['version']}" if tool else "personalroi ",
            schema=str(result["schema_version"]),
        ),
        t("html.config_hash", hash=(prov["config_hash"] if prov else "") or missing),
        t(
            "html.data_fingerprint",
            fingerprint=(prov["data_fingerprint"] if prov else "") or missing,
        ),
    ]
