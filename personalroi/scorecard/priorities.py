"""Prioritization: the biggest impact for the least resources.

Arms are ranked by ROI, i.e. net benefit per unit of investment (arms that
significantly harm a guardrail or the revenue metric last; before them, arms
that significantly harm customers (NPS) after every arm without such harm;
then arms without an ROI, then by lower investment). Where one arm's components are a strict
superset of another's, the added components get their own incremental ROI
(difference in benefit over difference in investment), which is how a
component's worth is read off a nested design.

A level whose own ROI is proven (P(ROI > 0) >= 95 %) while its arm's is not is
named a targeted-rollout candidate: the money may be in one segment. The
levels are many comparisons and are not adjusted for them, so a candidate is
one to confirm (a test in that segment), not a licence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

PROVEN = 0.95  # P(ROI > 0) at which an ROI counts as proven (the verdict's "pays")


@dataclass(frozen=True)
class LevelValue:
    """One level's ROI if the arm were rolled out there only (audit/roi_levels.py)."""

    dimension: str
    level: str
    eligible_share: float
    roi: float | None
    probability_roi_positive: float | None


@dataclass(frozen=True)
class ArmValue:
    arm: str
    components: tuple[str, ...]
    benefit: float | None  # revenue lift + savings
    investment: float
    roi: float | None
    probability_roi_positive: float | None
    # Significant harms of this arm (guardrails, the revenue metric, other metrics, levels).
    harms: tuple[str, ...] = ()
    # A guardrail or the revenue metric significantly worse: never a rollout candidate.
    blocked: bool = False
    # Customers significantly worse off (NPS): ranked after every arm without harm.
    customer_harm: bool = False
    levels: tuple[LevelValue, ...] = ()


@dataclass(frozen=True)
class Increment:
    """The added components' value over the largest nested arm."""

    over: str
    components: tuple[str, ...]
    benefit: float
    investment: float
    roi: float | None


@dataclass(frozen=True)
class Priority:
    arm: str
    rank: int
    roi: float | None
    investment: float
    benefit: float | None
    probability_roi_positive: float | None
    components: tuple[str, ...]
    increment: Increment | None
    recommendation: str
    # Why the arm ranks below its ROI: a significant harm to customers or a guardrail.
    flag: str | None = None
    # Levels whose ROI is proven while the arm's is not: candidates for a targeted rollout.
    targeted_rollout: tuple[LevelValue, ...] = ()


def _proven(p: float | None) -> bool:
    return p is not None and p >= PROVEN


def targeted(a: ArmValue) -> tuple[LevelValue, ...]:
    """The arm's proven levels, when the arm itself is not proven (best first)."""
    if _proven(a.probability_roi_positive):
        return ()
    found = [lv for lv in a.levels if _proven(lv.probability_roi_positive)]
    return tuple(sorted(found, key=lambda lv: -(lv.roi or 0.0)))


def _targeted_sentence(levels: Sequence[LevelValue]) -> str:
    named = "; ".join(
        f"{lv.dimension} {lv.level} ({lv.eligible_share:.0%} of units): ROI {lv.roi or 0.0:+.0%}, "
        f"P(ROI>0) {lv.probability_roi_positive or 0.0:.0%}"
        for lv in levels
    )
    return (
        f". Targeted rollout candidate, proven where the arm is not: {named}; "
        "confirm it with a test in that segment"
    )


def _rank_key(a: ArmValue) -> tuple[bool, bool, bool, float, float]:
    return (a.blocked, a.customer_harm, a.roi is None, -(a.roi or 0.0), a.investment)


def _flag(a: ArmValue) -> str | None:
    if a.blocked:
        return "harms a guardrail or the revenue metric: ranked last"
    if a.customer_harm:
        return "harms customers (NPS): ranked after arms without harm"
    return None


def _increment(arm: ArmValue, arms: Sequence[ArmValue]) -> Increment | None:
    """The added components' value over the largest nested arm, if any."""
    mine = set(arm.components)
    nested = [
        other
        for other in arms
        if other.arm != arm.arm and other.components and set(other.components) < mine
    ]
    if not nested or arm.benefit is None:
        return None
    base = max(nested, key=lambda o: len(o.components))
    if base.benefit is None:
        return None
    benefit = arm.benefit - base.benefit
    investment = arm.investment - base.investment
    return Increment(
        over=base.arm,
        components=tuple(sorted(mine - set(base.components))),
        benefit=benefit,
        investment=investment,
        roi=(benefit - investment) / investment if investment > 0 else None,
    )


def _advice(rank: int, a: ArmValue) -> str:
    if a.harms:
        return f"significantly harms {a.harms[0]}: fix or stop it before any rollout"
    if a.roi is None:
        return "ROI unknown: complete the revenue metric and costs"
    p = a.probability_roi_positive
    if a.roi <= 0:
        return "does not pay on current evidence: redesign or stop before spending more"
    if rank == 1 and p is not None and p >= 0.95:
        return "roll out, and keep A/B testing new ideas against it as the new control"
    if rank == 1:
        return "best bet but not yet certain: keep testing before a full rollout"
    return "pays less per unit of cost than a higher-ranked arm"


def prioritize(arms: Sequence[ArmValue]) -> list[Priority]:
    ranked = sorted(arms, key=_rank_key)
    return [
        Priority(
            arm=a.arm,
            rank=rank,
            roi=a.roi,
            investment=a.investment,
            benefit=a.benefit,
            probability_roi_positive=a.probability_roi_positive,
            components=a.components,
            increment=_increment(a, arms),
            recommendation=_advice(rank, a)
            + (_targeted_sentence(targeted(a)) if targeted(a) else ""),
            flag=_flag(a),
            targeted_rollout=targeted(a),
        )
        for rank, a in enumerate(ranked, start=1)
    ]
