"""The `roi` section: per-arm money from the metric rows and the config's economics.

Revenue per visitor = conversion rate x AOV, so the revenue metric's absolute
lift per unit splits into a conversion effect (dCR x control AOV) and an
order-value effect (the remainder, which also carries any change in orders per
converter), so the parts sum exactly. The conversion metric is the binary
metric on `<source>.count` of the revenue metric's source (else any binary
metric on that source); the AOV metric is the ratio metric whose numerator is
the revenue metric's value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from personalroi.audit.result import MetricRow
from personalroi.config.model import Config, CostItem, SavingItem
from personalroi.roi.money import CashItem, Economics, UnitLift, applicable, arm_money, roi_slope
from personalroi.roi.uncertainty import roi_interval
from personalroi.scorecard.gaps import Gap


@dataclass(frozen=True)
class RevenueMetrics:
    revenue: str | None
    conversion: str | None
    aov: str | None
    clv: str | None


def find_revenue_metrics(config: Config) -> RevenueMetrics:
    metrics = config.metrics
    revenue = config.economics.revenue_metric
    clv = next((n for n, m in metrics.items() if str(m.type) == "clv"), None)
    if revenue is None or revenue not in metrics:
        return RevenueMetrics(None, None, None, clv)
    value = metrics[revenue].value or metrics[revenue].numerator or ""
    source = value.split(".", 1)[0] if "." in value else None
    binaries = {n: m for n, m in metrics.items() if m.type == "binary" and n != revenue}
    conversion = next((n for n, m in binaries.items() if m.value == f"{source}.count"), None)
    if conversion is None and source is not None:
        conversion = next(
            (n for n, m in binaries.items() if (m.value or "").startswith(f"{source}.")), None
        )
    aov = next(
        (n for n, m in metrics.items() if m.type == "ratio" and m.numerator == value and value),
        None,
    )
    return RevenueMetrics(revenue, conversion, aov, clv)


def cash_items(items: list[CostItem] | list[SavingItem]) -> list[CashItem]:
    return [
        CashItem(i.name, i.category, i.one_off, i.monthly, i.annual, tuple(i.components))
        for i in items
    ]


def _top_rows(rows: list[MetricRow]) -> dict[tuple[str, str], MetricRow]:
    return {(r.metric, r.arm): r for r in rows if r.dimension is None}


def _unit_lift(
    names: RevenueMetrics, arm: str, rows: Mapping[tuple[str, str], MetricRow]
) -> tuple[UnitLift, float, float, str] | None:
    """Per-unit lifts, their standard errors and how revenue was decomposed."""
    assert names.revenue is not None
    rev = rows.get((names.revenue, arm))
    if rev is None or rev.comparison.absolute_lift is None:
        return None
    c = rev.comparison
    revenue_lift: float = rev.comparison.absolute_lift
    conv = rows.get((names.conversion, arm)) if names.conversion else None
    aov = rows.get((names.aov, arm)) if names.aov else None
    conversion_part: float = revenue_lift
    method = "all attributed to conversion"
    if (
        conv is not None
        and aov is not None
        and conv.comparison.absolute_lift is not None
        and aov.comparison.control_value is not None
    ):
        conversion_part = conv.comparison.absolute_lift * aov.comparison.control_value
        method = f"{names.conversion} x {names.aov}"
    clv_lift, clv_se = 0.0, 0.0
    clv_row = rows.get((names.clv, arm)) if names.clv else None
    if clv_row is not None and clv_row.comparison.absolute_lift is not None:
        clv_lift = clv_row.comparison.absolute_lift
        clv_se = clv_row.comparison.absolute_se or 0.0
    lift = UnitLift(
        revenue=revenue_lift,
        conversion=conversion_part,
        control_revenue=c.control_value or 0.0,
        clv=clv_lift,
    )
    return lift, c.absolute_se or 0.0, clv_se, method


def roi_section(
    config: Config, rows: list[MetricRow], treatments: list[str], alpha: float
) -> tuple[list[dict[str, Any]], list[Gap]]:
    """One ROI entry per treatment arm, plus the gaps found on the way."""
    names = find_revenue_metrics(config)
    gaps: list[Gap] = []
    if names.revenue is None:
        return [], gaps  # the checklist reports the missing revenue metric
    if names.conversion is None or names.aov is None:
        gaps.append(
            Gap(
                "revenue decomposition",
                "medium",
                "no conversion-rate and AOV metrics next to the revenue metric: "
                "the whole revenue lift is attributed to conversion",
                "add a binary metric on <orders>.count and a ratio metric "
                "<orders>.amount / <orders>.count",
            )
        )
    econ_cfg = config.economics
    econ = Economics(
        econ_cfg.eligible_units_per_month,
        econ_cfg.horizon_months,
        econ_cfg.gross_margin,
        econ_cfg.discount_rate,
    )
    costs, savings = cash_items(config.costs), cash_items(config.savings)
    top = _top_rows(rows)
    out = []
    for arm in treatments:
        components = config.arms[arm].components if arm in config.arms else []
        arm_costs, arm_savings = applicable(costs, components), applicable(savings, components)
        found = _unit_lift(names, arm, top)
        lift = found[0] if found else UnitLift(0.0, 0.0, 0.0)
        money = arm_money(lift, econ, arm_costs, arm_savings)
        entry: dict[str, Any] = {
            "arm": arm,
            "currency": econ_cfg.currency,
            "basis": econ.basis,
            "investment": money.investment,
            "incremental_revenue": money.incremental_revenue,
            "revenue_lift": money.revenue_lift,
            "revenue_lift_breakdown": {
                "conversion": money.conversion,
                "order_value": money.order_value,
                "clv": money.clv,
            },
            "cost_savings": money.cost_savings,
            "benefit_cost_ratio": money.benefit_cost_ratio,
            "roi": money.roi,
            "roi_ci": None,
            "probability_roi_positive": None,
            "payback_months": money.payback_months,
            "npv": money.npv,
            "break_even_relative_lift": money.break_even_relative_lift,
            "payback_within_horizon": money.payback_within_horizon,
            "investment_by_category": money.investment_by_category,
            "savings_by_category": money.savings_by_category,
            "components": list(components),
            "revenue_metric": names.revenue,
            "decomposition": found[3] if found else None,
            "horizon_months": econ.horizon_months,
            "eligible_units_per_month": econ.eligible_units_per_month,
            "discount_rate": econ.discount_rate,
            "roi_method": None,
        }
        if found is None:
            entry.update(
                dict.fromkeys(("incremental_revenue", "revenue_lift", "roi", "npv")),
                benefit_cost_ratio=None,
                payback_months=None,
                revenue_lift_breakdown=None,
            )
        elif money.roi is not None:
            interval = roi_interval(
                money.roi, roi_slope(econ, money.investment), found[1], alpha, found[2]
            )
            entry.update(
                roi_ci=list(interval.ci),
                roi_se=interval.se,
                probability_roi_positive=interval.probability_positive,
                roi_method=interval.method,
            )
        out.append(entry)
    return out, gaps
