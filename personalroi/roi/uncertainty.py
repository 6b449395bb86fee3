"""How uncertain the ROI is: the lifts' sampling error and the cost and saving ranges.

With L the revenue lift in money, S the savings and I the investment,

    roi = (L + S) / I - 1,     L = margin * units * (d_conversion + d_order_value + d_clv)

where the d are per-unit lifts estimated on the same units (roi/joint.py
gives their covariance Sigma). The first-order (delta-method) variance is

    Var(roi) = g^2 1'Sigma 1  +  Var(S) / I^2  +  (roi + 1)^2 Var(I) / I^2,   g = margin * units / I

With fixed costs and savings ROI is affine in the lifts, so this is exact
(beyond the normality of the lifts that the tests themselves assume); ranged
costs (uniform on [low, high], roi/money.py) add the last two terms, a
first-order approximation because I sits in the denominator. The interval is
roi +- z * se and P(ROI > 0) = Phi(roi / se).

Each component's share of Var(roi) is its covariance with the total
(g^2 (Sigma 1)_k / Var(roi) for a lift; its own term for costs and savings):
the Euler allocation, which sums to 1 exactly however the lifts correlate. A
share can be slightly negative when a part's error offsets the others'.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

from personalroi.stats.distributions import norm_cdf, norm_ppf

LIFT_PARTS = ("conversion", "order_value", "clv")
COMPONENTS = (*LIFT_PARTS, "costs", "savings")
EXACT = "delta (exact: ROI is linear in the lifts)"


@dataclass(frozen=True)
class LiftErrors:
    """Standard errors of the per-unit lifts in money, and how they correlate.

    `conversion` is the SE of the conversion part (dCR x control AOV); None when
    the revenue lift is not decomposed (all of it is the conversion part).
    Correlations default to the conservative fallbacks: the CLV lift moves one
    for one with the revenue lift (errors added), the conversion part with neither.
    """

    revenue: float
    conversion: float | None = None
    clv: float = 0.0
    rho_conversion_revenue: float = 0.0
    rho_revenue_clv: float = 1.0
    rho_conversion_clv: float = 0.0

    def covariance(self) -> np.ndarray:
        """3 x 3 covariance of the (conversion, order_value, clv) lifts."""
        r, c = self.revenue, self.clv
        if self.conversion is None:
            a, cov_cr = r, r * r  # the whole revenue lift is the conversion part
            cov_a_clv = self.rho_revenue_clv * r * c
        else:
            a = self.conversion
            cov_cr = self.rho_conversion_revenue * a * r
            cov_a_clv = self.rho_conversion_clv * a * c
        cov_rc = self.rho_revenue_clv * r * c
        var_ov = max(r * r - 2 * cov_cr + a * a, 0.0)
        return np.array(
            [
                [a * a, cov_cr - a * a, cov_a_clv],
                [cov_cr - a * a, var_ov, cov_rc - cov_a_clv],
                [cov_a_clv, cov_rc - cov_a_clv, c * c],
            ]
        )

    def scaled(self, factor: float) -> LiftErrors:
        """Every standard error times `factor` (sequential mode's wider boundary)."""
        return replace(
            self,
            revenue=self.revenue * factor,
            conversion=None if self.conversion is None else self.conversion * factor,
            clv=self.clv * factor,
        )


@dataclass(frozen=True)
class RoiInterval:
    se: float
    ci: tuple[float, float]
    probability_positive: float
    method: str = EXACT
    # Each component's share of Var(roi) (COMPONENTS); None when the ROI has no variance.
    shares: dict[str, float] | None = None
    # The part of se^2 from the lifts: the part more units would shrink.
    lift_variance: float = 0.0


def roi_uncertainty(
    roi: float,
    slope: float,
    errors: LiftErrors,
    alpha: float,
    investment_variance: float = 0.0,
    savings_variance: float = 0.0,
    investment: float = 1.0,
    method: str = EXACT,
) -> RoiInterval:
    """The (1 - alpha) interval, P(ROI > 0) and variance shares of one arm's ROI."""
    by_lift = slope**2 * errors.covariance().sum(axis=1)
    parts = {
        **dict(zip(LIFT_PARTS, (float(v) for v in by_lift), strict=True)),
        "costs": (roi + 1) ** 2 * investment_variance / investment**2,
        "savings": savings_variance / investment**2,
    }
    variance = sum(parts.values())
    lift_variance = float(by_lift.sum())
    if not math.isfinite(variance) or variance <= 0:
        return RoiInterval(0.0, (roi, roi), 1.0 if roi > 0 else 0.0, method)
    se = math.sqrt(variance)
    z = float(norm_ppf(1 - alpha / 2))
    return RoiInterval(
        se=se,
        ci=(roi - z * se, roi + z * se),
        probability_positive=float(norm_cdf(roi / se)),
        method=method,
        shares={k: v / variance for k, v in parts.items()},
        lift_variance=lift_variance,
    )


def roi_interval(
    roi: float,
    slope: float,
    revenue_se: float,
    alpha: float,
    clv_se: float = 0.0,
) -> RoiInterval:
    """The interval when only the lifts' standard errors are known (correlation 1 fallback)."""
    return roi_uncertainty(roi, slope, LiftErrors(revenue=revenue_se, clv=clv_se), alpha)


def units_to_prove(
    roi: float,
    roi_se: float,
    alpha: float,
    units_per_arm: int,
    fixed_variance: float = 0.0,
) -> int | None:
    """More units per arm for the (1 - alpha) ROI interval to exclude 0 at the observed ROI.

    The lifts' part of the variance, roi_se^2 - fixed_variance, shrinks as 1 / n
    when both arms grow together; the cost and saving ranges' part
    (`fixed_variance`) does not. The interval excludes 0 once
    z^2 (lift_var n / n' + fixed_variance) < roi^2. None when ROI <= 0 (the lift
    is at or below break-even: no amount of data proves a loss pays) and when
    the ranges alone keep the interval over 0.
    """
    if roi <= 0 or units_per_arm <= 0 or not math.isfinite(roi_se):
        return None
    z = float(norm_ppf(1 - alpha / 2))
    if z * roi_se < roi:
        return 0
    room = (roi / z) ** 2 - fixed_variance
    lift_variance = roi_se**2 - fixed_variance
    if room <= 0 or lift_variance <= 0:
        return None
    needed = units_per_arm * lift_variance / room
    return max(0, math.ceil(needed) - units_per_arm)
