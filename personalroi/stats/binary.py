"""Binary metrics (conversion rate, bounce rate): two-proportion z-test, unpooled SE.

The p-value and the interval come from the same z = diff / se with the unpooled
(Wald) SE, as GrowthBook's gbstats does. The pooled SE of the textbook test is
exact under the null but gives a p-value that can disagree with the Wald interval
shown next to it; one SE for both keeps "p < alpha" and "CI excludes 0" the same.
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
from personalroi.stats.sufficient import SampleStats

METHOD = fixed_method("difference of proportions, unpooled SE", "z-test")
POOLED_METHOD = fixed_method(
    "difference of proportions, pooled SE (every unit of each arm alike)", "z-test"
)


def proportion_estimate(stats: SampleStats) -> ArmEstimate:
    p = stats.mean
    return ArmEstimate(p, p * (1 - p) / stats.n if stats.n else math.nan, stats.n)


def compare_proportions(control: SampleStats, treatment: SampleStats, alpha: float) -> Comparison:
    c, t = proportion_estimate(control), proportion_estimate(treatment)
    if control.n == 0 or treatment.n == 0:
        return degenerate(METHOD, c, t, "empty_arm", "an arm has no units with this metric")
    pooled = (control.sum + treatment.sum) / (control.n + treatment.n)
    if pooled in (0.0, 1.0):
        word = "no" if pooled == 0.0 else "only"
        return degenerate(
            METHOD,
            c,
            t,
            "no_conversions" if pooled == 0 else "all_conversions",
            f"{word} conversions in both arms: the rate cannot differ measurably",
        )
    if c.variance == 0 and t.variance == 0:
        # Perfect separation (0/100 vs 100/100): each arm's unpooled variance is 0, but
        # the difference is as clear as data gets. The pooled SE, used for p and both
        # intervals alike, tests it (and keeps them in agreement).
        var = pooled * (1 - pooled)
        c = ArmEstimate(c.value, var / control.n, c.n)
        t = ArmEstimate(t.value, var / treatment.n, t.n)
        return compare_normal(POOLED_METHOD, c, t, alpha)
    return compare_normal(METHOD, c, t, alpha)
