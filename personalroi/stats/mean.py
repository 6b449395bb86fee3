"""Mean metrics (revenue per visitor, time on site): Welch's unequal-variance t-test."""

from __future__ import annotations

import math

from personalroi.stats.comparison import (
    ArmEstimate,
    Comparison,
    compare_normal,
    degenerate,
    fixed_method,
)
from personalroi.stats.sufficient import SampleStats

METHOD = fixed_method(
    "difference of means, Welch SE", "Welch t-test (Student t, Welch-Satterthwaite df)"
)


def mean_estimate(stats: SampleStats) -> ArmEstimate:
    return ArmEstimate(stats.mean, stats.variance / stats.n if stats.n else float("nan"), stats.n)


def welch_df(control: SampleStats, treatment: SampleStats) -> float:
    """Welch-Satterthwaite degrees of freedom."""
    vc, vt = control.variance / control.n, treatment.variance / treatment.n
    denominator = vc**2 / (control.n - 1) + vt**2 / (treatment.n - 1)
    # Variances so small that their squares underflow: the t is a normal.
    return (vc + vt) ** 2 / denominator if denominator > 0 else math.inf


def compare_means(control: SampleStats, treatment: SampleStats, alpha: float) -> Comparison:
    c, t = mean_estimate(control), mean_estimate(treatment)
    if control.n < 2 or treatment.n < 2:
        return degenerate(METHOD, c, t, "empty_arm", "an arm has fewer than 2 units with a value")
    if control.variance == 0 and treatment.variance == 0:
        return degenerate(
            METHOD, c, t, "zero_variance", "every unit has the same value in both arms"
        )
    return compare_normal(METHOD, c, t, alpha, df=welch_df(control, treatment))
