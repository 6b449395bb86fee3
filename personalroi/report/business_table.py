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

from personalroi.report import numbers

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


def verdict(result: dict[str, Any]) -> RenderableType:
    """One line that answers 'does it pay, and can we trust it?'."""
    harmed = [
        f"{r['metric']} in {r['arm']}"
        for r in result["metrics"]
        if r.get("guardrail") and r["dimension"] is None and r["status"] == "harmful"
    ]
    text = Text("VERDICT  ", style="bold")
    if harmed:
        text.append(f"FAIL: guardrail harmed ({', '.join(harmed)}). ", style="bold red")
    if not result["data_quality"]["srm"]["ok"]:
        text.append("Sample ratio mismatch: lifts are not trustworthy. ", style="bold red")
    priorities = result.get("priorities") or []
    roi_by_arm = {r["arm"]: r for r in result.get("roi") or []}
    best = roi_by_arm.get(priorities[0]["arm"]) if priorities else None
    if best is None or best.get("roi") is None:
        text.append("ROI unknown (no revenue metric or costs). ", style="yellow")
    else:
        p = best.get("probability_roi_positive")
        ci = best.get("roi_ci")
        detail = (
            f"best arm {best['arm']}: ROI {roi_pct(best['roi'])}"
            + (f" ({_level(result)} CI {roi_pct(ci[0])} to {roi_pct(ci[1])})" if ci else "")
            + ("" if p is None else f", P(ROI>0) {p:.0%}")
        )
        if best["roi"] > 0 and ci and ci[0] > 0:
            text.append("PAYS OFF: ", style="bold green")
        elif best["roi"] > 0:
            text.append("PROMISING, NOT PROVEN: ", style="bold yellow")
        else:
            text.append("DOES NOT PAY: ", style="bold red")
        text.append(detail + ".")
    card = result.get("scorecard")
    if card:
        ok = card["passed"]
        text.append(f"\n         Score {card['score']:.0f}/100 (pass {card['pass_score']:g}) ")
        text.append("PASS" if ok else "BELOW PASS", style="bold green" if ok else "bold red")
    return text


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
        ci = r.get("roi_ci")
        p = r.get("probability_roi_positive")
        months = r.get("payback_months")
        payback = "never" if months is None else f"{months:.1f} mo"
        if months is not None and not r.get("payback_within_horizon", True):
            payback += "*"
        t.add_row(
            r["arm"],
            numbers.money(r["investment"]),
            numbers.money(benefit),
            f"{roi_pct(r['roi'])} [{roi_pct(ci[0])}, {roi_pct(ci[1])}]"
            if ci
            else roi_pct(r["roi"]),
            "–" if p is None else f"{p:.0%}",
            numbers.money(r.get("npv")),
            payback,
            numbers.pct(r.get("break_even_relative_lift")),
        )
    t.caption = (
        "benefit = revenue lift + savings; break-even = relative lift of "
        f"{first.get('revenue_metric')} at which ROI is 0; * = after the horizon"
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
    t = table(f"Scorecard {card['score']:.0f}/100 (pass {card['pass_score']:g})")
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


def gaps_table(result: dict[str, Any]) -> RenderableType | None:
    gaps = result.get("gaps") or []
    if not gaps:
        return None
    shown = gaps[:TOP_GAPS]
    more = len(gaps) - len(shown)
    t = table(f"Top gaps ({len(gaps)} in all)" if more else "Gaps")
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
    if more:
        t.caption = f"{more} more in the JSON result (--format json)"
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
