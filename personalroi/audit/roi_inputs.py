"""What the ROI reads from the metric rows: per-unit lifts in money and their errors.

Revenue per visitor = conversion rate x AOV, so the revenue metric's absolute
lift per unit splits into a conversion effect (dCR x control AOV) and an
order-value effect (the remainder, which also carries any change in orders per
converter), so the parts sum exactly. The conversion metric is the binary
metric on `<source>.count` of the revenue metric's source (else any binary
metric on that source); the AOV metric is the ratio metric whose numerator is
the revenue metric's value. A binary revenue metric is priced by
`economics.value_per_conversion`: all of its lift is the conversion effect.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from personalroi.audit.metric_row import MetricRow
from personalroi.config.model import Config, CostItem, SavingItem
from personalroi.roi.money import AMOUNTS, AmountRange, CashItem, Effort, UnitLift
from personalroi.roi.uncertainty import LiftErrors


@dataclass(frozen=True)
class RevenueMetrics:
    revenue: str | None
    conversion: str | None
    aov: str | None
    clv: str | None
    # Money per conversion when the revenue metric is binary, else None.
    value_per_conversion: float | None = None


def find_revenue_metrics(config: Config) -> RevenueMetrics:
    metrics = config.metrics
    revenue = config.economics.revenue_metric
    clv = next((n for n, m in metrics.items() if str(m.type) == "clv"), None)
    if revenue is None or revenue not in metrics:
        return RevenueMetrics(None, None, None, clv)
    if metrics[revenue].type == "binary":
        price = config.economics.value_per_conversion
        return RevenueMetrics(revenue, revenue, None, clv, price)
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


def _ends(amount: float | tuple[float, float] | None) -> tuple[float, float]:
    if amount is None:
        return 0.0, 0.0
    return amount if isinstance(amount, tuple) else (float(amount), float(amount))


def _effort(item: CostItem | SavingItem) -> tuple[float, float, float, float]:
    """(low, high) money of a cost line's effort, and its hours and FTE-months (midpoints)."""
    if not isinstance(item, CostItem):
        return 0.0, 0.0, 0.0, 0.0
    hours, fte = _ends(item.hours), _ends(item.fte_months)
    rate, monthly = item.hourly_rate or 0.0, item.monthly_rate or 0.0
    low = hours[0] * rate + fte[0] * monthly
    high = hours[1] * rate + fte[1] * monthly
    return low, high, sum(hours) / 2, sum(fte) / 2


def _point_and_ranges(item: CostItem | SavingItem) -> tuple[dict[str, float], list[AmountRange]]:
    """Point values (a range's midpoint) and ranges; effort is priced into the one-off."""
    effort_low, effort_high, _, _ = _effort(item)
    points: dict[str, float] = {}
    ranges = []
    for field in AMOUNTS:
        low, high = _ends(getattr(item, field))
        if field == "one_off":  # ranges on one line add end to end
            low, high = low + effort_low, high + effort_high
        if low != high:
            ranges.append(AmountRange(field, low, high))
        points[field] = (low + high) / 2  # the uniform's mean
    return points, ranges


def cash_items(items: list[CostItem] | list[SavingItem]) -> list[CashItem]:
    out = []
    for i in items:
        points, ranges = _point_and_ranges(i)
        low, high, hours, fte_months = _effort(i)
        out.append(
            CashItem(
                i.name,
                i.category,
                **points,
                components=tuple(i.components),
                ranges=tuple(ranges),
                effort=Effort(hours, fte_months, (low + high) / 2),
                scales_with_units=i.scales_with == "units",
            )
        )
    return out


def top_rows(rows: list[MetricRow]) -> dict[tuple[str, str], MetricRow]:
    return {(r.metric, r.arm): r for r in rows if r.dimension is None}


@dataclass(frozen=True)
class ArmLift:
    """One arm's per-unit lifts in money, their standard errors and sample sizes."""

    lift: UnitLift
    errors: LiftErrors  # correlations at their fallbacks until the units say otherwise
    decomposition: str
    units_per_arm: int  # the smaller arm of the revenue metric's test
    units: int  # both arms of that test


def _conversion_part(
    names: RevenueMetrics, arm: str, rows: Mapping[tuple[str, str], MetricRow]
) -> tuple[float, float, str] | None:
    """dCR x control AOV and its standard error, when both metrics are there."""
    conv = rows.get((names.conversion, arm)) if names.conversion else None
    aov = rows.get((names.aov, arm)) if names.aov else None
    if conv is None or aov is None:
        return None
    c, a = conv.comparison, aov.comparison
    if c.absolute_lift is None or a.control_value is None:
        return None
    return (
        c.absolute_lift * a.control_value,
        (c.absolute_se or 0.0) * abs(a.control_value),
        f"{names.conversion} x {names.aov}",
    )


def arm_lift(
    names: RevenueMetrics, arm: str, rows: Mapping[tuple[str, str], MetricRow]
) -> ArmLift | None:
    """The arm's lifts, or None when the revenue metric has no lift to price."""
    assert names.revenue is not None
    rev = rows.get((names.revenue, arm))
    if rev is None or rev.comparison.absolute_lift is None:
        return None
    c = rev.comparison
    absolute: float = rev.comparison.absolute_lift
    # A binary revenue metric is priced per conversion; a money metric is money already.
    price = names.value_per_conversion or 1.0
    revenue_lift = absolute * price
    revenue_se = (c.absolute_se or 0.0) * price
    conversion: float = revenue_lift
    conversion_se: float | None = None
    method = "all attributed to conversion"
    if names.value_per_conversion is not None:
        method = f"{names.revenue} x value_per_conversion {names.value_per_conversion:g}"
    else:
        part = _conversion_part(names, arm, rows)
        if part is not None:
            conversion, conversion_se, method = part
    clv_lift, clv_se = 0.0, 0.0
    clv_row = rows.get((names.clv, arm)) if names.clv else None
    if clv_row is not None and clv_row.comparison.absolute_lift is not None:
        clv_lift = clv_row.comparison.absolute_lift
        clv_se = clv_row.comparison.absolute_se or 0.0
    return ArmLift(
        lift=UnitLift(
            revenue=revenue_lift,
            conversion=conversion,
            control_revenue=(c.control_value or 0.0) * price,
            clv=clv_lift,
        ),
        errors=LiftErrors(revenue=revenue_se, conversion=conversion_se, clv=clv_se),
        decomposition=method,
        units_per_arm=min(c.n_control, c.n_treatment),
        units=c.n_control + c.n_treatment,
    )
