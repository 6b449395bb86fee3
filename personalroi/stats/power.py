"""Sample size for a two-sided test of a difference between two arms (normal approximation).

n per arm = (z_{1-alpha/2} + z_{power})^2 * (sd_c^2 + sd_t^2) / effect^2,
with alpha split evenly over `comparisons` (Bonferroni), which is what Holm
guarantees in the worst case.
"""

from __future__ import annotations

import math

from personalroi.stats.distributions import norm_ppf


def units_per_arm(
    sd_control: float,
    sd_treatment: float,
    absolute_effect: float,
    alpha: float,
    power: float = 0.8,
    comparisons: int = 1,
) -> float:
    """Units needed in each arm to detect `absolute_effect`; inf if the effect is 0."""
    if absolute_effect == 0:
        return math.inf
    z_alpha = norm_ppf(1 - alpha / (2 * comparisons))
    z_power = norm_ppf(power)
    variance = sd_control**2 + sd_treatment**2
    return (z_alpha + z_power) ** 2 * variance / absolute_effect**2
