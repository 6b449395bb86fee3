"""Fieller's interval for the relative lift t/c - 1 (an option: `relative_ci: fieller`).

The delta method treats t/c as normal, which fails when the control estimate
is noisy relative to its size. Fieller inverts the exact z-test of
t - rho c = 0 instead: the interval is every rho with

    (t - rho c)^2 <= z^2 (var_t + rho^2 var_c)          (arms independent)

a quadratic in rho. It is a bounded interval only when the control estimate
is itself significantly different from 0: g = z^2 var_c / c^2 < 1 (the
validity check). Otherwise the set is unbounded and no relative interval is
reported.
"""

from __future__ import annotations

import math
from dataclasses import replace

from personalroi.stats.comparison import Comparison
from personalroi.stats.distributions import norm_ppf

METHOD_NOTE = "relative CI by Fieller"


def fieller_g(c: float, var_c: float, alpha: float) -> float:
    """Fieller's g; the interval is bounded only when g < 1."""
    z = float(norm_ppf(1 - alpha / 2))
    return math.inf if c == 0 else z * z * var_c / (c * c)


def fieller_ratio_interval(
    c: float, var_c: float, t: float, var_t: float, alpha: float
) -> tuple[float, float] | None:
    """Interval for t/c, or None when it is unbounded (g >= 1)."""
    z2 = float(norm_ppf(1 - alpha / 2)) ** 2
    if fieller_g(c, var_c, alpha) >= 1:
        return None
    a = c * c - z2 * var_c
    disc = z2 * (t * t * var_c + c * c * var_t) - z2 * z2 * var_c * var_t
    root = math.sqrt(max(disc, 0.0))
    return (t * c - root) / a, (t * c + root) / a


def with_fieller(comparison: Comparison, alpha: float) -> Comparison:
    """Replace the delta-method relative interval by Fieller's (or drop it, explained)."""
    c, t = comparison.control_value, comparison.treatment_value
    var_c, var_t = comparison.control_variance, comparison.treatment_variance
    if not comparison.ok or None in (c, t, var_c, var_t) or comparison.relative_lift is None:
        return comparison
    assert c is not None and t is not None and var_c is not None and var_t is not None
    method = f"{comparison.method}; {METHOD_NOTE}"
    interval = fieller_ratio_interval(c, var_c, t, var_t, alpha)
    if interval is None:
        g = fieller_g(c, var_c, alpha)
        return replace(
            comparison,
            method=method,
            relative_ci=None,
            explanation=(
                f"Fieller interval unbounded (g = {g:.2f} >= 1): the control value is not "
                "significantly different from 0, so the relative lift has no finite interval"
            ),
        )
    lo, hi = interval
    return replace(comparison, method=method, relative_ci=(lo - 1.0, hi - 1.0))
