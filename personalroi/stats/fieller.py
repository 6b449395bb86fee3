"""Fieller's interval for the ratio t/c: the relative-lift interval of every metric row.

The delta method treats t/c as normal and ignores that the control estimate is
noisy; its interval can exclude 0 while the test of t - c = 0 does not reject, or
the other way round. Fieller's interval instead collects every rho for which the
Wald test of t - rho c = 0 does not reject at critical value k:

    (t - rho c)^2 <= k^2 (var_t + rho^2 var_c)          (arms independent)

At rho = 1 this is exactly |t - c| <= k sqrt(var_t + var_c), the absolute test, so
with the absolute test's own critical value (z, Welch's t, or the sequential
boundary) the relative interval excludes 0 exactly when the absolute one does.

The set is a bounded interval only when g = k^2 var_c / c^2 < 1 (the control
estimate is itself distinguishable from 0 at that k). Otherwise it is unbounded
and no relative interval is reported.
"""

from __future__ import annotations

import math

from personalroi.stats.distributions import norm_ppf


def fieller_g(c: float, var_c: float, alpha: float, crit: float | None = None) -> float:
    """Fieller's g at critical value `crit` (default: the two-sided normal at alpha)."""
    k = norm_ppf(1 - alpha / 2) if crit is None else crit
    return math.inf if c == 0 else k * k * var_c / (c * c)


def fieller_ratio_interval(
    c: float, var_c: float, t: float, var_t: float, alpha: float, crit: float | None = None
) -> tuple[float, float] | None:
    """Interval for t/c, or None when it is unbounded (g >= 1)."""
    k = norm_ppf(1 - alpha / 2) if crit is None else crit
    if fieller_g(c, var_c, alpha, k) >= 1:
        return None
    k2 = k * k
    # The roots of a rho^2 - 2 t c rho + (t^2 - k^2 var_t) = 0, a > 0 since g < 1.
    a = c * c - k2 * var_c
    root = k * math.sqrt(max(t * t * var_c + var_t * a, 0.0))
    # Stable form: the larger-magnitude root first, the other from the product of roots.
    q = t * c + math.copysign(root, t * c)
    if q == 0:
        return -root / a, root / a
    first, second = q / a, (t * t - k2 * var_t) / q
    return min(first, second), max(first, second)


def relative_interval(
    c: float, var_c: float, t: float, var_t: float, crit: float
) -> tuple[float, float] | None:
    """Fieller's interval for the relative lift t/c - 1 at critical value `crit`."""
    interval = fieller_ratio_interval(c, var_c, t, var_t, 0.05, crit)
    if interval is None:
        return None
    return interval[0] - 1.0, interval[1] - 1.0
