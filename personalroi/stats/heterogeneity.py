"""Does the effect differ across the levels of a dimension? Cochran's Q, and Simpson's sign check.

Per-level estimates theta_i with standard errors se_i are combined with
inverse-variance weights w_i = 1 / se_i^2 (the fixed-effect meta-analysis
estimate); under homogeneity

    Q = sum w_i (theta_i - theta_fe)^2  ~  chi-square(k - 1),

and I^2 = max(0, (Q - (k - 1)) / Q) is the share of variation beyond chance.
Levels are disjoint groups of randomized units, so their estimates are independent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from personalroi.stats.distributions import chi2_sf


@dataclass(frozen=True)
class Heterogeneity:
    q: float
    df: int
    p_value: float
    i_squared: float
    pooled: float  # fixed-effect (inverse-variance) combined estimate


def cochran_q(estimates: Sequence[float], ses: Sequence[float]) -> Heterogeneity | None:
    """Cochran's Q over levels with a positive SE; None with fewer than two such levels."""
    pairs = [(e, s) for e, s in zip(estimates, ses, strict=True) if s > 0]
    if len(pairs) < 2:
        return None
    weights = [1 / s**2 for _, s in pairs]
    total = sum(weights)
    pooled = sum(w * e for w, (e, _) in zip(weights, pairs, strict=True)) / total
    q = sum(w * (e - pooled) ** 2 for w, (e, _) in zip(weights, pairs, strict=True))
    df = len(pairs) - 1
    i_squared = max(0.0, (q - df) / q) if q > 0 else 0.0
    return Heterogeneity(q, df, float(chi2_sf(q, df)), i_squared, pooled)


def simpson_reversal(overall: float, level_estimates: Sequence[float]) -> bool:
    """True when most levels point the other way from the overall estimate.

    The overall lift and the majority of the per-level lifts disagree in sign:
    Simpson's paradox (typically an arm mix that differs between levels), or a
    sign that the overall number hides what happens in the segments.
    """
    if overall == 0 or not level_estimates:
        return False
    against = sum(1 for e in level_estimates if e * overall < 0)
    return against > len(level_estimates) / 2
