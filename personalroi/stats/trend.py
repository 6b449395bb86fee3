"""Novelty: does the lift drift with time since first exposure? A weighted least-squares slope.

The per-week lifts l_k (k = weeks since exposure) have standard errors s_k; the
slope of l on k with weights w_k = 1 / s_k^2, treating the variances as known
(statsmodels `WLS(...).fit(cov_type="fixed scale")`), is

    b = sum w (k - kw)(l - lw) / Sxx,   Sxx = sum w (k - kw)^2,   SE(b) = 1 / sqrt(Sxx)

with kw, lw the weighted means; z = b / SE(b) is normal under "no drift".
The weekly estimates share units (a unit counts in every full week it had), so
they are not independent: with a persistent per-unit level (equicorrelated
weeks) the independence SE is conservative for a slope; the simulation in
tests/test_trend_novelty.py measures the false-finding rate.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from personalroi.stats.distributions import norm_cdf, norm_ppf

MIN_POINTS = 3


@dataclass(frozen=True)
class SlopeTest:
    slope: float
    se: float
    ci: tuple[float, float]
    intercept: float  # the fitted lift at x = 0 (week 0)
    p_value: float
    points: int


def weighted_slope(
    x: Sequence[float], y: Sequence[float], se: Sequence[float], alpha: float
) -> SlopeTest | None:
    """The WLS slope of y on x with known SEs; None with fewer than MIN_POINTS usable points."""
    points = [
        (a, b, 1.0 / (s * s))
        for a, b, s in zip(x, y, se, strict=True)
        if math.isfinite(a) and math.isfinite(b) and math.isfinite(s) and s > 0
    ]
    if len(points) < MIN_POINTS:
        return None
    total = sum(w for _, _, w in points)
    xw = sum(a * w for a, _, w in points) / total
    yw = sum(b * w for _, b, w in points) / total
    sxx = sum(w * (a - xw) ** 2 for a, _, w in points)
    if sxx <= 0:
        return None
    slope = sum(w * (a - xw) * (b - yw) for a, b, w in points) / sxx
    slope_se = 1.0 / math.sqrt(sxx)
    z = norm_ppf(1 - alpha / 2)
    return SlopeTest(
        slope=slope,
        se=slope_se,
        ci=(slope - z * slope_se, slope + z * slope_se),
        intercept=yw - slope * xw,
        p_value=2 * norm_cdf(-abs(slope) / slope_se),
        points=len(points),
    )
