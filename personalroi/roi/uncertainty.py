"""How uncertain the ROI is, propagated from the sampling distribution of the lift.

Method: the delta method, which here is exact rather than an approximation.
ROI is an affine function of the per-unit revenue lift d (and CLV lift c):

    roi(d, c) = (margin * units * (d + c) + savings - investment) / investment

so if d is approximately normal with standard error se_d (the test's own
standard error), roi is normal with se_roi = slope * se_d, slope =
margin * units / investment. Monte Carlo would only re-sample that same normal
and add simulation noise, so it is not used; the test suite checks the interval
against a brute-force simulation of whole experiments instead.

CLV and revenue per visitor come from the same units, with an unknown
correlation; their errors are added (correlation 1), which can only widen the
interval (Cauchy-Schwarz), never make it falsely narrow.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from personalroi.stats.distributions import norm_cdf, norm_ppf


@dataclass(frozen=True)
class RoiInterval:
    se: float
    ci: tuple[float, float]
    probability_positive: float
    method: str = "delta (exact: ROI is linear in the lift)"


def roi_interval(
    roi: float,
    slope: float,
    revenue_se: float,
    alpha: float,
    clv_se: float = 0.0,
) -> RoiInterval:
    """A (1 - alpha) interval for ROI and P(ROI > 0) under the normal sampling distribution."""
    se = slope * (revenue_se + clv_se)
    if not math.isfinite(se) or se <= 0:
        return RoiInterval(0.0, (roi, roi), 1.0 if roi > 0 else 0.0)
    z = float(norm_ppf(1 - alpha / 2))
    return RoiInterval(
        se=se,
        ci=(roi - z * se, roi + z * se),
        probability_positive=float(norm_cdf(roi / se)),
    )


def units_to_prove(roi: float, roi_se: float, alpha: float, units_per_arm: int) -> int | None:
    """More units per arm for the (1 - alpha) ROI interval to exclude 0 at the observed ROI.

    Costs are fixed, so the ROI's standard error is the lift's, scaled: it
    shrinks as 1 / sqrt(n) when both arms grow together. The interval excludes 0
    once z * se * sqrt(n / n') < roi. None when ROI <= 0 (the lift is at or
    below break-even: no amount of data proves a loss pays).
    """
    if roi <= 0 or units_per_arm <= 0 or not math.isfinite(roi_se):
        return None
    z = float(norm_ppf(1 - alpha / 2))
    if z * roi_se < roi:
        return 0
    needed = units_per_arm * (z * roi_se / roi) ** 2
    return max(0, math.ceil(needed) - units_per_arm)
