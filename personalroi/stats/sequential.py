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
with z = lift / se. p < alpha exactly when the interval excludes 0, and the relative
interval (Fieller's at the same boundary) excludes 0 exactly then too.
"""

from __future__ import annotations

import math
from dataclasses import replace

from personalroi.stats.comparison import NO_RELATIVE, Comparison, estimator_of, with_fieller_ci

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


def sequential_method(estimator: str, tuning: float) -> str:
    return (
        f"{estimator}: sequential, always-valid p and absolute CI from one normal-mixture "
        f"confidence sequence on lift / SE (N* = {tuning:g}); relative CI by Fieller at its "
        "boundary"
    )


def sequential(comparison: Comparison, alpha: float, tuning: float = DEFAULT_TUNING) -> Comparison:
    """Replace a comparison's intervals and p-value by their always-valid versions.

    Whatever the fixed-horizon test was (Welch t, Mann-Whitney, bootstrap), the
    sequential p and absolute interval both come from z = lift / se with the row's
    se, and the relative interval is Fieller's at the same boundary, so all three
    agree on "differs from 0"; `method` says so.
    """
    lift, se = comparison.absolute_lift, comparison.absolute_se
    if not comparison.ok or lift is None or se is None or se == 0:
        return comparison
    n = comparison.n_control + comparison.n_treatment
    width = halfwidth(se, n, alpha, tuning)
    explanation = comparison.explanation
    if explanation.startswith(NO_RELATIVE):  # a fixed-horizon note about the old interval
        explanation = ""
    out = replace(
        comparison,
        method=sequential_method(estimator_of(comparison.method), tuning),
        absolute_ci=(lift - width, lift + width),
        p_value=always_valid_p(lift, se, n, alpha, tuning),
        explanation=explanation,
    )
    var_c, var_t = comparison.control_variance, comparison.treatment_variance
    arm_se = math.sqrt(var_c + var_t) if var_c is not None and var_t is not None else 0.0
    if arm_se == 0 or not math.isfinite(arm_se):
        # No arm variances (a forecast's bootstrap): Fieller cannot be formed.
        return with_fieller_ci(replace(out, control_variance=None), 0.0)
    # Fieller's rho = 1 case is |lift| <= crit * arm_se: this crit makes it |lift| <= width.
    # arm_se equals se except for bootstrap rows, whose se is the resamples' spread.
    return with_fieller_ci(out, width / arm_se)
