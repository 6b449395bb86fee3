"""How the audit's own sentences (verdict, summary, gaps) say numbers.

Renderers format table cells; these phrases are part of the result itself, so
every format prints the same words. NPS moves in points, every other metric in
percent of control (absolute when control is 0).
"""

from __future__ import annotations

from personalroi.stats.comparison import Comparison


def percent(x: float | None, signed: bool = True) -> str:
    if x is None:
        return "–"
    return f"{x:+.1%}" if signed else f"{x:.0%}"


def whole_percent(x: float) -> str:
    """ROI reads in whole percent: a tenth of a percent of an ROI is noise."""
    return f"{x:+.0%}"


def money(x: float, currency: str) -> str:
    sign = "-" if x < 0 else ""
    return f"{sign}{currency} {abs(x):,.0f}"


def lift_with_ci(metric_type: str, c: Comparison) -> str:
    """'-40.0% [-52.1%, -27.9%]'; NPS as '+3.2 [+0.4, +6.0] points'."""
    nps = metric_type == "nps"
    if not nps and c.relative_lift is not None:
        lift, ci, fmt = c.relative_lift, c.relative_ci, _percent
    elif c.absolute_lift is not None:
        lift, ci, fmt = c.absolute_lift, c.absolute_ci, _points if nps else _absolute
    else:
        return "–"
    text = fmt(lift) + ("" if ci is None else f" [{fmt(ci[0])}, {fmt(ci[1])}]")
    return text + (" points" if nps else "")


def _percent(x: float | None) -> str:
    return percent(x)


def _points(x: float | None) -> str:
    return "–" if x is None else f"{x:+.1f}"


def _absolute(x: float | None) -> str:
    return "–" if x is None else f"{x:+.4g}"


def roi_phrase(
    roi: float, ci: tuple[float, float] | None, probability: float | None, level: str
) -> str:
    """'ROI +420% (95% CI -1588% to +2427%), 66% chance it pays'."""
    text = f"ROI {whole_percent(roi)}"
    if ci is not None:
        text += f" ({level} CI {whole_percent(ci[0])} to {whole_percent(ci[1])})"
    if probability is not None:
        text += f", {percent(probability, signed=False)} chance it pays"
    return text
