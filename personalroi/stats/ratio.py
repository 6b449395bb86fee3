"""Ratio metrics (average order value, revenue per session): delta method.

The metric is sum(x)/sum(y) over units, where units are the randomization
unit and x, y are per-unit totals. Its variance by the delta method is

    Var(R) ~ (var_x - 2 R cov_xy + R^2 var_y) / (n * mean_y^2)
"""

from __future__ import annotations

import math

from personalroi.stats.comparison import (
    ArmEstimate,
    Comparison,
    compare_normal,
    degenerate,
    fixed_method,
)
from personalroi.stats.sufficient import JointStats

METHOD = fixed_method("difference of ratios of per-unit sums, delta-method SE", "z-test")


def ratio_estimate(stats: JointStats) -> ArmEstimate:
    if stats.n < 2 or stats.sum_y == 0:
        value = stats.sum_x / stats.sum_y if stats.sum_y else math.nan
        return ArmEstimate(value, math.nan, stats.n)
    r = stats.sum_x / stats.sum_y
    mean_y = stats.sum_y / stats.n
    var = (stats.x.variance - 2 * r * stats.covariance + r * r * stats.y.variance) / (
        stats.n * mean_y**2
    )
    return ArmEstimate(r, max(var, 0.0), stats.n)


def compare_ratios(control: JointStats, treatment: JointStats, alpha: float) -> Comparison:
    c, t = ratio_estimate(control), ratio_estimate(treatment)
    if control.n < 2 or treatment.n < 2:
        return degenerate(METHOD, c, t, "empty_arm", "an arm has fewer than 2 units")
    if control.sum_y == 0 or treatment.sum_y == 0:
        return degenerate(METHOD, c, t, "zero_denominator", "the denominator sums to 0 in an arm")
    return compare_normal(METHOD, c, t, alpha)
