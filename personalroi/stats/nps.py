"""Net Promoter Score: promoters minus detractors, with the multinomial variance.

Each respondent scores +1 (9-10), 0 (7-8) or -1 (0-6); NPS is 100 x their mean.
The mean of such a variable has Var = (p_pro + p_det - (p_pro - p_det)^2) / n,
which is the multinomial variance of p_pro - p_det.
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

METHOD = fixed_method("difference of NPS in points, multinomial SE", "z-test")


def nps_estimate(stats: SampleStats) -> ArmEstimate:
    """NPS on the -100..100 scale from the sufficient stats of the +1/0/-1 score.

    sum = promoters - detractors, sum_sq = promoters + detractors.
    """
    if stats.n == 0:
        return ArmEstimate(math.nan, math.nan, 0)
    net = stats.sum / stats.n
    share = stats.sum_sq / stats.n
    return ArmEstimate(100 * net, 100**2 * max(share - net * net, 0.0) / stats.n, stats.n)


def compare_nps(control: SampleStats, treatment: SampleStats, alpha: float) -> Comparison:
    c, t = nps_estimate(control), nps_estimate(treatment)
    if control.n < 2 or treatment.n < 2:
        return degenerate(METHOD, c, t, "empty_arm", "an arm has fewer than 2 survey responses")
    return compare_normal(METHOD, c, t, alpha)
