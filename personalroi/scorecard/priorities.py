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

from personalroi.i18n import Phrase

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
    harms: tuple[str | Phrase, ...] = ()
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
    # `recommendation` and `flag` as catalogue phrases, for reports in other languages.
    recommendation_phrase: Phrase | None = None
    flag_phrase: Phrase | None = None


def _proven(p: float | None) -> bool:
    return p is not None and p >= PROVEN


def targeted(a: ArmValue) -> tuple[LevelValue, ...]:
    """The arm's proven levels, when the arm itself is not proven (best first)."""
    if _proven(a.probability_roi_positive):
        return ()
    found = [lv for lv in a.levels if _proven(lv.probability_roi_positive)]
    return tuple(sorted(found, key=lambda lv: -(lv.roi or 0.0)))


def _targeted_phrase(levels: Sequence[LevelValue]) -> Phrase:
    named = tuple(
        Phrase.of(
            "priority.level",
            dimension=lv.dimension,
            level=lv.level,
            share=lv.eligible_share,
            roi=lv.roi or 0.0,
            p=lv.probability_roi_positive or 0.0,
        )
        for lv in levels
    )
    return Phrase.of("priority.targeted", named=named)


def _rank_key(a: ArmValue) -> tuple[bool, bool, bool, float, float]:
    return (a.blocked, a.customer_harm, a.roi is None, -(a.roi or 0.0), a.investment)


def _flag(a: ArmValue) -> Phrase | None:
    if a.blocked:
        return Phrase.of("priority.flag_blocked")
    if a.customer_harm:
        return Phrase.of("priority.flag_customers")
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


def _advice(rank: int, a: ArmValue) -> Phrase:
    if a.harms:
        return Phrase.of("priority.harms", harm=a.harms[0])
    if a.roi is None:
        return Phrase.of("priority.roi_unknown")
    p = a.probability_roi_positive
    if a.roi <= 0:
        return Phrase.of("priority.does_not_pay")
    if rank == 1 and p is not None and p >= 0.95:
        return Phrase.of("priority.roll_out")
    if rank == 1:
        return Phrase.of("priority.best_bet")
    return Phrase.of("priority.pays_less")


def _recommendation(rank: int, a: ArmValue) -> Phrase:
    levels = targeted(a)
    return Phrase.of(
        "priority.recommendation",
        advice=_advice(rank, a),
        targeted=_targeted_phrase(levels) if levels else None,
    )


def prioritize(arms: Sequence[ArmValue]) -> list[Priority]:
    ranked = sorted(arms, key=_rank_key)
    said = [(_recommendation(rank, a), _flag(a)) for rank, a in enumerate(ranked, start=1)]
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
            recommendation=advice.text(),
            flag=None if flag is None else flag.text(),
            targeted_rollout=targeted(a),
            recommendation_phrase=advice,
            flag_phrase=flag,
        )
        for rank, (a, (advice, flag)) in enumerate(zip(ranked, said, strict=True), start=1)
    ]
