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

from personalroi.audit.result import MetricRow
from personalroi.config.model import Config, CostItem, SavingItem
from personalroi.roi.money import CashItem, Economics, UnitLift, applicable, arm_money, roi_slope
from personalroi.roi.uncertainty import roi_interval, units_to_prove
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


@dataclass(frozen=True)
class RevenueBreakdown:
    conversion: float
    order_value: float
    clv: float


@dataclass(frozen=True)
class RoiEntry:
    """One treatment arm's money over the horizon (SPEC sections 5 and 7.2)."""

    arm: str
    currency: str
    basis: str
    investment: float
    incremental_revenue: float | None
    revenue_lift: float | None
    revenue_lift_breakdown: RevenueBreakdown | None
    cost_savings: float
    benefit_cost_ratio: float | None
    roi: float | None
    roi_ci: tuple[float, float] | None
    probability_roi_positive: float | None
    payback_months: float | None
    npv: float | None
    break_even_relative_lift: float | None
    payback_within_horizon: bool
    investment_by_category: dict[str, float]
    savings_by_category: dict[str, float]
    components: tuple[str, ...]
    revenue_metric: str | None
    decomposition: str | None
    horizon_months: int
    eligible_units_per_month: float
    discount_rate: float | None
    roi_method: str | None
    roi_se: float | None
    units_to_prove: int | None

    @property
    def benefit(self) -> float | None:
        """Revenue lift + savings: what the investment buys."""
        return None if self.revenue_lift is None else self.revenue_lift + self.cost_savings


def roi_section(
    config: Config, rows: list[MetricRow], treatments: list[str], alpha: float
) -> tuple[list[RoiEntry], list[Gap]]:
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
        interval = None
        if found is not None and money.roi is not None:
            interval = roi_interval(
                money.roi, roi_slope(econ, money.investment), found[1], alpha, found[2]
            )
        revenue_row = top.get((names.revenue, arm))
        out.append(
            RoiEntry(
                arm=arm,
                currency=econ_cfg.currency,
                basis=econ.basis,
                investment=money.investment,
                incremental_revenue=money.incremental_revenue if found else None,
                revenue_lift=money.revenue_lift if found else None,
                revenue_lift_breakdown=(
                    RevenueBreakdown(money.conversion, money.order_value, money.clv)
                    if found
                    else None
                ),
                cost_savings=money.cost_savings,
                benefit_cost_ratio=money.benefit_cost_ratio if found else None,
                roi=money.roi if found else None,
                roi_ci=None if interval is None else interval.ci,
                probability_roi_positive=None
                if interval is None
                else interval.probability_positive,
                payback_months=money.payback_months if found else None,
                npv=money.npv if found else None,
                break_even_relative_lift=money.break_even_relative_lift,
                payback_within_horizon=money.payback_within_horizon,
                investment_by_category=money.investment_by_category,
                savings_by_category=money.savings_by_category,
                components=tuple(components),
                revenue_metric=names.revenue,
                decomposition=found[3] if found else None,
                horizon_months=econ.horizon_months,
                eligible_units_per_month=econ.eligible_units_per_month,
                discount_rate=econ.discount_rate,
                roi_method=None if interval is None else interval.method,
                roi_se=None if interval is None else interval.se,
                units_to_prove=(
                    None
                    if interval is None or revenue_row is None or money.roi is None
                    else units_to_prove(
                        money.roi,
                        interval.se,
                        alpha,
                        min(
                            revenue_row.comparison.n_control,
                            revenue_row.comparison.n_treatment,
                        ),
                    )
                ),
            )
        )
    return out, gaps
