"""The framework's ROI for one personalized arm, in money over the horizon.

    revenue lift       = conversion effect + order-value effect + CLV growth
    benefit_cost_ratio = (revenue lift + cost savings) / total investment
    roi                = (revenue lift + cost savings - total investment) / total investment

Per-unit lifts are extrapolated to `eligible_units_per_month x horizon_months`
units and, when `gross_margin` is set, turned into gross profit. Cash flows are
monthly: one-off amounts fall in month 0, monthly amounts (and annual ones, as
annual / 12) in months 1..horizon, and the revenue lift accrues evenly.
Everything here is pure arithmetic on frozen dataclasses.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

AMOUNTS = ("one_off", "monthly", "annual")


@dataclass(frozen=True)
class AmountRange:
    """An amount known only within [low, high] (config `monthly: [1000, 2000]`).

    Modelled as uniform on [low, high]: the point value is the midpoint and the
    variance (high - low)^2 / 12. Uniform because a finance reader's range says
    "somewhere in here" and nothing about which end is likelier.
    """

    field: str  # one of AMOUNTS
    low: float
    high: float


@dataclass(frozen=True)
class Effort:
    """Time and resources behind a cost: hours, full-time months, and what they cost."""

    hours: float = 0.0
    fte_months: float = 0.0
    cost: float = 0.0

    def __add__(self, other: Effort) -> Effort:
        return Effort(
            self.hours + other.hours, self.fte_months + other.fte_months, self.cost + other.cost
        )


@dataclass(frozen=True)
class CashItem:
    """A cost or a saving. Without components it applies to every arm.

    `one_off`, `monthly` and `annual` hold point values (a range's midpoint);
    `ranges` lists the amounts that were given as ranges.
    """

    name: str
    category: str
    one_off: float = 0.0
    monthly: float = 0.0
    annual: float = 0.0
    components: tuple[str, ...] = ()
    ranges: tuple[AmountRange, ...] = ()
    effort: Effort = Effort()  # already priced into one_off
    # The amounts are for the configured eligible traffic and move in proportion
    # to it (config `scales_with: units`); otherwise the line is fixed.
    scales_with_units: bool = False

    def applies_to(self, arm_components: Iterable[str]) -> bool:
        return not self.components or bool(set(self.components) & set(arm_components))

    def per_month(self) -> float:
        return self.monthly + self.annual / 12.0

    def total(self, horizon_months: float) -> float:
        return self.one_off + self.per_month() * horizon_months

    def at_end(self, end: str) -> CashItem:
        """The item with every ranged amount at its "low" or "high" end."""
        item = replace(self, ranges=())
        for r in self.ranges:
            item = replace(item, **{r.field: r.low if end == "low" else r.high})  # type: ignore[arg-type]
        return item

    def scaled(self, factor: float) -> CashItem:
        return replace(
            self,
            ranges=(),
            one_off=self.one_off * factor,
            monthly=self.monthly * factor,
            annual=self.annual * factor,
        )

    def at_traffic(self, factor: float) -> CashItem:
        """The line when `factor` times the configured eligible units get the experience.

        A line that scales with units is multiplied whole, ranges and effort included
        (a range scaled stays a range of the same shape); a fixed line is unchanged.
        """
        if not self.scales_with_units or factor == 1.0:
            return self
        e = self.effort
        return replace(
            self,
            one_off=self.one_off * factor,
            monthly=self.monthly * factor,
            annual=self.annual * factor,
            ranges=tuple(replace(r, low=r.low * factor, high=r.high * factor) for r in self.ranges),
            effort=Effort(e.hours * factor, e.fte_months * factor, e.cost * factor),
        )

    def total_variance(self, horizon_months: float) -> float:
        """Variance of `total` when each ranged amount is uniform and independent."""
        return sum(
            ((r.high - r.low) * _horizon_factor(r.field, horizon_months)) ** 2 / 12.0
            for r in self.ranges
        )


def _horizon_factor(field: str, horizon_months: float) -> float:
    """How many times an amount of this kind is paid over the horizon."""
    return {"one_off": 1.0, "monthly": horizon_months, "annual": horizon_months / 12.0}[field]


@dataclass(frozen=True)
class Economics:
    eligible_units_per_month: float
    horizon_months: float  # an int in the config; fractional in sensitivity rows
    gross_margin: float | None = None
    discount_rate: float | None = None  # annual

    @property
    def units(self) -> float:
        """Units that would get the experience over the horizon."""
        return self.eligible_units_per_month * self.horizon_months

    @property
    def margin(self) -> float:
        return 1.0 if self.gross_margin is None else self.gross_margin

    @property
    def basis(self) -> str:
        return "revenue" if self.gross_margin is None else "gross_profit"


@dataclass(frozen=True)
class UnitLift:
    """Per-unit lifts of one arm against control, in currency per unit.

    `revenue` is the absolute lift of the revenue metric (revenue per visitor);
    `conversion` is the part due to conversion (dCR x control AOV); the rest of
    `revenue` is the order-value effect. `control_revenue` is the control arm's
    revenue per unit (for the break-even lift).
    """

    revenue: float
    conversion: float
    control_revenue: float
    clv: float = 0.0


@dataclass(frozen=True)
class ArmMoney:
    investment: float
    investment_by_category: dict[str, float]
    cost_savings: float
    savings_by_category: dict[str, float]
    incremental_revenue: float
    revenue_lift: float
    conversion: float
    order_value: float
    clv: float
    benefit_cost_ratio: float | None
    roi: float | None
    npv: float
    payback_months: float | None
    payback_within_horizon: bool
    break_even_relative_lift: float | None


def _by_category(items: Sequence[CashItem], horizon: float) -> dict[str, float]:
    out: dict[str, float] = {}
    for item in items:
        out[item.category] = out.get(item.category, 0.0) + item.total(horizon)
    return out


def applicable(items: Iterable[CashItem], arm_components: Iterable[str]) -> list[CashItem]:
    components = list(arm_components)
    return [i for i in items if i.applies_to(components)]


def at_traffic(items: Iterable[CashItem], factor: float) -> list[CashItem]:
    """Every line at `factor` times the configured eligible traffic (see CashItem.at_traffic)."""
    return [i.at_traffic(factor) for i in items]


def monthly_rate(annual: float | None) -> float:
    """The monthly rate that compounds to the annual one."""
    return 0.0 if not annual else (1.0 + annual) ** (1.0 / 12.0) - 1.0


def npv(upfront: float, per_month: float, months: float, annual_rate: float | None) -> float:
    """Net present value of `upfront` now and `per_month` at the end of months 1..months."""
    r = monthly_rate(annual_rate)
    annuity = float(months) if r == 0 else (1.0 - (1.0 + r) ** -months) / r
    return upfront + per_month * annuity


def payback(upfront: float, per_month: float) -> float | None:
    """Months until the cumulative undiscounted cash flow turns non-negative.

    Linear in time because flows are level. None ("never") whenever the monthly
    net flow is <= 0: even without an upfront outlay, money that drains every
    month is never paid back. May exceed the horizon (see `payback_within_horizon`).
    """
    if per_month <= 0:
        return None
    return 0.0 if upfront >= 0 else -upfront / per_month


def arm_money(
    lift: UnitLift,
    economics: Economics,
    costs: Sequence[CashItem],
    savings: Sequence[CashItem],
) -> ArmMoney:
    """ROI of one arm; `costs` and `savings` are those that apply to it."""
    h = economics.horizon_months
    units, margin = economics.units, economics.margin
    investment = sum(c.total(h) for c in costs)
    saved = sum(s.total(h) for s in savings)
    incremental_revenue = lift.revenue * units
    conversion = margin * lift.conversion * units
    order_value = margin * (lift.revenue - lift.conversion) * units
    clv = margin * lift.clv * units
    revenue_lift = conversion + order_value + clv
    benefit = revenue_lift + saved
    ratio = benefit / investment if investment > 0 else None
    upfront = sum(s.one_off for s in savings) - sum(c.one_off for c in costs)
    per_month = (
        margin * (lift.revenue + lift.clv) * economics.eligible_units_per_month
        + sum(s.per_month() for s in savings)
        - sum(c.per_month() for c in costs)
    )
    # Without costs there is nothing to pay back or break even on: undefined, not 0.
    months = payback(upfront, per_month) if investment > 0 else None
    # Break-even: the relative lift of the revenue metric at which benefit equals
    # investment, holding CLV growth and savings at their estimates.
    scale = margin * lift.control_revenue * units
    break_even = (investment - saved - clv) / scale if scale > 0 and investment > 0 else None
    return ArmMoney(
        investment=investment,
        investment_by_category=_by_category(costs, h),
        cost_savings=saved,
        savings_by_category=_by_category(savings, h),
        incremental_revenue=incremental_revenue,
        revenue_lift=revenue_lift,
        conversion=conversion,
        order_value=order_value,
        clv=clv,
        benefit_cost_ratio=ratio,
        roi=None if ratio is None else ratio - 1.0,
        npv=npv(upfront, per_month, h, economics.discount_rate),
        payback_months=months,
        payback_within_horizon=months is not None and months <= h,
        break_even_relative_lift=break_even,
    )


def roi_slope(economics: Economics, investment: float) -> float:
    """d roi / d (revenue lift per unit): ROI is linear in the per-unit lift."""
    return economics.margin * economics.units / investment if investment > 0 else 0.0
