"""The HTML report's view model: the result dict read into plain strings for the templates.

Nothing here is HTML. Every value is text that the templates escape (autoescape is
on), except charts, which come from `html_charts` as checked `Markup`. This module
holds the types and the decision sections (verdict, summary, money, gaps); the
evidence sections live in `html_evidence`. No decision is made here: the verdict,
summary and gaps are the audit's, and are only laid out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from markupsafe import Markup

from personalroi.i18n import label, t
from personalroi.report import html_charts, html_money_charts, money_view, numbers, verdict_view

if TYPE_CHECKING:
    from personalroi.document import AuditJson

CellKind = Literal["text", "num", "long", "status", "bar", "severity"]

# Status -> tone. Green only for a result that pays; red where it does not.
STATUS_TONE = {"pays": "good", "does_not_pay": "bad", "harmful": "bad"}


@dataclass(frozen=True)
class Cell:
    """One table cell: `note` is a second, smaller line (an interval); `percent` fills a bar;
    `value` is what a status or severity cell stands for (its colour), whatever the language."""

    text: str
    kind: CellKind = "num"
    note: str = ""
    percent: int = 0
    value: str = ""


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[list[Cell]]


def table(header: Sequence[str], rows: Iterable[Sequence[str | Cell]], text_cols: int = 1) -> Table:
    """Plain strings become cells: the first `text_cols` columns read left, the rest are numbers."""
    cells = [
        [
            c if isinstance(c, Cell) else Cell(c, "text" if i < text_cols else "num")
            for i, c in enumerate(row)
        ]
        for row in rows
    ]
    return Table(list(header), cells)


def status_cell(status: str | None) -> Cell:
    return Cell(label("status", status) if status else "–", "status", value=status or "")


@dataclass(frozen=True)
class Reason:
    tag: str
    text: str
    tone: str


@dataclass(frozen=True)
class Verdict:
    headline: str
    label: str
    tone: str
    reasons: list[Reason]
    score_line: str
    score_tone: str


@dataclass(frozen=True)
class RoiCard:
    arm: str
    roi: str
    interval: str
    chance: str
    npv: str
    payback: str


@dataclass(frozen=True)
class Sensitivity:
    arm: str
    note: str
    chart: Markup | None
    table: Table


@dataclass(frozen=True)
class RoiView:
    cards: list[RoiCard]
    charts: list[Markup]
    table: Table
    basis: str
    # What drives the uncertainty (one line per arm) and why a figure is undefined.
    notes: list[str]
    sensitivity: list[Sensitivity]


@dataclass(frozen=True)
class ScorecardView:
    title: str
    note: str
    table: Table


@dataclass(frozen=True)
class Summary:
    items: list[tuple[str, str]]
    hypothesis: str
    setup: str


def verdict(result: AuditJson) -> Verdict:
    given = result.get("verdict")
    line = verdict_view.score_line(result) or ""
    score_tone = "good" if verdict_view.score_is_success(result) else "plain"
    if not given:
        return Verdict(verdict_view.older_result(), "", "neutral", [], line, score_tone)
    status = given["status"]
    badge = label("verdict.status", status).replace("_", " ")
    reasons = [
        Reason(
            label("verdict.reason", r["kind"]),
            verdict_view.reason_text(r),
            "bad" if r["kind"] in ("harm", "guardrail") else "neutral",
        )
        for r in given["reasons"]
    ]
    tone = STATUS_TONE.get(status, "neutral")
    return Verdict(verdict_view.headline(result), badge, tone, reasons, line, score_tone)


def summary(result: AuditJson) -> Summary:
    exp = result["experiment"]
    setup = t(
        "html.setup",
        control=str(exp["control"]),
        arms=", ".join(str(arm) for arm in exp["treatments"]),
        alpha=exp["alpha"],
        correction=exp.get("correction") or "none",
    )
    hypothesis = str(exp.get("hypothesis") or "")
    return Summary(verdict_view.summary_items(result), hypothesis, setup)


def currency(result: AuditJson) -> str:
    rows = result.get("roi") or []
    return str(rows[0].get("currency") or "") if rows else ""


def roi(result: AuditJson) -> RoiView | None:
    rows = result.get("roi") or []
    if not rows:
        return None
    cur = currency(result)
    cards = [
        RoiCard(
            arm=str(r["arm"]),
            roi=numbers.pct(r.get("roi")),
            interval=numbers.interval(r.get("roi_ci")),
            chance=numbers.pct(r.get("probability_roi_positive"), signed=False),
            npv=numbers.money(r.get("npv"), cur),
            payback=money_view.payback(r, short=False),
        )
        for r in rows
    ]
    keys = ("arm", "investment", "revenue_lift", "savings", "benefit_cost", "npv", "payback",
            "break_even_lift")  # fmt: skip
    header = [t(f"col.{key}") for key in keys]
    body = [
        [
            str(r["arm"]),
            numbers.money(r.get("investment"), cur),
            numbers.money(r.get("revenue_lift"), cur),
            numbers.money(r.get("cost_savings"), cur),
            numbers.ratio(r.get("benefit_cost_ratio")),
            numbers.money(r.get("npv"), cur),
            money_view.payback(r, short=False),
            money_view.break_even(r),
        ]
        for r in rows
    ]
    charts = [html_charts.roi_buildup(r, cur) for r in rows]
    basis = t("basis.gross_profit" if rows[0].get("basis") == "gross_profit" else "basis.revenue")
    notes = money_view.notes(result)
    sensitivity = [
        Sensitivity(
            str(r["arm"]),
            money_view.sensitivity_note(r),
            html_money_charts.tornado(r),
            table(money_view.sensitivity_header(), money_view.sensitivity_rows(r, cur)),
        )
        for r in rows
        if r.get("sensitivity")
    ]
    return RoiView(cards, charts, table(header, body), basis, notes, sensitivity)


def scorecard(result: AuditJson) -> ScorecardView | None:
    card = result.get("scorecard")
    if not card:
        return None
    types = {r["metric"]: r.get("type") for r in result.get("metrics") or []}
    rows: list[list[str | Cell]] = []
    for item in card.get("items") or []:
        attain = item.get("attainment")
        fill = 0.0 if attain is None else max(0.0, min(1.0, attain))
        kind, metric_type = item.get("goal_type"), types.get(item.get("name"))
        rows.append(
            [
                str(item.get("name") or ""),
                str(item.get("arm") or "–"),
                numbers.weight(item.get("weight", 0)),
                numbers.goal(item.get("goal"), kind, metric_type),
                numbers.goal(item.get("achieved"), kind, metric_type),
                Cell(numbers.pct(attain, signed=False), "bar", percent=round(fill * 100)),
                status_cell(item.get("status")),
            ]
        )
    mark = card.get("pass_score")
    if mark is None or card.get("passed") is None:
        note = t("scorecard.no_mark")
    else:
        key = "scorecard.mark_passed" if card.get("passed") else "scorecard.mark_not_passed"
        note = t(key, mark=mark)
    keys = ("goal", "arm", "weight", "target", "achieved", "attainment", "status")
    return ScorecardView(
        t("scorecard.title_html", score=numbers.score(card.get("score"))),
        f"{note} {t('scorecard.how')}",
        table([t(f"col.{key}") for key in keys], rows, 2),
    )


def gaps(result: AuditJson) -> Table | None:
    """In the result's order: the audit already sorts them by severity."""
    found = result.get("gaps") or []
    if not found:
        return None
    rows = [
        [
            Cell(
                label("severity", g.get("severity") or "–"),
                "severity",
                value=str(g.get("severity") or ""),
            ),
            Cell(label("area", g.get("area") or ""), "text"),
            Cell(verdict_view.gap_finding(g), "long"),
            Cell(verdict_view.gap_recommendation(g), "long"),
        ]
        for g in found
    ]
    header = [t(f"col.{key}") for key in ("severity", "area", "finding", "recommendation")]
    return table(header, rows)


def priorities(result: AuditJson) -> Table | None:
    body = money_view.priority_rows(result, currency(result))
    if not body:
        return None
    # The flag and the advice are sentences: they wrap and read left.
    cells: list[list[str | Cell]] = [
        [*row[:5], Cell(row[5], "long"), Cell(row[6], "long")] for row in body
    ]
    return table(money_view.priority_header(), cells, 2)


def roi_by_level(result: AuditJson) -> Table | None:
    body = money_view.level_rows(result)
    return table(money_view.level_header(), body, 3) if body else None
