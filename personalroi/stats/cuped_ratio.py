"""CUPED for ratio metrics: both ratios linearized by the delta method (Deng et al. 2013, B).

A ratio metric R = sum(x) / sum(y) (average order value: revenue / orders) has, per
unit, the delta-method linearization L = (x - R y) / mean_y: the arm's R has the
variance of mean(L). The pre-period ratio Rp = sum(px) / sum(py) linearizes the
same way, P = (px - Rp py) / mean_py. CUPED on those two:

    R_adj = R - theta (Rp_arm - Rp_pooled)
    Var(R_adj) = (var_L - 2 theta cov_LP + theta^2 var_P) / n

theta is the one value for both arms (so the adjustment cannot manufacture a
lift) that minimizes the variance of the adjusted difference,

    theta = (cov_LP_c / n_c + cov_LP_t / n_t) / (var_P_c / n_c + var_P_t / n_t),

as GrowthBook and Statsig do for ratio metrics. Centering at the pooled pre-period
ratio keeps both arm values on the metric's scale. The test is the plain ratio's
t-test (ratio.py): Welch-Satterthwaite df from the units with a non-zero
post-period denominator, which carry the adjusted variance too. A single pre-period column z
(instead of a numerator and denominator) is the special case py = 1, P = z - mean(z).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from personalroi.stats.comparison import ArmEstimate, Comparison, compare_normal, fixed_method
from personalroi.stats.ratio import TEST, compare_ratios, ratio_df, ratio_estimate
from personalroi.stats.sufficient import RatioCovariateStats

METHOD = fixed_method(
    "difference of CUPED-adjusted ratios (pre-period ratio), delta-method SE", TEST
)


@dataclass(frozen=True)
class Linearized:
    """Per-unit variances of the two linearized ratios and their covariance, in one arm."""

    ratio: float
    pre_ratio: float
    var_l: float
    var_p: float
    cov_lp: float
    n: int


def linearize(s: RatioCovariateStats) -> Linearized | None:
    """None when an arm has fewer than 2 units or a denominator summing to 0."""
    if s.n < 2 or s.sum_y == 0 or s.sum_py == 0:
        return None
    r, rp = s.sum_x / s.sum_y, s.sum_px / s.sum_py
    my, mpy = s.sum_y / s.n, s.sum_py / s.n
    v_xx = s.cov(s.sum_x_sq, s.sum_x, s.sum_x)
    v_yy = s.cov(s.sum_y_sq, s.sum_y, s.sum_y)
    v_xy = s.cov(s.sum_xy, s.sum_x, s.sum_y)
    v_uu = s.cov(s.sum_px_sq, s.sum_px, s.sum_px)
    v_vv = s.cov(s.sum_py_sq, s.sum_py, s.sum_py)
    v_uv = s.cov(s.sum_px_py, s.sum_px, s.sum_py)
    v_xu = s.cov(s.sum_x_px, s.sum_x, s.sum_px)
    v_xv = s.cov(s.sum_x_py, s.sum_x, s.sum_py)
    v_yu = s.cov(s.sum_y_px, s.sum_y, s.sum_px)
    v_yv = s.cov(s.sum_y_py, s.sum_y, s.sum_py)
    return Linearized(
        ratio=r,
        pre_ratio=rp,
        var_l=(v_xx - 2 * r * v_xy + r * r * v_yy) / my**2,
        var_p=(v_uu - 2 * rp * v_uv + rp * rp * v_vv) / mpy**2,
        cov_lp=(v_xu - rp * v_xv - r * v_yu + r * rp * v_yv) / (my * mpy),
        n=s.n,
    )


def ratio_theta(c: Linearized, t: Linearized) -> float:
    """The theta that minimizes Var(adjusted difference); 0 when the covariate is constant."""
    denominator = c.var_p / c.n + t.var_p / t.n
    if not math.isfinite(denominator) or denominator <= 0:
        return 0.0
    return (c.cov_lp / c.n + t.cov_lp / t.n) / denominator


def adjusted_estimate(arm: Linearized, theta: float, center: float) -> ArmEstimate:
    value = arm.ratio - theta * (arm.pre_ratio - center)
    var = arm.var_l - 2 * theta * arm.cov_lp + theta**2 * arm.var_p
    return ArmEstimate(value, max(var, 0.0) / arm.n, arm.n)


def compare_ratio_cuped(
    control: RatioCovariateStats, treatment: RatioCovariateStats, alpha: float
) -> Comparison:
    """Delta-method comparison of CUPED-adjusted ratios, with the variance reduction.

    Falls back to the unadjusted delta method (reduction 0) when the pre-period
    denominator sums to 0 in an arm; degenerate post-period data gives the
    unadjusted test's code.
    """
    plain = compare_ratios(control, treatment, alpha)
    c, t = linearize(control), linearize(treatment)
    if not plain.ok or c is None or t is None:
        return replace(plain, variance_reduction=0.0) if plain.ok else plain
    theta = ratio_theta(c, t)
    center = (control.sum_px + treatment.sum_px) / (control.sum_py + treatment.sum_py)
    ac, at = adjusted_estimate(c, theta, center), adjusted_estimate(t, theta, center)
    df = ratio_df(control, treatment, ac.variance, at.variance)
    result = compare_normal(METHOD, ac, at, alpha, df=df)
    raw = ratio_estimate(control).variance + ratio_estimate(treatment).variance
    reduction = 1.0 - (ac.variance + at.variance) / raw if raw > 0 else 0.0
    return replace(result, variance_reduction=reduction)
