"""Terminal sections for the business answer: verdict, ROI, scorecard, gaps, priorities.

Each function reads the JSON-shaped result (so saved results render the same)
and returns a rich renderable, or None when its section is absent.
"""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from personalroi.report import money_view, numbers, verdict_view

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
    return "–" if x is None else f"{x:+.0%}"


def _level(result: dict[str, Any]) -> str:
    return f"{1 - result['experiment']['alpha']:.0%}"


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


def verdict(result: dict[str, Any]) -> RenderableType:
    """The decision first: its headline, the reasons behind it, then the score line."""
    head = Table.grid(padding=(0, 1))
    head.add_column(no_wrap=True)
    head.add_column(ratio=1)
    style = TONE_STYLE[verdict_view.tone(result)]
    head.add_row(Text("VERDICT", style="bold"), Text(verdict_view.headline(result), style=style))
    reasons = verdict_view.reasons(result)
    for reason in reasons[:REASONS_SHOWN]:
        head.add_row("", Text(f"• {reason}"))
    if len(reasons) > REASONS_SHOWN:
        head.add_row("", Text(f"• {len(reasons) - REASONS_SHOWN} more reasons in the gaps below"))
    score = verdict_view.score_line(result)
    if score:
        passed = (result.get("scorecard") or {}).get("passed")
        style = "green" if verdict_view.score_is_success(result) else ""
        head.add_row("", Text(score, style="red" if passed is False else style))
    return head


def roi_table(result: dict[str, Any]) -> RenderableType | None:
    rows = result.get("roi") or []
    if not rows:
        return None
    first = rows[0]
    basis = "gross profit" if first["basis"] == "gross_profit" else "revenue"
    t = table(
        f"ROI over {first.get('horizon_months', '?')} months ({basis} basis, {first['currency']})"
    )
    for col in ("arm", "invest", "benefit", f"ROI [{_level(result)} CI]", "P(ROI>0)",
                "NPV", "payback", "break-even"):  # fmt: skip
        t.add_column(col, justify="left" if col == "arm" else "right", no_wrap=True)
    for r in rows:
        lift = r.get("revenue_lift")
        benefit = None if lift is None else lift + r["cost_savings"]
        p = r.get("probability_roi_positive")
        t.add_row(
            r["arm"],
            numbers.money(r["investment"]),
            numbers.money(benefit),
            money_view.roi_cell(r),
            "–" if p is None else f"{p:.0%}",
            numbers.money(r.get("npv")),
            money_view.payback(r),
            money_view.break_even(r),
        )
    notes = money_view.notes(result)
    t.caption = "\n".join(
        [
            "benefit = revenue lift + savings; break-even = relative lift of "
            f"{first.get('revenue_metric')} at which ROI is 0; * = after the horizon",
            *notes,
        ]
    )
    t.caption_justify = "left"
    return t


def sensitivity_table(result: dict[str, Any]) -> RenderableType | None:
    """What-ifs for the verdict's arm: each assumption at its low and high value."""
    row = money_view.featured_arm(result)
    if row is None:
        return None
    t = table(f"Sensitivity of {row['arm']}'s ROI {roi_pct(row.get('roi'))}, one assumption moved")
    header = money_view.SENSITIVITY_HEADER[:5]  # NPV columns: markdown, HTML and JSON
    for i, col in enumerate(header):
        t.add_column(col, justify="left" if i == 0 else "right", no_wrap=True)
    for cells in money_view.sensitivity_rows(row):
        t.add_row(*cells[:5])
    others = [r["arm"] for r in result.get("roi") or [] if r is not row and r.get("sensitivity")]
    t.caption = money_view.sensitivity_note(row) + (
        f"; other arms: --format markdown or json ({', '.join(others)})" if others else ""
    )
    t.caption_justify = "left"
    return t


def bar(attainment: float) -> Text:
    filled = round(attainment * BAR_WIDTH)
    style = "green" if attainment >= 0.999 else "yellow" if attainment > 0 else "red"
    text = Text("█" * filled, style=style)
    text.append("░" * (BAR_WIDTH - filled), style="dim")
    text.append(f" {attainment:4.0%}")
    return text


def _goal(item: dict[str, Any], value: float | None) -> str:
    if value is None:
        return "–"
    if item.get("goal_type") == "absolute_lift":
        return f"{value:+.4g}"
    return roi_pct(value) if item.get("kind") == "roi" else f"{value:+.1%}"


def scorecard_table(result: dict[str, Any]) -> RenderableType | None:
    card = result.get("scorecard")
    if not card:
        return None
    t = table(verdict_view.score_line(result) or "Scorecard")
    for col, justify in [("goal", "left"), ("arm", "left"), ("weight", "right"),
                         ("target", "right"), ("achieved", "right"), ("attainment", "left"),
                         ("status", "left")]:  # fmt: skip
        t.add_column(col, justify=justify, no_wrap=True)  # type: ignore[arg-type]
    for item in card["items"]:
        t.add_row(
            item["name"],
            item["arm"],
            f"{item['weight']:g}",
            _goal(item, item["goal"]),
            _goal(item, item["achieved"]),
            bar(item["attainment"]),
            Text(item["status"], style=STATUS_STYLE.get(item["status"], "")),
        )
    scores = card.get("arm_scores") or {}
    if scores:
        t.caption = "per arm: " + ", ".join(
            f"{arm} {s:.0f}" for arm, s in scores.items() if s is not None
        )
        t.caption_justify = "left"
    return t


def shown_gaps(gaps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The first TOP_GAPS in severity order, and every high one however many there are."""
    return [g for i, g in enumerate(gaps) if i < TOP_GAPS or g["severity"] == "high"]


def gaps_table(result: dict[str, Any]) -> RenderableType | None:
    gaps = result.get("gaps") or []
    if not gaps:
        return None
    shown = shown_gaps(gaps)
    hidden = gaps[len(shown) :]
    t = table(f"Top gaps ({len(gaps)} in all)" if hidden else "Gaps")
    t.add_column("", no_wrap=True)
    t.add_column("area", no_wrap=True)
    t.add_column("finding → what to do", ratio=1)
    t.show_header = False
    for gap in shown:
        text = Text(gap["finding"])
        if gap.get("recommendation"):
            text.append(f"\n→ {gap['recommendation']}", style="dim")
        t.add_row(
            Text(gap["severity"].upper(), style=SEVERITY_STYLE.get(gap["severity"], "")),
            gap["area"],
            text,
        )
    if hidden:
        counts = {s: sum(g["severity"] == s for g in hidden) for s in SEVERITY_STYLE}
        which = ", ".join(f"{n} {s}" for s, n in counts.items() if n)
        t.caption = f"{len(hidden)} more ({which}) in the JSON result (--format json)"
        t.caption_justify = "left"
    return t


def priorities_text(result: dict[str, Any]) -> RenderableType | None:
    rows = result.get("priorities") or []
    if not rows:
        return None
    currency = (result.get("roi") or [{}])[0].get("currency", "")
    text = Text("Priorities (impact per unit of cost)", style="bold")
    for p in rows:
        prob = p.get("probability_roi_positive")
        components = ", ".join(p.get("components") or []) or "no components listed"
        text.append(f"\n {p['rank']}. {p['arm']}", style="bold")
        text.append(f" [{components}]  ROI {roi_pct(p['roi'])}")
        if prob is not None:
            text.append(f", P(ROI>0) {prob:.0%}")
        text.append(f", invest {numbers.money(p['investment'], currency)}")
        if p.get("flag"):
            text.append(f"\n    ! {p['flag']}", style="red")
        if p.get("recommendation"):
            text.append(f"\n    {p['recommendation']}", style="dim")
        inc = p.get("increment")
        if inc:
            text.append(
                f"\n    + {', '.join(inc['components'])} over {inc['over']}: "
                f"{numbers.money(inc['benefit'], currency)} benefit for "
                f"{numbers.money(inc['investment'], currency)} (ROI {roi_pct(inc['roi'])})"
            )
    return text
