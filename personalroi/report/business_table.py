"""Terminal sections for the business answer: verdict, ROI, scorecard, gaps, priorities.

Each function reads the JSON-shaped result (so saved results render the same)
and returns a rich renderable, or None when its section is absent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich import box
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from personalroi.i18n import label, say, t
from personalroi.report import money_view, numbers, verdict_view

if TYPE_CHECKING:
    from personalroi.document import AuditJson
    from personalroi.document.core import GapJson, ScoreItemJson

BAR_WIDTH = 10
TOP_GAPS = 6
SEVERITY_STYLE = {"high": "bold red", "medium": "yellow", "low": "dim"}
STATUS_STYLE = {
    "met": "bold green",
    "on track": "green",
    "not significant": "yellow",
    "missed": "red",
    "harmful": "bold red",
    "insufficient data": "dim",
}


def roi_pct(x: float | None) -> str:
    return numbers.whole_pct(x)


def _level(result: AuditJson) -> str:
    return numbers.whole_pct(1 - result["experiment"]["alpha"], signed=False)


def table(title: str) -> Table:
    return Table(
        title=title,
        title_justify="left",
        title_style="bold",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        show_edge=False,
    )


TONE_STYLE = {"pass": "bold green", "fail": "bold red", "neutral": "bold yellow"}
REASONS_SHOWN = 4


def verdict(result: AuditJson) -> RenderableType:
    """The decision first: its headline, the reasons behind it, then the score line."""
    head = Table.grid(padding=(0, 1))
    head.add_column(no_wrap=True)
    head.add_column(ratio=1)
    style = TONE_STYLE[verdict_view.tone(result)]
    head.add_row(
        Text(t("verdict.label"), style="bold"), Text(verdict_view.headline(result), style=style)
    )
    reasons = verdict_view.reasons(result)
    for reason in reasons[:REASONS_SHOWN]:
        head.add_row("", Text(f"• {reason}"))
    if len(reasons) > REASONS_SHOWN:
        more = len(reasons) - REASONS_SHOWN
        head.add_row("", Text("• " + t("verdict.more_reasons", n=more)))
    score = verdict_view.score_line(result)
    if score:
        card = result.get("scorecard")
        passed = card["passed"] if card else None
        style = "green" if verdict_view.score_is_success(result) else ""
        head.add_row("", Text(score, style="red" if passed is False else style))
    return head


def roi_table(result: AuditJson) -> RenderableType | None:
    rows = result.get("roi") or []
    if not rows:
        return None
    first = rows[0]
    basis = t("basis.gross_profit" if first["basis"] == "gross_profit" else "basis.revenue")
    out = table(
        t(
            "roi.title",
            months=first.get("horizon_months", "?"),
            basis=basis,
            currency=first["currency"],
        )
    )
    columns = [t("col.arm"), t("col.invest"), t("col.benefit"),
               t("col.roi_ci", level=_level(result)), t("col.p_roi"), t("col.npv_short"),
               t("col.payback_short"), t("col.break_even")]  # fmt: skip
    for i, col in enumerate(columns):
        out.add_column(col, justify="left" if i == 0 else "right", no_wrap=True)
    for r in rows:
        lift = r.get("revenue_lift")
        benefit = None if lift is None else lift + r["cost_savings"]
        p = r.get("probability_roi_positive")
        out.add_row(
            r["arm"],
            numbers.money(r["investment"]),
            numbers.money(benefit),
            money_view.roi_cell(r),
            numbers.whole_pct(p, signed=False),
            numbers.money(r.get("npv")),
            money_view.payback(r),
            money_view.break_even(r),
        )
    notes = money_view.notes(result)
    out.caption = "\n".join([t("roi.caption", metric=first.get("revenue_metric")), *notes])
    out.caption_justify = "left"
    return out


def sensitivity_table(result: AuditJson) -> RenderableType | None:
    """What-ifs for the verdict's arm: each assumption at its low and high value."""
    row = money_view.featured_arm(result)
    if row is None:
        return None
    out = table(t("sensitivity.title", arm=row["arm"], roi=roi_pct(row.get("roi"))))
    header = money_view.sensitivity_header()[:5]  # NPV columns: markdown, HTML and JSON
    for i, col in enumerate(header):
        out.add_column(col, justify="left" if i == 0 else "right", no_wrap=True)
    for cells in money_view.sensitivity_rows(row):
        out.add_row(*cells[:5])
    others = [r["arm"] for r in result.get("roi") or [] if r is not row and r.get("sensitivity")]
    out.caption = money_view.sensitivity_note(row) + (
        t("sensitivity.other_arms", arms=", ".join(others)) if others else ""
    )
    out.caption_justify = "left"
    return out


def bar(attainment: float) -> Text:
    filled = round(attainment * BAR_WIDTH)
    style = "green" if attainment >= 0.999 else "yellow" if attainment > 0 else "red"
    text = Text("█" * filled, style=style)
    text.append("░" * (BAR_WIDTH - filled), style="dim")
    full = len(numbers.whole_pct(1.0, signed=False))  # "100%", "100 %": one width per language
    text.append(" " + numbers.whole_pct(attainment, signed=False).rjust(full))
    return text


def _goal(item: ScoreItemJson, value: float | None) -> str:
    if value is None:
        return "–"
    if item.get("goal_type") == "absolute_lift":
        return numbers.local(f"{value:+.4g}")
    return roi_pct(value) if item.get("kind") == "roi" else numbers.pct(value)


def scorecard_table(result: AuditJson) -> RenderableType | None:
    card = result.get("scorecard")
    if not card:
        return None
    out = table(verdict_view.score_line(result) or t("scorecard.title"))
    for key, justify in [("goal", "left"), ("arm", "left"), ("weight", "right"),
                         ("target", "right"), ("achieved", "right"), ("attainment", "left"),
                         ("status", "left")]:  # fmt: skip
        out.add_column(t(f"col.{key}"), justify=justify, no_wrap=True)  # type: ignore[arg-type]
    for item in card["items"]:
        out.add_row(
            item["name"],
            item["arm"],
            numbers.weight(item["weight"]),
            _goal(item, item["goal"]),
            _goal(item, item["achieved"]),
            bar(item["attainment"]),
            Text(label("status", item["status"]), style=STATUS_STYLE.get(item["status"], "")),
        )
    scores = card.get("arm_scores") or {}
    if scores:
        out.caption = t(
            "scorecard.per_arm",
            scores=", ".join(
                f"{arm} {numbers.fixed(s, 0)}" for arm, s in scores.items() if s is not None
            ),
        )
        out.caption_justify = "left"
    return out


def shown_gaps(gaps: list[GapJson]) -> list[GapJson]:
    """The first TOP_GAPS in severity order, and every high one however many there are."""
    return [g for i, g in enumerate(gaps) if i < TOP_GAPS or g["severity"] == "high"]


def gaps_table(result: AuditJson) -> RenderableType | None:
    gaps = result.get("gaps") or []
    if not gaps:
        return None
    shown = shown_gaps(gaps)
    hidden = gaps[len(shown) :]
    out = table(t("gaps.top", n=len(gaps)) if hidden else t("gaps.title"))
    out.add_column("", no_wrap=True)
    out.add_column(t("col.area"), no_wrap=True)
    out.add_column(t("col.finding_todo"), ratio=1)
    out.show_header = False
    for gap in shown:
        text = Text(verdict_view.gap_finding(gap))
        if gap.get("recommendation"):
            text.append(f"\n→ {verdict_view.gap_recommendation(gap)}", style="dim")
        out.add_row(
            Text(
                label("severity", gap["severity"]).upper(),
                style=SEVERITY_STYLE.get(gap["severity"], ""),
            ),
            label("area", gap["area"]),
            text,
        )
    if hidden:
        counts = {s: sum(g["severity"] == s for g in hidden) for s in SEVERITY_STYLE}
        which = ", ".join(f"{n} {label('severity', s)}" for s, n in counts.items() if n)
        out.caption = t("gaps.hidden", n=len(hidden), which=which)
        out.caption_justify = "left"
    return out


def priorities_text(result: AuditJson) -> RenderableType | None:
    rows = result.get("priorities") or []
    if not rows:
        return None
    money = result.get("roi")
    currency = money[0]["currency"] if money else ""
    text = Text(t("priorities.title_terminal"), style="bold")
    for p in rows:
        prob = p.get("probability_roi_positive")
        components = ", ".join(p.get("components") or []) or t("priorities.no_components")
        text.append(f"\n {p['rank']}. {p['arm']}", style="bold")
        text.append(f" [{components}]  ROI {roi_pct(p['roi'])}")
        if prob is not None:
            text.append(f", P(ROI>0) {numbers.whole_pct(prob, signed=False)}")
        text.append(", " + t("priorities.invest", amount=numbers.money(p["investment"], currency)))
        if flag := p.get("flag"):
            text.append(f"\n    ! {say(p.get('flag_phrase'), flag)}", style="red")
        if advice := p.get("recommendation"):
            text.append(f"\n    {say(p.get('recommendation_phrase'), advice)}", style="dim")
        inc = p.get("increment")
        if inc:
            text.append(
                "\n    + "
                + t(
                    "priorities.increment",
                    components=", ".join(inc["components"]),
                    over=inc["over"],
                    benefit=numbers.money(inc["benefit"], currency),
                    investment=numbers.money(inc["investment"], currency),
                    roi=roi_pct(inc["roi"]),
                )
            )
    return text
