"""The `roi` section: per-arm money from the metric rows and the config's economics.

The lifts come from audit/roi_inputs.py, their correlations from the units
(audit/money_units.py), the money from roi/money.py, the interval from
roi/uncertainty.py and the what-ifs from roi/sensitivity.py.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from personalroi.audit.metric_row import MetricRow
from personalroi.audit.roi_inputs import (
    ArmLift,
    arm_lift,
    cash_items,
    find_revenue_metrics,
    top_rows,
)
from personalroi.config.model import Config
from personalroi.data.heavy_tail import TailShift
from personalroi.i18n import Phrase
from personalroi.roi.joint import LiftCorrelation
from personalroi.roi.money import (
    CashItem,
    Economics,
    Effort,
    UnitLift,
    applicable,
    arm_money,
    roi_slope,
)
from personalroi.roi.sensitivity import SensitivityRow, sensitivity
from personalroi.roi.uncertainty import RoiInterval, roi_uncertainty, units_to_prove
from personalroi.scorecard.gaps import Gap
from personalroi.stats.distributions import norm_ppf
from personalroi.stats.sequential import halfwidth

NO_COSTS = "no costs configured: ROI, payback and break-even are undefined"


@dataclass(frozen=True)
class RevenueBreakdown:
    conversion: float
    order_value: float
    clv: float


@dataclass(frozen=True)
class HeavyTailMoney:
    """The ROI if the top 0.1 % of units were capped, when they decide the revenue lift."""

    metric: str
    lift: float  # absolute lift per unit of the raw means
    capped_lift: float  # the same with the top 0.1 % of units capped
    roi: float
    capped_roi: float | None  # ROI with the revenue lift moved by capped_lift - lift


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
    # SPEC 7.2: each component's share of Var(roi) (conversion, order_value, clv, costs, savings).
    uncertainty_shares: dict[str, float] | None = None
    sensitivity: tuple[SensitivityRow, ...] = ()
    # One sentence: what drives the uncertainty and how much more data would settle it.
    uncertainty_driver: str | None = None
    # The lifts' correlations the interval used (None: not estimable, fallback used).
    lift_correlation: LiftCorrelation | None = None
    # Why roi, payback and break-even are null (e.g. no costs); None when defined.
    undefined_reason: str | None = None
    # The part of the investment given as effort (hours, FTE-months) and its price.
    effort: Effort | None = None
    # Set when a few extreme units decide the revenue metric's lift (SPEC 7.3 heavy_tail).
    heavy_tail: HeavyTailMoney | None = None
    # `uncertainty_driver` as a catalogue phrase, for reports in other languages.
    uncertainty_driver_phrase: Phrase | None = None

    @property
    def benefit(self) -> float | None:
        """Revenue lift + savings: what the investment buys."""
        return None if self.revenue_lift is None else self.revenue_lift + self.cost_savings


def driver_phrase(
    shares: Mapping[str, float] | None, roi: float, more_units: int | None
) -> Phrase | None:
    """'The CLV forecast is 80 % of the ROI's uncertainty; about 140,000 more units per arm...'."""
    if not shares:
        return None
    part, share = max(shares.items(), key=lambda kv: kv[1])
    what = {"part": Phrase.of(f"driver.part_{part}"), "share": share}
    if more_units == 0:
        return Phrase.of("driver.settled", **what)
    if more_units is not None:
        return Phrase.of("driver.more_units", **what, units=more_units)
    if roi <= 0:
        return Phrase.of("driver.below_break_even", **what)
    return Phrase.of("driver.ranges", **what)


def driver_sentence(
    shares: Mapping[str, float] | None, roi: float, more_units: int | None
) -> str | None:
    phrase = driver_phrase(shares, roi, more_units)
    return None if phrase is None else phrase.text()


def economics_of(config: Config) -> Economics:
    e = config.economics
    return Economics(e.eligible_units_per_month, e.horizon_months, e.gross_margin, e.discount_rate)


def _method(found: ArmLift, corr: LiftCorrelation | None, factor: float, ranged: bool) -> str:
    parts = ["delta method" if ranged else "delta (exact: ROI is linear in the lifts)"]
    if found.errors.clv > 0:
        if corr is not None and corr.revenue_clv is not None:
            parts.append(f"revenue and CLV lifts correlated r = {corr.revenue_clv:+.2f} (units)")
        else:
            parts.append("revenue and CLV errors added (correlation 1: not estimable)")
    if ranged:
        parts.append("cost/saving ranges uniform")
    if factor != 1.0:
        parts.append(f"sequential: always-valid boundary ({factor:.2f} x the fixed SE)")
    return "; ".join(parts)


def roi_interval_for(
    config: Config,
    econ: Economics,
    found: ArmLift,
    money_roi: float,
    investment: float,
    costs: list[CashItem],
    savings: list[CashItem],
    corr: LiftCorrelation | None,
) -> RoiInterval:
    """The ROI's interval for `econ` (the config's, or a level's share of its traffic)."""
    alpha = config.experiment.alpha
    errors = found.errors
    if corr is not None:
        errors = replace(
            errors,
            rho_conversion_revenue=corr.conversion_revenue
            if corr.conversion_revenue is not None
            else errors.rho_conversion_revenue,
            rho_revenue_clv=corr.revenue_clv
            if corr.revenue_clv is not None
            else errors.rho_revenue_clv,
            rho_conversion_clv=corr.conversion_clv
            if corr.conversion_clv is not None
            else errors.rho_conversion_clv,
        )
    factor = 1.0
    if config.experiment.sequential:
        # The always-valid boundary is a multiple of the SE; widening the lifts' SEs by
        # boundary / z gives the ROI the revenue lift's always-valid interval.
        z = float(norm_ppf(1 - alpha / 2))
        factor = halfwidth(1.0, found.units, alpha, config.experiment.sequential_tuning) / z
        errors = errors.scaled(factor)
    h = econ.horizon_months
    ranged = any(i.ranges for i in [*costs, *savings])
    return roi_uncertainty(
        money_roi,
        roi_slope(econ, investment),
        errors,
        alpha,
        investment_variance=sum(c.total_variance(h) for c in costs),
        savings_variance=sum(s.total_variance(h) for s in savings),
        investment=investment,
        method=_method(found, corr, factor, ranged),
    )


def _revenue_gap() -> Gap:
    return Gap.said(
        "revenue decomposition",
        "medium",
        Phrase.of("gap.revenue_split"),
        Phrase.of("gap.revenue_split_advice"),
    )


def roi_section(
    config: Config,
    rows: list[MetricRow],
    treatments: list[str],
    alpha: float,
    correlations: Mapping[str, LiftCorrelation] | None = None,
    tail_shifts: Sequence[TailShift] = (),
) -> tuple[list[RoiEntry], list[Gap]]:
    """One ROI entry per treatment arm, plus the gaps found on the way.

    `tail_shifts`: lifts a few extreme units decide (the heavy_tail check); the revenue
    metric's are priced beside the ROI."""
    names = find_revenue_metrics(config)
    gaps: list[Gap] = []
    if names.revenue is None:
        return [], gaps  # the checklist reports the missing revenue metric
    if names.value_per_conversion is None and (names.conversion is None or names.aov is None):
        gaps.append(_revenue_gap())
    econ = economics_of(config)
    costs, savings = cash_items(config.costs), cash_items(config.savings)
    top = top_rows(rows)
    out = []
    for arm in treatments:
        components = config.arms[arm].components if arm in config.arms else []
        arm_costs, arm_savings = applicable(costs, components), applicable(savings, components)
        found = arm_lift(names, arm, top)
        lift = found.lift if found else UnitLift(0.0, 0.0, 0.0)
        money = arm_money(lift, econ, arm_costs, arm_savings)
        corr = (correlations or {}).get(arm)
        tail = _heavy_tail(names.revenue, arm, tail_shifts, lift, money.roi)
        if tail is not None:
            capped = replace(lift, revenue=lift.revenue + tail.capped_lift - tail.lift)
            tail = replace(tail, capped_roi=arm_money(capped, econ, arm_costs, arm_savings).roi)
        interval = None
        more: int | None = None
        if found is not None and money.roi is not None:
            interval = roi_interval_for(
                config, econ, found, money.roi, money.investment, arm_costs, arm_savings, corr
            )
            more = units_to_prove(
                money.roi,
                interval.se,
                alpha,
                found.units_per_arm,
                fixed_variance=interval.se**2 - interval.lift_variance,
            )
        driver = None
        if interval is not None and money.roi is not None:
            driver = driver_phrase(interval.shares, money.roi, more)
        out.append(
            RoiEntry(
                arm=arm,
                currency=config.economics.currency,
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
                decomposition=found.decomposition if found else None,
                horizon_months=config.economics.horizon_months,
                eligible_units_per_month=econ.eligible_units_per_month,
                discount_rate=econ.discount_rate,
                roi_method=None if interval is None else interval.method,
                roi_se=None if interval is None else interval.se,
                units_to_prove=more,
                uncertainty_shares=None if interval is None else interval.shares,
                sensitivity=tuple(
                    sensitivity(lift, econ, arm_costs, arm_savings, config.economics.sensitivity)
                )
                if found and money.roi is not None
                else (),
                uncertainty_driver=None if driver is None else driver.text(),
                lift_correlation=corr,
                undefined_reason=NO_COSTS if money.investment <= 0 else None,
                effort=_total_effort(arm_costs),
                heavy_tail=tail,
                uncertainty_driver_phrase=driver,
            )
        )
    return out, gaps


def _heavy_tail(
    revenue: str, arm: str, shifts: Sequence[TailShift], lift: UnitLift, roi: float | None
) -> HeavyTailMoney | None:
    """The revenue metric's tail shift in this arm, before its capped ROI is priced."""
    shift = next((s for s in shifts if s.metric == revenue and s.arm == arm), None)
    if shift is None or roi is None:
        return None
    return HeavyTailMoney(revenue, shift.lift, shift.capped_lift, roi, None)


def _total_effort(costs: list[CashItem]) -> Effort | None:
    """The arm's costs given as time (hours, FTE-months) and their price; None if none are."""
    total = sum((c.effort for c in costs), Effort())
    return total if total.hours or total.fte_months else None
