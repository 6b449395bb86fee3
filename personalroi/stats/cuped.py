"""CUPED: variance reduction with a pre-period covariate (Deng et al. 2013).

Each unit's value x is replaced by x - theta * (y - mean_y), where y is the
unit's pre-period value of the same metric. theta = cov(x, y) / var(y) is
estimated on both arms pooled (the arms share it, so the adjustment cannot
manufacture a lift; randomization makes the covariate balanced in expectation).
Centering y at the pooled mean keeps both arm means on the metric's own scale,
so the relative lift stays interpretable.

Per arm, the adjusted mean has variance (var_x - 2 theta cov_xy + theta^2 var_y) / n,
which is var_x (1 - rho^2) / n at the optimal theta: the reduction reported is
1 - Var(adjusted lift) / Var(unadjusted lift).
"""

from __future__ import annotations

import math
from dataclasses import replace

from personalroi.stats.comparison import (
    ArmEstimate,
    Comparison,
    compare_normal,
    degenerate,
    fixed_method,
)
from personalroi.stats.sufficient import JointStats

ESTIMATOR = "difference of CUPED-adjusted means (pre-period covariate)"
# Normal even for mean metrics: theta is estimated, so Welch's df would not be exact either.
TEST = "z-test (normal, no Welch df)"
METHOD = fixed_method(ESTIMATOR, TEST)


def cuped_theta(control: JointStats, treatment: JointStats) -> float:
    """theta from the two arms pooled; 0 when the covariate does not vary."""
    pooled = control + treatment
    var_y = pooled.y.variance
    if not math.isfinite(var_y) or var_y == 0:
        return 0.0
    return pooled.covariance / var_y


def cuped_estimate(stats: JointStats, theta: float, center: float) -> ArmEstimate:
    """Adjusted arm mean and its variance; `center` is the pooled covariate mean."""
    if stats.n < 2:
        return ArmEstimate(math.nan, math.nan, stats.n)
    mean = stats.x.mean - theta * (stats.y.mean - center)
    var = stats.x.variance - 2 * theta * stats.covariance + theta**2 * stats.y.variance
    return ArmEstimate(mean, max(var, 0.0) / stats.n, stats.n)


def compare_cuped(
    control: JointStats, treatment: JointStats, alpha: float, label: str = ""
) -> Comparison:
    """Wald comparison of CUPED-adjusted means, with the variance reduction achieved.

    `label` names the underlying metric type in `method` (e.g. "binary").
    """
    method = METHOD if not label else fixed_method(f"{ESTIMATOR} of a {label} metric", TEST)
    if control.n < 2 or treatment.n < 2:
        nan = ArmEstimate(math.nan, math.nan, 0)
        c = replace(nan, n=control.n)
        t = replace(nan, n=treatment.n)
        return degenerate(method, c, t, "empty_arm", "an arm has fewer than 2 units with a value")
    theta = cuped_theta(control, treatment)
    center = (control + treatment).y.mean
    c = cuped_estimate(control, theta, center)
    t = cuped_estimate(treatment, theta, center)
    result = compare_normal(method, c, t, alpha)
    raw = control.x.variance / control.n + treatment.x.variance / treatment.n
    adjusted = c.variance + t.variance
    reduction = 1.0 - adjusted / raw if raw > 0 else 0.0
    return replace(result, variance_reduction=reduction)
