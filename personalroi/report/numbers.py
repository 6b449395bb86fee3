"""How numbers read in human-facing formats (table, markdown, HTML)."""

from __future__ import annotations

from typing import Any


def value(x: float | None, metric_type: str) -> str:
    if x is None:
        return "–"
    if metric_type == "binary":
        return f"{x:.2%}"
    if metric_type == "nps":
        return f"{x:.1f}"
    return f"{x:,.2f}" if abs(x) >= 1 else f"{x:.4f}"


def lift(x: float | None, metric_type: str) -> str:
    if x is None:
        return "–"
    if metric_type == "binary":
        return f"{x * 100:+.2f} pp"
    if metric_type == "nps":
        return f"{x:+.1f} pts"
    return f"{x:+,.2f}" if abs(x) >= 1 else f"{x:+.4f}"


def pct(x: float | None, signed: bool = True) -> str:
    if x is None:
        return "–"
    return f"{x:+.1%}" if signed else f"{x:.1%}"


def interval(ci: list[float] | None, fmt: Any = pct) -> str:
    if not ci:
        return ""
    return f"[{fmt(ci[0])}, {fmt(ci[1])}]"


def p_value(p: float | None) -> str:
    if p is None:
        return "–"
    return "<0.001" if p < 0.001 else f"{p:.3f}"


def money(x: float | None, currency: str = "") -> str:
    if x is None:
        return "–"
    sign = "-" if x < 0 else ""
    return f"{sign}{abs(x):,.0f} {currency}".strip()
