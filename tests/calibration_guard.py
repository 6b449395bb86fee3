"""The few-buyers guard on simulated experiments with a known true ROI (issue 19).

Each experiment of a grid cell (calibration_sim) is priced as in calibration_money:
costs set so that break-even is a relative revenue lift of one SE (`Cell.relative_se`),
the true order-value lift placed so the true ROI is 0, -50 % or -100 % (lift =
break-even x (1 + ROI)). The revenue row comes from the audit's `metric_rows`, the
ROI and P(ROI > 0) from `roi.money` and `roi.uncertainty`, and the verdict from
`audit.verdict.verdict` itself, once without the arms' effective buyers (the verdict
before the guard) and once with them (after).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from calibration_grid import ALPHA, _rows, arm_stats
from calibration_money import break_even_costs, priced
from calibration_sim import Cell, Effect, arm_sums
from calibration_table import RATES, SIGMAS, UNITS, mc_error, seed

from personalroi.audit.metric_row import MetricRow
from personalroi.audit.roi_section import RoiEntry
from personalroi.audit.verdict import FIRM_BUYERS, Verdict, revenue_buyers, verdict
from personalroi.roi.uncertainty import RoiInterval
from personalroi.scorecard.priorities import ArmValue, prioritize
from personalroi.stats.srm import SrmResult

TRUE_ROI = (0.0, -0.5, -1.0)
SCANNED = (10, 15, 20, 25, 30)  # thresholds the table compares
TARGET = 0.06  # false `does_not_pay` at a true ROI of 0, in every cell
ARMS = ("control", "treat")
SRM_OK = SrmResult(1.0, True, dict.fromkeys(ARMS, 1), dict.fromkeys(ARMS, 0.5))


def grid_cells() -> list[Cell]:
    """Every cell of the grid, the ones under 30 buyers included: a mean revenue row gets
    a verdict whatever its buyers (the minimum-data rule counts units for means)."""
    return [Cell(n, r, s) for s in SIGMAS for n in UNITS for r in RATES]


@dataclass(frozen=True)
class Outcome:
    """One experiment: the verdict before and after the guard, and the fewer effective buyers."""

    before: str
    after: str
    fewest: float


def _entry(roi: float, interval: RoiInterval) -> RoiEntry:
    """The treatment's ROI entry: what the verdict reads (ROI, interval, P(ROI > 0))."""
    return RoiEntry(
        arm="treat", currency="EUR", basis="revenue", investment=1.0,
        incremental_revenue=None, revenue_lift=None, revenue_lift_breakdown=None,
        cost_savings=0.0, benefit_cost_ratio=None, roi=roi, roi_ci=interval.ci,
        probability_roi_positive=interval.probability_positive, payback_months=None,
        npv=None, break_even_relative_lift=None, payback_within_horizon=False,
        investment_by_category={}, savings_by_category={}, components=(),
        revenue_metric="revenue", decomposition=None, horizon_months=1,
        eligible_units_per_month=1.0, discount_rate=None, roi_method=interval.method,
        roi_se=interval.se, units_to_prove=None,
    )  # fmt: skip


def _verdict(rows: list[MetricRow], entry: RoiEntry, buyers: Mapping[str, float]) -> Verdict:
    arm = ArmValue("treat", (), None, 1.0, entry.roi, entry.probability_roi_positive)
    return verdict(
        rows=rows,
        roi=[entry],
        priorities=prioritize([arm]),
        heterogeneity=[],
        srm=SRM_OK,
        checks=[],
        revenue_metric="revenue",
        alpha=ALPHA,
        control="control",
        buyers=buyers,
    )


def run_guard(cell: Cell, true_roi: float, sims: int, seed: int) -> list[Outcome]:
    rng = np.random.default_rng(seed)
    break_even = cell.relative_se
    lift = Effect(order_value=break_even * (1 + true_roi))
    control = {k: v.tolist() for k, v in arm_sums(rng, cell, sims, 1, Effect()).items()}
    treat = {k: v.tolist() for k, v in arm_sums(rng, cell, sims, 1, lift).items()}
    econ, costs = break_even_costs(cell, break_even)
    out = []
    for i in range(sims):
        stats = {"control": arm_stats(control, i, 0), "treat": arm_stats(treat, i, 0)}
        rows = _rows(stats["control"], stats["treat"], ["revenue"])
        c = rows[0].comparison
        if c.absolute_lift is None or c.absolute_se is None:
            continue  # no lift to price (an arm without revenue)
        found = priced(econ, costs, c.absolute_lift, c.absolute_se, c.control_value or 0.0)
        if found is None:
            continue
        entry = _entry(*found)
        buyers = revenue_buyers(stats, "revenue")
        before = _verdict(rows, entry, {}).status
        after = _verdict(rows, entry, buyers).status
        out.append(Outcome(before, after, min(buyers.values())))
    return out


@dataclass(frozen=True)
class GuardCell:
    cell: Cell
    outcomes: Mapping[float, list[Outcome]]  # by true ROI

    def rate(self, roi: float, after: bool = True, threshold: float | None = None) -> float:
        """Share of experiments whose verdict is a firm `does_not_pay`; with `threshold`,
        the rule at that threshold instead of FIRM_BUYERS."""
        found = self.outcomes[roi]
        if threshold is not None:
            firm = [o.before == "does_not_pay" and o.fewest >= threshold for o in found]
        else:
            firm = [(o.after if after else o.before) == "does_not_pay" for o in found]
        return float(np.mean(firm))

    def sims(self, roi: float) -> int:
        return len(self.outcomes[roi])

    def median_buyers(self) -> float:
        return float(np.median([o.fewest for o in self.outcomes[0.0]]))


def run_guard_grid(null_sims: int, power_sims: int) -> list[GuardCell]:
    """Every cell at every true ROI: `null_sims` experiments at 0, `power_sims` below."""
    out = []
    for cell in grid_cells():
        outcomes = {
            roi: run_guard(cell, roi, power_sims if roi else null_sims, seed(cell, "guard", roi))
            for roi in TRUE_ROI
        }
        out.append(GuardCell(cell, outcomes))
    return out


def _pct(x: float) -> str:
    return f"{100 * x:.1f} %"


def render_guard(found: list[GuardCell]) -> str:
    """Per cell: `does_not_pay` before and after the guard at each true ROI."""
    null, power = found[0].sims(0.0), found[0].sims(-1.0)
    lines = [
        f"Generated by `pytest -m slow tests/test_calibration_grid.py -k guard`: {null:,} "
        f"experiments per cell at a true ROI of 0 (Monte Carlo error of a 5 % rate "
        f"±{100 * mc_error(0.05, null):.2f} pp), {power:,} per cell at -50 % and -100 % "
        f"(of a 30 % rate ±{100 * mc_error(0.3, power):.1f} pp). Break-even is a relative "
        "revenue lift of one SE, so at -100 % (no lift at all) the ROI interval excludes 0 "
        "in about a quarter of experiments even with light tails. `does_not_pay`: the "
        "verdict's status, before → after the guard (after: at least "
        f"{FIRM_BUYERS} effective buyers in both arms).",
        "",
        "| σ | units/arm | buyer rate | buyers/arm | effective buyers, fewer arm (median) "
        "| true ROI 0 | true ROI -50 % | true ROI -100 % |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for g in found:
        c = g.cell
        rates = " | ".join(
            f"{_pct(g.rate(roi, after=False))} → {_pct(g.rate(roi))}" for roi in TRUE_ROI
        )
        lines.append(
            f"| {c.sigma:g} | {c.units:,} | {100 * c.buyer_rate:g} % | {c.buyers:,.0f} "
            f"| {g.median_buyers():.1f} | {rates} |"
        )
    lines += [
        "",
        "**The threshold, scanned** (the same experiments): the worst cell's `does_not_pay` "
        "at a true ROI of 0, and the mean over cells at -50 % and -100 %.",
        "",
        "| effective buyers needed | worst cell at ROI 0 | mean at -50 % | mean at -100 % |",
        "| ---: | ---: | ---: | ---: |",
    ]
    for threshold in (0, *SCANNED):
        worst = max(g.rate(0.0, threshold=threshold) for g in found)
        half = np.mean([g.rate(-0.5, threshold=threshold) for g in found])
        full = np.mean([g.rate(-1.0, threshold=threshold) for g in found])
        name = "none (before)" if threshold == 0 else f"{threshold}"
        bold = "**" if threshold == FIRM_BUYERS else ""
        lines.append(
            f"| {bold}{name}{bold} | {_pct(worst)} | {_pct(float(half))} | {_pct(float(full))} |"
        )
    return "\n".join(lines) + "\n"
