"""Chance to beat control: the posterior probability that the arm is better.

Normal approximation on the relative lift with a flat prior, as GrowthBook and
Eppo do by default: P(lift > 0) = Phi(lift / se), mirrored when lower is better.
"""

from __future__ import annotations

from personalroi.stats.comparison import Comparison
from personalroi.stats.distributions import norm_cdf


def chance_to_beat_control(comparison: Comparison, better: str) -> float | None:
    if not comparison.ok:  # degenerate or below the minimum-data rule: no verdict
        return None
    lift, se = comparison.relative_lift, comparison.relative_se
    if lift is None or se is None:
        lift, se = comparison.absolute_lift, comparison.absolute_se
    if lift is None or se is None:
        return None
    p_up = (1.0 if lift > 0 else 0.0 if lift < 0 else 0.5) if se == 0 else norm_cdf(lift / se)
    return p_up if better == "higher" else 1.0 - p_up
