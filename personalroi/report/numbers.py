"""How numbers read in human-facing formats (table, markdown, HTML, history diff).

One place for units, rounding and notation: money in whole currency units with
thousands separators, months to one decimal, NPS differences in points, and each in
the report language's notation (German 1.234,5 %, Swedish 1 234,5 %; see
`personalroi.i18n.numbers`). Raw floats stay in JSON.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from personalroi.i18n import current, t
from personalroi.i18n.numbers import localize

if TYPE_CHECKING:
    from personalroi.document.core import MetricJson


def local(number: str) -> str:
    """An English-formatted number in the report language's notation."""
    return localize(number, current().value)


def value(x: float | None, metric_type: str) -> str:
    if x is None:
        return "–"
    if metric_type == "binary":
        return local(f"{x:.2%}")
    if metric_type == "nps":
        return local(f"{x:.1f}")
    return local(f"{x:,.2f}" if abs(x) >= 1 else f"{x:.4f}")


def lift(x: float | None, metric_type: str) -> str:
    if x is None:
        return "–"
    if metric_type == "binary":
        return local(f"{x * 100:+.2f}") + " " + t("unit.pp")
    if metric_type == "nps":
        return local(f"{x:+.1f}") + " " + t("unit.pts")
    return local(f"{x:+,.2f}" if abs(x) >= 1 else f"{x:+.4f}")


def pct(x: float | None, signed: bool = True) -> str:
    if x is None:
        return "–"
    return local(f"{x:+.1%}" if signed else f"{x:.1%}")


def whole_pct(x: float | None, signed: bool = True) -> str:
    """ROI and chances in whole percent: '+420%', '66%'."""
    if x is None:
        return "–"
    return local(f"{x:+.0%}" if signed else f"{x:.0%}")


def interval(ci: Sequence[float | None] | None, fmt: Callable[[float | None], str] = pct) -> str:
    if not ci:
        return ""
    return f"[{fmt(ci[0])}, {fmt(ci[1])}]"


def p_value(p: float | None) -> str:
    if p is None:
        return "–"
    return local("<0.001" if p < 0.001 else f"{p:.3f}")


def money(x: float | None, currency: str = "") -> str:
    if x is None:
        return "–"
    sign = "-" if x < 0 else ""
    return f"{sign}{local(f'{abs(x):,.0f}')} {currency}".strip()


def count(n: int | float) -> str:
    """A count of units or rows: 20,000 / 20.000 / 20 000."""
    return local(f"{n:,.0f}")


def fixed(x: float | None, places: int = 2, signed: bool = False) -> str:
    """A plain figure ('3.52', '+0.24'), with thousands separators."""
    if x is None:
        return "–"
    return local(f"{x:+,.{places}f}" if signed else f"{x:,.{places}f}")


def points(x: float | None) -> str:
    """An NPS difference: NPS is already a -100..100 score, so a relative % would mislead."""
    return lift(x, "nps")


def months(x: float | None, short: bool = False) -> str:
    """A duration in months to one decimal: the precision a payback estimate deserves."""
    if x is None:
        return "–"
    return local(f"{x:,.1f}") + " " + t("unit.mo" if short else "unit.months")


def ratio(x: float | None) -> str:
    return "–" if x is None else local(f"{x:,.2f}")


def score(x: float | None) -> str:
    return "–" if x is None else local(f"{x:.1f}")


def weight(x: float) -> str:
    return local(f"{x:g}")


def metric_lift(metric_type: str | None, relative: float | None, absolute: float | None) -> str:
    """A metric's lift in its natural unit: NPS in points (absolute), others relative."""
    return points(absolute) if metric_type == "nps" else pct(relative)


def metric_lift_ci(row: MetricJson) -> tuple[str, str]:
    """A metric row's lift and its interval, in the metric's natural unit."""
    if row.get("type") == "nps":
        ci = row.get("absolute_ci")
        shown = ""
        if ci and None not in ci:
            shown = f"[{local(f'{ci[0]:+.1f}')}, {local(f'{ci[1]:+.1f}')}] {t('unit.pts')}"
        return points(row.get("absolute_lift")), shown
    return pct(row.get("relative_lift")), interval(row.get("relative_ci"))


def goal(x: float | None, goal_type: str | None, metric_type: str | None = None) -> str:
    """A scorecard target or achievement: relative lift or ROI in %, an absolute one in the
    metric's unit (points for NPS)."""
    if x is None:
        return "–"
    if goal_type == "absolute_lift":
        return points(x) if metric_type == "nps" else local(f"{x:+,.4g}")
    return pct(x)


def metric_lift_text(row: MetricJson) -> str:
    """Lift and interval on one line: '+3.4% [-14.2%, +24.5%]', NPS '+1.7 pts [-6.1, +9.5]'."""
    lift, ci = metric_lift_ci(row)
    return f"{lift} {ci.removesuffix(' ' + t('unit.pts'))}".strip()
