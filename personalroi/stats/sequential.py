"""Always-valid inference for audits that look at the data again and again (cron).

A fixed-horizon test peeked at daily rejects a true null far more often than
alpha. We use the asymptotic confidence sequence of Waudby-Smith et al. (2023),
the normal-mixture boundary GrowthBook and Eppo use: with N the total units so
far and se the standard error of the lift,

    half-width = se * sqrt( 2 (N rho^2 + 1) / (N rho^2) * log( sqrt(N rho^2 + 1) / alpha ) )

holds for every N at once with probability >= 1 - alpha. rho is the mixture's
spread, chosen so the sequence is tightest at N = N* (the tuning parameter,
`experiment.sequential_tuning`, default 5000 units: set it near the sample you
expect at the decision):

    rho^2 = (-2 log alpha + log(-2 log alpha + 1)) / N*

The always-valid p-value is the smallest alpha whose sequence excludes 0,
holding rho fixed: p = min(1, sqrt(N rho^2 + 1) * exp(-z^2 N rho^2 / (2 (N rho^2 + 1))))
with z = lift / se. p <= alpha exactly when the interval excludes 0.
"""

from __future__ import annotations

import math
from dataclasses import replace

from personalroi.stats.comparison import Comparison

DEFAULT_TUNING = 5000


def mixture_rho_squared(alpha: float, tuning: float) -> float:
    """rho^2 that makes the confidence sequence tightest at `tuning` units."""
    a = -2 * math.log(alpha)
    return (a + math.log(a + 1)) / tuning


def halfwidth(se: float, n: int, alpha: float, tuning: float = DEFAULT_TUNING) -> float:
    """Half-width of the confidence sequence at n total units."""
    nr2 = n * mixture_rho_squared(alpha, tuning)
    return se * math.sqrt(2 * (nr2 + 1) / nr2 * math.log(math.sqrt(nr2 + 1) / alpha))


def always_valid_p(
    lift: float, se: float, n: int, alpha: float, tuning: float = DEFAULT_TUNING
) -> float:
    """The always-valid p-value of lift = 0 (rho tuned at `alpha`)."""
    if se <= 0:
        return 1.0 if lift == 0 else 0.0
    nr2 = n * mixture_rho_squared(alpha, tuning)
    z2 = (lift / se) ** 2
    log_p = 0.5 * math.log(nr2 + 1) - z2 * nr2 / (2 * (nr2 + 1))
    return min(1.0, math.exp(log_p))


def sequential(comparison: Comparison, alpha: float, tuning: float = DEFAULT_TUNING) -> Comparison:
    """Replace a comparison's intervals and p-value by their always-valid versions.

    The relative interval is widened by the same factor as the absolute one.
    """
    lift, se = comparison.absolute_lift, comparison.absolute_se
    if not comparison.ok or lift is None or se is None or se == 0:
        return comparison
    n = comparison.n_control + comparison.n_treatment
    width = halfwidth(se, n, alpha, tuning)
    out = replace(
        comparison,
        method=f"{comparison.method}; sequential (normal-mixture confidence sequence, "
        f"N* = {tuning:g})",
        absolute_ci=(lift - width, lift + width),
        p_value=always_valid_p(lift, se, n, alpha, tuning),
    )
    rel, rel_se = comparison.relative_lift, comparison.relative_se
    if rel is None or rel_se is None:
        return out
    rel_width = halfwidth(rel_se, n, alpha, tuning)
    return replace(out, relative_ci=(rel - rel_width, rel + rel_width))
