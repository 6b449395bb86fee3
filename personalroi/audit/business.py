"""The business sections of the result: `roi`, `scorecard`, `gaps`, `priorities` (SPEC 5)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from personalroi.audit.metric_row import MetricRow
from personalroi.audit.roi_levels import LevelRoi, roi_by_level
from personalroi.audit.roi_section import RoiEntry, roi_section
from personalroi.audit.segments import Heterogeneity, heterogeneity_gaps
from personalroi.audit.verdict import Reason, blocked_arms, harm_reasons
from personalroi.config.model import Config
from personalroi.data.heavy_tail import TailShift
from personalroi.i18n import Phrase
from personalroi.roi.joint import LiftCorrelation
from personalroi.scorecard.cadence import AuditHistory, cadence_gaps
from personalroi.scorecard.checklist import measurement_gaps
from personalroi.scorecard.gaps import Gap, by_severity, goal_gap
from personalroi.scorecard.priorities import ArmValue, LevelValue, Priority, prioritize
from personalroi.scorecard.scorecard import Item, Scorecard, attainment, roi_item, scorecard


@dataclass(frozen=True)
class BusinessSections:
    roi: tuple[RoiEntry, ...]
    scorecard: Scorecard | None
    gaps: tuple[Gap, ...]
    priorities: tuple[Priority, ...]
    roi_by_level: tuple[LevelRoi, ...] = ()


def _level_values(levels: Sequence[LevelRoi], arm: str) -> tuple[LevelValue, ...]:
    return tuple(
        LevelValue(lv.dimension, lv.level, lv.eligible_share, lv.roi, lv.probability_roi_positive)
        for lv in levels
        if lv.arm == arm
    )


def scorecard_items(
    config: Config, rows: Sequence[MetricRow], roi: Sequence[RoiEntry]
) -> list[Item]:
    items = []
    for row in rows:
        metric = config.metrics.get(row.metric)
        if row.dimension is not None or metric is None or metric.goal is None:
            continue
        if metric.weight <= 0:
            continue
        kind, goal = next(iter(row.goal.items())) if row.goal else ("relative_lift", 0.0)
        c = row.comparison
        achieved = c.relative_lift if kind == "relative_lift" else c.absolute_lift
        items.append(
            Item(
                name=row.metric,
                arm=row.arm,
                weight=metric.weight,
                goal=goal,
                achieved=achieved,
                attainment=attainment(
                    achieved,
                    goal,
                    better=row.better,
                    significant=row.significant,
                    status=row.status,
                ),
                status=row.status,
                significant=row.significant and row.status != "harmful",
                goal_type=kind,
            )
        )
    sc = config.scorecard
    if sc.roi_goal is not None and sc.roi_weight > 0:
        items += [
            roi_item(entry.arm, entry.roi, entry.roi_ci, sc.roi_goal, sc.roi_weight)
            for entry in roi
        ]
    return items


def _family_size(rows: Sequence[MetricRow], correction: str) -> int:
    if correction == "none":
        return 1
    return max(1, sum(r.dimension is None and r.comparison.p_value is not None for r in rows))


def goal_gaps(config: Config, rows: Sequence[MetricRow]) -> list[Gap]:
    comparisons = _family_size(rows, config.experiment.correction)
    gaps: list[Gap] = []
    for row in rows:
        metric = config.metrics.get(row.metric)
        if row.dimension is not None or metric is None or not row.goal or metric.weight <= 0:
            continue
        kind, goal = next(iter(row.goal.items()))
        gap = goal_gap(
            row.metric,
            row.arm,
            kind=kind,
            goal=goal,
            better=row.better,
            comparison=row.comparison,
            status=row.status,
            alpha=config.experiment.alpha,
            comparisons=comparisons,
        )
        if gap is not None:
            gaps.append(gap)
    return gaps


def harm_gaps(harms: Sequence[Reason], covered: set[tuple[str, str]]) -> list[Gap]:
    """A high gap per significant harm that no goal gap already reports."""
    gaps = []
    for h in harms:
        if h.dimension is None and (h.metric, h.arm) in covered:
            continue
        advice = Phrase.of(
            "gap.harm_advice" if h.level is None else "gap.harm_advice_level",
            arm=h.arm,
            metric=h.metric,
            dimension=h.dimension,
            level=h.level,
        )
        details = {
            "kind": "harm",
            "metric": h.metric,
            "arm": h.arm,
            "dimension": h.dimension,
            "level": h.level,
        }
        gaps.append(Gap("harm", "high", h.text, advice.text(), details, h.phrase, advice))
    return gaps


def business_sections(
    config: Config,
    rows: Sequence[MetricRow],
    treatments: list[str],
    *,
    srm_ok: bool,
    srm_p: float | None,
    heterogeneity: Sequence[Heterogeneity],
    history: AuditHistory,
    now: dt.datetime,
    findings: Sequence[Gap] = (),
    correlations: Mapping[str, LiftCorrelation] | None = None,
    level_units: Mapping[str, Mapping[str, int]] | None = None,
    tail_shifts: Sequence[TailShift] = (),
) -> BusinessSections:
    """`findings`: gaps found elsewhere in the audit (trend, calendar), sorted in with the rest;
    `correlations`: per arm, how the lifts' errors correlate (from the units);
    `level_units`: units per dimension and level, pooled over arms (for `roi_by_level`)."""
    roi, roi_gaps = roi_section(
        config, list(rows), treatments, config.experiment.alpha, correlations, tail_shifts
    )
    levels = roi_by_level(config, rows, treatments, level_units or {})
    items = scorecard_items(config, rows, roi)
    goals = goal_gaps(config, rows)
    harms = harm_reasons(rows)
    covered = {(g.details["metric"], g.details["arm"]) for g in goals}
    gaps = by_severity(
        [
            *harm_gaps(harms, covered),
            *goals,
            *heterogeneity_gaps(list(heterogeneity)),
            *roi_gaps,
            *findings,
            *cadence_gaps(history, now, config.governance.audit_every_days),
            *measurement_gaps(config, srm_ok=srm_ok, srm_p=srm_p),
        ]
    )
    blocked = set(blocked_arms(rows, config.economics.revenue_metric))
    # NPS significantly worse at the top level: the customers' own verdict on the experience.
    customer_harmed = {
        r.arm for r in rows if r.dimension is None and r.type == "nps" and r.status == "harmful"
    }
    # Short forms ("nps for segment new -6.6 [...] points"): the arm is the row's own.
    arm_harms = {
        arm: tuple(h.short_phrase(arm) for h in harms if h.arm == arm) for arm in treatments
    }
    arm_values = [
        ArmValue(
            arm=e.arm,
            components=e.components,
            benefit=e.benefit,
            investment=e.investment,
            roi=e.roi,
            probability_roi_positive=e.probability_roi_positive,
            harms=arm_harms.get(e.arm, ()),
            blocked=e.arm in blocked,
            customer_harm=e.arm in customer_harmed,
            levels=_level_values(levels, e.arm),
        )
        for e in roi
    ]
    return BusinessSections(
        roi=tuple(roi),
        scorecard=scorecard(items, config.scorecard.pass_score),
        gaps=tuple(gaps),
        priorities=tuple(prioritize(arm_values)),
        roi_by_level=tuple(levels),
    )
