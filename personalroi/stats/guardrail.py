"""Guardrail non-inferiority: show that an arm is not worse than a tolerated cutoff.

`guardrail_cutoff` is the largest tolerated harm as a relative change in the
bad direction, written negative (-0.02: at most 2 % worse; for a
`better: lower` metric that means at most a 2 % increase). Non-inferiority is
shown when the whole relative interval lies on the good side of the cutoff,
i.e. the interval's worst end is better than the cutoff: the two-sided
(1 - alpha) interval makes this a one-sided test at alpha / 2, the usual
convention for non-inferiority trials. The interval is whichever the row
reports (Fieller at the fixed-horizon or the sequential critical value), so the
decision always agrees with the numbers shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from personalroi.stats.comparison import Comparison


@dataclass(frozen=True)
class NonInferiority:
    cutoff: float
    # The interval's worst end as an oriented relative lift (negative = harm); None if untested.
    worst_case: float | None
    passed: bool


def non_inferiority(comparison: Comparison, cutoff: float, better: str) -> NonInferiority:
    """Compare the worst plausible relative change with the tolerated cutoff."""
    ci = comparison.relative_ci
    if not comparison.ok or ci is None:
        return NonInferiority(cutoff, None, False)
    sign = 1.0 if better == "higher" else -1.0
    worst = min(sign * ci[0], sign * ci[1])
    return NonInferiority(cutoff, worst, worst > cutoff)
