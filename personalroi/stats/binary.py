"""Binary metrics (conversion rate, bounce rate): two-proportion z-test.

The p-value uses the pooled SE (the null says both rates are equal, as
statsmodels' proportions_ztest); the CI uses the unpooled (Wald) SE.
"""

from __future__ import annotations

import math

from personalroi.stats.comparison import ArmEstimate, Comparison, compare_normal, degenerate
from personalroi.stats.sufficient import SampleStats

METHOD = "two-proportion z-test (pooled SE for p, unpooled for CI)"


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
    pooled_se = math.sqrt(pooled * (1 - pooled) * (1 / control.n + 1 / treatment.n))
    result = compare_normal(METHOD, c, t, alpha, test_se=pooled_se)
    return result
