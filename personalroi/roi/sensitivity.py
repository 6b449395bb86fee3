"""Sensitivity rows: the ROI and NPV when one money assumption moves, the rest held.

For every assumption (eligible units, horizon, gross margin, discount rate,
each cost and saving line that applies to the arm) the ROI is recomputed at a
low and a high value: the range written in the config for a cost or saving
(`monthly: [1000, 2000]`), else the point value -+ `fraction` (20 % by
default; a margin stays <= 1). Lines marked `scales_with: units` move with
eligible units in that row (they are priced per unit of traffic). `roi_low`
is the ROI with the assumption at `low`. The discount rate moves only the NPV
(the ROI is undiscounted). Rows are sorted by how far they swing the ROI, the
order of a tornado chart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from personalroi.roi.money import CashItem, Economics, UnitLift, arm_money, at_traffic


@dataclass(frozen=True)
class SensitivityRow:
    assumption: str
    low: float
    high: float
    roi_low: float | None
    roi_high: float | None
    npv_low: float
    npv_high: float
    # "config" (a range written there) or "default" (the point value -+ fraction).
    range_from: str

    @property
    def swing(self) -> float:
        if self.roi_low is None or self.roi_high is None:
            return 0.0
        return abs(self.roi_high - self.roi_low)


Scenario = tuple[Economics, Sequence[CashItem], Sequence[CashItem]]


def _row(
    name: str,
    low: float,
    high: float,
    scenarios: tuple[Scenario, Scenario],
    lift: UnitLift,
    range_from: str,
) -> SensitivityRow:
    low_money = arm_money(lift, *scenarios[0])
    high_money = arm_money(lift, *scenarios[1])
    return SensitivityRow(
        name,
        low,
        high,
        low_money.roi,
        high_money.roi,
        low_money.npv,
        high_money.npv,
        range_from,
    )


def _line_rows(
    kind: str,
    items: Sequence[CashItem],
    lift: UnitLift,
    base: Scenario,
    fraction: float,
) -> list[SensitivityRow]:
    econ, costs, savings = base
    h = econ.horizon_months
    rows = []
    for i, item in enumerate(items):
        if item.ranges:
            ends = (item.at_end("low"), item.at_end("high"))
            range_from = "config"
        else:
            ends = (item.scaled(1 - fraction), item.scaled(1 + fraction))
            range_from = "default"
        scenarios: list[Scenario] = []
        for end in ends:
            changed = [*items[:i], end, *items[i + 1 :]]
            scenario: Scenario = (
                (econ, changed, savings) if kind == "cost" else (econ, costs, changed)
            )
            scenarios.append(scenario)
        rows.append(
            _row(
                f"{kind}: {item.name}",
                ends[0].total(h),
                ends[1].total(h),
                (scenarios[0], scenarios[1]),
                lift,
                range_from,
            )
        )
    return rows


def _moved(
    economics: Economics,
    name: str,
    value: float,
    costs: Sequence[CashItem],
    savings: Sequence[CashItem],
) -> Scenario:
    """`economics` with one assumption at `value`; lines that scale with units follow traffic."""
    moved = replace(economics, **{name: value})
    if name != "eligible_units_per_month" or economics.eligible_units_per_month <= 0:
        return moved, costs, savings
    factor = value / economics.eligible_units_per_month
    return moved, at_traffic(costs, factor), at_traffic(savings, factor)


def sensitivity(
    lift: UnitLift,
    economics: Economics,
    costs: Sequence[CashItem],
    savings: Sequence[CashItem],
    fraction: float = 0.2,
) -> list[SensitivityRow]:
    """One row per money assumption, the widest ROI swing first."""
    base: Scenario = (economics, costs, savings)
    lo, hi = 1 - fraction, 1 + fraction
    rows = []
    numeric: list[tuple[str, float | None, float]] = [
        ("eligible_units_per_month", economics.eligible_units_per_month, float("inf")),
        ("horizon_months", economics.horizon_months, float("inf")),
        ("gross_margin", economics.gross_margin, 1.0),
        ("discount_rate", economics.discount_rate, 0.99),
    ]
    for name, value, cap in numeric:
        if value is None:
            continue  # not assumed (no margin: revenue basis; no rate: undiscounted)
        low, high = value * lo, min(value * hi, cap)
        scenarios = (
            _moved(economics, name, low, costs, savings),
            _moved(economics, name, high, costs, savings),
        )
        rows.append(_row(name, low, high, scenarios, lift, "default"))
    rows += _line_rows("cost", costs, lift, base, fraction)
    rows += _line_rows("saving", savings, lift, base, fraction)
    # Equal swings (margin and eligible units both scale the benefit) differ in the last
    # bits with the order the engine summed in: rounded, they keep the order above.
    return sorted(rows, key=lambda r: -round(r.swing, 9))
