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


def g_at(c: float, var_c: float, k: float) -> float:
    """Fieller's g at critical value k; the interval is bounded only when g < 1."""
    return math.inf if c == 0 else k * k * var_c / (c * c)


def interval_at(
    c: float, var_c: float, t: float, var_t: float, k: float
) -> tuple[float, float] | None:
    """Fieller's interval for t/c at critical value k, or None when unbounded (g >= 1)."""
    if g_at(c, var_c, k) >= 1:
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


def fieller_g(c: float, var_c: float, alpha: float) -> float:
    """Fieller's g at the two-sided normal critical value for alpha."""
    return g_at(c, var_c, norm_ppf(1 - alpha / 2))


def fieller_ratio_interval(
    c: float, var_c: float, t: float, var_t: float, alpha: float
) -> tuple[float, float] | None:
    """Fieller's interval for t/c at the two-sided normal critical value for alpha."""
    return interval_at(c, var_c, t, var_t, norm_ppf(1 - alpha / 2))


def relative_interval(
    c: float, var_c: float, t: float, var_t: float, crit: float
) -> tuple[float, float] | None:
    """Fieller's interval for the relative lift t/c - 1 at critical value `crit`."""
    interval = interval_at(c, var_c, t, var_t, crit)
    if interval is None:
        return None
    return interval[0] - 1.0, interval[1] - 1.0
