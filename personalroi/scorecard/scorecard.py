"""The weighted scorecard: each goal's attainment, and a score out of 100.

Attainment of one item (0..1), with achieved and goal oriented so that larger
is better (a lower-is-better metric's lift and goal are negated):

    attainment = clip(achieved / goal, 0, 1) x confidence
    confidence = 1    if the improvement is statistically significant
                 0.5  if it is not (yet)
    attainment = 0    if the item is harmful or has insufficient data

For a goal <= 0 ("do no harm"), clip(achieved / goal) is replaced by 1 when
achieved >= goal and 0 otherwise. For ROI "significant" means the ROI interval
lies above 0.

    score = 100 x sum(weight x attainment) / sum(weight)

over all items of all arms; `arm_scores` is the same per arm.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from personalroi.stats.verdict import Status

UNSIGNIFICANT_CREDIT = 0.5


@dataclass(frozen=True)
class Item:
    name: str
    arm: str
    weight: float
    goal: float
    achieved: float | None
    attainment: float
    status: Status
    significant: bool
    kind: str = "metric"  # "metric" or "roi"
    goal_type: str = "relative_lift"  # relative_lift | absolute_lift | roi


def attainment(
    achieved: float | None, goal: float, *, better: str, significant: bool, status: Status
) -> float:
    if achieved is None or status in ("harmful", "insufficient data"):
        return 0.0
    sign = 1.0 if better == "higher" else -1.0
    got, target = sign * achieved, sign * goal
    reached = min(1.0, max(0.0, got / target)) if target > 0 else float(got >= target)
    return reached * (1.0 if significant else UNSIGNIFICANT_CREDIT)


def roi_status(roi: float | None, ci: tuple[float, float] | None, goal: float) -> Status:
    """ROI in the scorecard's words; 'harmful' when the whole interval loses money."""
    if roi is None or ci is None:
        return "insufficient data"
    low, high = ci
    if high < 0:
        return "harmful"
    if high < goal:
        return "missed"
    if low > 0 and roi >= goal:
        return "met"
    return "on track" if roi > 0 else "not significant"


def roi_item(
    arm: str, roi: float | None, ci: tuple[float, float] | None, goal: float, weight: float
) -> Item:
    status = roi_status(roi, ci, goal)
    significant = ci is not None and ci[0] > 0
    return Item(
        name="roi",
        arm=arm,
        weight=weight,
        goal=goal,
        achieved=roi,
        attainment=attainment(roi, goal, better="higher", significant=significant, status=status),
        status=status,
        significant=significant,
        kind="roi",
        goal_type="roi",
    )


def score(items: Sequence[Item]) -> float | None:
    total = sum(i.weight for i in items)
    if total <= 0:
        return None
    return 100.0 * sum(i.weight * i.attainment for i in items) / total


def arm_scores(items: Sequence[Item]) -> dict[str, float | None]:
    arms = list(dict.fromkeys(i.arm for i in items))
    return {arm: score([i for i in items if i.arm == arm]) for arm in arms}


@dataclass(frozen=True)
class Scorecard:
    """The `scorecard` section. Without a pass mark the score is reported and gates nothing."""

    score: float
    pass_score: float | None
    passed: bool | None
    arm_scores: dict[str, float | None]
    items: tuple[Item, ...]


def scorecard(items: Sequence[Item], pass_score: float | None) -> Scorecard | None:
    total = score(items)
    if total is None:
        return None
    return Scorecard(
        score=total,
        pass_score=pass_score,
        passed=None if pass_score is None else total >= pass_score,
        arm_scores=arm_scores(items),
        items=tuple(items),
    )
