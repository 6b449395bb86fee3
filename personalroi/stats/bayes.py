"""Chance to beat control: the posterior probability that the arm is better.

Normal approximation on the relative lift with a flat prior, as GrowthBook and
Eppo do by default: P(lift > 0) = Phi(lift / se), mirrored when lower is better.
"""

from __future__ import annotations

from scipy import stats as sps

from personalroi.stats.comparison import Comparison


def chance_to_beat_control(comparison: Comparison, better: str) -> float | None:
    if not comparison.ok:  # degenerate or below the minimum-data rule: no verdict
        return None
    lift, se = comparison.relative_lift, comparison.relative_se
    if lift is None or se is None:
        lift, se = comparison.absolute_lift, comparison.absolute_se
    if lift is None or se is None:
        return None
    if se == 0:
        p_up = 1.0 if lift > 0 else 0.0 if lift < 0 else 0.5
    else:
        p_up = float(sps.norm.cdf(lift / se))
    return p_up if better == "higher" else 1.0 - p_up
