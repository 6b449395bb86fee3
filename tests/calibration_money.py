"""Are the reported probabilities calibrated? Chance to beat control and P(ROI > 0).

A probability is calibrated when, among experiments that report about 0.8, about
80 % truly have the property. That needs true effects that vary between
experiments: each simulated experiment draws its own true order-value lift,
uniform over +-4 standard errors of the relative lift (at most +-90 %), a wide
flat prior, which is what the flat-prior normal posterior assumes. The chance to
beat control is scored against "the true lift is > 0"; P(ROI > 0) against "the
true revenue lift per visitor exceeds the break-even lift", with costs set so
that break-even is one standard error above 0. Both come from the audit's own
functions: `metric_rows` for the row and `roi.money` + `roi.uncertainty` for
the ROI, as `audit.roi_section` calls them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from calibration_grid import ALPHA, _rows, arm_stats
from calibration_sim import Cell, Effect, arm_sums

from personalroi.roi.money import CashItem, Economics, UnitLift, arm_money, roi_slope
from personalroi.roi.uncertainty import roi_interval

REVENUE = ("revenue", "revenue+cuped")
BAND = (0.7, 0.9)  # "reports about 0.8"
EXPERIMENTS_PER_MONTH = 100_000.0


def relative_se(cell: Cell, rng: np.random.Generator, pilot: int = 400) -> float:
    """SD of the observed relative revenue lift in A/A experiments (a vectorized pilot)."""
    control, treat = (arm_sums(rng, cell, pilot, 1, Effect()) for _ in range(2))
    return float(np.std(treat["x"][:, 0] / control["x"][:, 0] - 1.0))


@dataclass
class Reports:
    """(reported probability, truly positive) pairs per metric and quantity."""

    pairs: dict[tuple[str, str], list[tuple[float, bool]]]

    def band(self, key: tuple[str, str]) -> tuple[int, float, float]:
        """Experiments reporting within BAND: count, mean reported, share truly positive."""
        chosen = [(p, t) for p, t in self.pairs.get(key, []) if BAND[0] <= p < BAND[1]]
        if not chosen:
            return 0, float("nan"), float("nan")
        reported, truth = zip(*chosen, strict=True)
        return len(chosen), float(np.mean(reported)), float(np.mean(truth))


def run_reliability(cell: Cell, sims: int, seed: int) -> Reports:
    rng = np.random.default_rng(seed)
    se = relative_se(cell, rng)
    width = min(4 * se, 0.9)
    lifts = rng.uniform(-width, width, sims)
    control = {k: v.tolist() for k, v in arm_sums(rng, cell, sims, 1, Effect()).items()}
    treated = arm_sums(rng, cell, sims, 1, Effect(), value_lift=lifts)
    treat = {k: v.tolist() for k, v in treated.items()}
    break_even = se  # relative lift at which the investment pays for itself
    econ = Economics(EXPERIMENTS_PER_MONTH, 1)
    investment = EXPERIMENTS_PER_MONTH * cell.revenue_per_visitor * break_even
    costs = [CashItem("build", "technology", one_off=investment)]
    pairs: dict[tuple[str, str], list[tuple[float, bool]]] = {}
    for i in range(sims):
        for row in _rows(arm_stats(control, i, 0), arm_stats(treat, i, 0), REVENUE):
            c = row.comparison
            if row.chance_to_beat_control is None or c.absolute_lift is None:
                continue  # below the minimum: no probability is reported
            key = (row.metric, "chance to beat control")
            pairs.setdefault(key, []).append((row.chance_to_beat_control, lifts[i] > 0))
            lift = UnitLift(c.absolute_lift, c.absolute_lift, c.control_value or 0.0)
            money = arm_money(lift, econ, costs, [])
            if money.roi is None or c.absolute_se is None:
                continue
            slope = roi_slope(econ, money.investment)
            interval = roi_interval(money.roi, slope, c.absolute_se, ALPHA)
            key = (row.metric, "P(ROI > 0)")
            pairs.setdefault(key, []).append((interval.probability_positive, lifts[i] > break_even))
    return Reports(pairs)


def merge(reports: list[Reports]) -> Reports:
    out: dict[tuple[str, str], list[tuple[float, bool]]] = {}
    for r in reports:
        for key, pairs in r.pairs.items():
            out.setdefault(key, []).extend(pairs)
    return Reports(out)


def render_money(reports: dict[float, Reports]) -> str:
    """Per order-value sigma (cells with >= 30 buyers pooled): the 'about 0.8' band."""
    lines = [
        "| σ | metric | probability | experiments reporting 0.7-0.9 | mean reported "
        "| share truly positive (ROI: truly paying) | Monte Carlo error |",
        "| ---: | --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for sigma, rep in reports.items():
        for key in sorted(rep.pairs):
            count, reported, truth = rep.band(key)
            error = float(np.sqrt(truth * (1 - truth) / count)) if count else float("nan")
            metric = "revenue per visitor" + (", CUPED" if "+" in key[0] else "")
            lines.append(
                f"| {sigma:g} | {metric} | {key[1]} | {count:,} | {reported:.3f} | {truth:.3f} "
                f"| ±{error:.3f} |"
            )
    return "\n".join(lines) + "\n"
