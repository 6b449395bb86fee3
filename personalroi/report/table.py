"""The terminal report: rich renderables a reviewer reads in ten seconds.

Top to bottom: verdict, ROI, scorecard, metrics, gaps, priorities, data
quality; it fits a 100-column terminal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich import box
from rich.console import Group, RenderableType
from rich.text import Text

from personalroi.i18n import label, say, t
from personalroi.report import (
    baseline_view,
    clv_view,
    engagement_view,
    governance_view,
    numbers,
    trend_view,
    verdict_view,
)
from personalroi.report import business_table as biz

if TYPE_CHECKING:
    from personalroi.document import AuditJson
    from personalroi.document.core import MetricJson

STATUS_STYLE = biz.STATUS_STYLE
CHECK_STYLE = {"pass": "green", "warn": "yellow", "fail": "bold red"}


def render_table(result: AuditJson) -> RenderableType:
    sections = [
        _header(result),
        biz.verdict(result),
        biz.roi_table(result),
        biz.sensitivity_table(result),
        biz.scorecard_table(result),
        _metric_table(result),
        _segment_table(result),
        _baseline(result),
        _clv(result),
        _trend(result),
        engagement_view.table_section(result),
        biz.gaps_table(result),
        biz.priorities_text(result),
        governance_view.table_section(result),
        _quality(result),
    ]
    parts: list[RenderableType] = []
    for section in sections:
        if section is not None:
            parts += [section, Text("")]
    return Group(*parts[:-1])


def _header(result: AuditJson) -> RenderableType:
    exp = result["experiment"]
    text = Text()
    text.append(exp["name"], style="bold")
    arms = ", ".join(exp["treatments"])
    text.append("  " + t("header.control_vs", control=str(exp["control"]), arms=arms))
    text.append(
        "  " + t("header.alpha", alpha=exp["alpha"], correction=exp.get("correction") or "none"),
        style="dim",
    )
    if exp.get("hypothesis"):
        text.append("\n" + t("header.hypothesis", hypothesis=exp["hypothesis"]), style="italic")
    return text


def _lift(row: MetricJson) -> str:
    """Relative lift and CI; NPS in points, where a relative change means little."""
    if row["type"] != "nps" and row["relative_lift"] is None:
        kind = row["type"]
        ci = numbers.interval(row["absolute_ci"], lambda x: numbers.lift(x, kind))
        return f"{numbers.lift(row['absolute_lift'], kind)} {ci}"
    return numbers.metric_lift_text(row)


def _metric_table(result: AuditJson) -> RenderableType:
    level = numbers.whole_pct(1 - result["experiment"]["alpha"], signed=False)
    return _rows_table(t("metrics.title_terminal", level=level), verdict_view.top_rows(result))


def _segment_table(result: AuditJson) -> RenderableType | None:
    rows = verdict_view.significant_level_rows(result)
    if not rows:
        return None
    return _rows_table(t("segments.significant_title"), rows)


def _rows_table(title: str, rows: list[MetricJson]) -> RenderableType:
    table = biz.table(title)
    table.box = box.SIMPLE_HEAD
    for key, justify in [
        ("metric", "left"),
        ("arm", "left"),
        ("control", "right"),
        ("lift_ci", "right"),
        ("p_adj", "right"),
        ("status", "left"),
    ]:
        table.add_column(t(f"col.{key}"), justify=justify, no_wrap=True)  # type: ignore[arg-type]
    for row in rows:
        mark = " *" if row["significant"] else ""
        name = row["metric"] + (" " + t("metrics.guardrail_mark") if row.get("guardrail") else "")
        if row["dimension"] is not None:
            name += f" · {row['dimension']} {row['level']}"
        table.add_row(
            Text(name),  # Text, not markup: a level like "[new]" must print as it is
            Text(row["arm"]),
            numbers.value(row["control_value"], row["type"]),
            _lift(row),
            numbers.p_value(row["p_value_adjusted"]) + mark,
            Text(label("status", row["status"]), style=STATUS_STYLE.get(row["status"], "")),
        )
    table.caption = t("metrics.caption_terminal")
    table.caption_justify = "left"
    return table


def _view_table(
    view: tuple[str, list[str], list[list[str]]] | None, left: int, caption: str = ""
) -> RenderableType | None:
    """A plain-cell view (title, header, rows) as a terminal table: `left` text columns."""
    if view is None:
        return None
    title, header, rows = view
    table = biz.table(title)
    for i, col in enumerate(header):
        table.add_column(col, justify="left" if i < left else "right", no_wrap=True)
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    if caption:
        table.caption = caption
        table.caption_justify = "left"
    return table


def _baseline(result: AuditJson) -> RenderableType | None:
    return _view_table(baseline_view.baseline(result), 3, baseline_view.caption())


def _clv(result: AuditJson) -> RenderableType | None:
    tables = [
        t
        for t in (
            _view_table(clv_view.arms(result), 1),
            _view_table(clv_view.comparisons(result), 2, clv_view.caption()),
        )
        if t is not None
    ]
    return Group(*tables) if tables else None


def _trend(result: AuditJson) -> RenderableType | None:
    """Weekly lifts since exposure and the calendar split; cohort weeks stay in the JSON."""
    tables: list[RenderableType] = []
    for view in (trend_view.exposure_weeks(result), trend_view.calendar_periods(result)):
        if view is None:
            continue
        title, header, rows = view
        table = biz.table(title)
        # Text columns: the first two (period or metric, metric or arm), the arm, the reading.
        for i, col in enumerate(header):
            text = i < 2 or i == len(header) - 1 or col == t("col.arm")
            justify = "left" if text else "right"
            table.add_column(col, justify=justify, no_wrap=True)  # type: ignore[arg-type]
        for row in rows:
            table.add_row(*row)
        tables += [Text(""), table] if tables else [table]
    if not tables:
        return None
    note = Text(t("trend.note_terminal"), style="dim")
    return Group(*tables, note)


def _quality(result: AuditJson) -> RenderableType:
    dq = result["data_quality"]
    srm = dq["srm"]
    text = Text(t("quality.title") + "  ", style="bold")
    counts = ", ".join(f"{arm} {numbers.count(n)}" for arm, n in srm["observed"].items())
    text.append(
        f"SRM p = {numbers.p_value(srm['p_value'])} ({counts}) ",
        style="green" if srm["ok"] else "bold red",
    )
    text.append(t("quality.srm_ok" if srm["ok"] else "quality.mismatch"), style="bold")
    width = max(5, *(len(label("check", s)) for s in CHECK_STYLE))
    for check in dq["checks"]:
        if check["status"] == "pass":
            continue
        shown = label("check", check["status"]).ljust(width)
        text.append(f"\n  {shown} ", style=CHECK_STYLE[check["status"]])
        text.append(f"{check['name']}: {say(check.get('phrase'), check['detail'])}")
    passed = sum(c["status"] == "pass" for c in dq["checks"])
    text.append("\n  " + t("quality.passed", passed=passed, total=len(dq["checks"])), style="dim")
    return text
