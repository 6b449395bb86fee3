"""A metric row's status, in the scorecard's words.

- harmful: significantly worse (in the direction `better` calls bad)
- met: significantly better, and the point estimate reaches the goal (if any)
- missed: the interval rules the goal out (its good end falls short of it)
- on track: better but not yet significant (or significant, goal still in reach)
- not significant: no significant difference and no sign of improvement
Degenerate comparisons keep their explanation as status ("insufficient data").
"""

from __future__ import annotations

from typing import Literal

from personalroi.stats.comparison import Comparison

Status = Literal["met", "on track", "not significant", "missed", "harmful", "insufficient data"]
GoalKind = Literal["relative_lift", "absolute_lift"]


def metric_status(
    comparison: Comparison,
    *,
    significant: bool,
    better: str,
    goal: tuple[GoalKind, float] | None,
) -> Status:
    if not comparison.ok or comparison.absolute_lift is None:
        return "insufficient data"
    sign = 1.0 if better == "higher" else -1.0
    improving = sign * comparison.absolute_lift > 0
    if significant and not improving:
        return "harmful"
    if goal is not None and goal[0] == "relative_lift" and comparison.relative_lift is None:
        # No relative lift (a control value of 0 or less): the goal cannot be judged.
        return "on track" if improving else "not significant"
    reach = _goal_reach(comparison, sign, goal)
    if reach is not None:
        achieved, best_case, target = reach
        if best_case < target:
            return "missed"
        if significant and achieved >= target:
            return "met"
        return "on track" if improving else "not significant"
    if significant:
        return "met"
    return "on track" if improving else "not significant"


def _goal_reach(
    comparison: Comparison, sign: float, goal: tuple[GoalKind, float] | None
) -> tuple[float, float, float] | None:
    """(achieved, best end of the CI, target), all oriented so larger is better."""
    if goal is None:
        return None
    kind, target = goal
    if kind == "relative_lift":
        lift, ci = comparison.relative_lift, comparison.relative_ci
    else:
        lift, ci = comparison.absolute_lift, comparison.absolute_ci
    if lift is None or ci is None:
        return None
    best = max(sign * ci[0], sign * ci[1])
    return sign * lift, best, sign * target if sign > 0 else abs(target)
