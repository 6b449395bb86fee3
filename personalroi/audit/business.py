"""The business sections of the result: `roi`, `scorecard`, `gaps`, `priorities` (SPEC 5)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Any

from personalroi.audit.result import MetricRow
from personalroi.audit.roi_section import roi_section
from personalroi.config.model import Config
from personalroi.scorecard.checklist import measurement_gaps
from personalroi.scorecard.gaps import Gap, by_severity, goal_gap
from personalroi.scorecard.priorities import ArmValue, prioritize
from personalroi.scorecard.scorecard import Item, arm_scores, attainment, roi_item, score


def scorecard_items(config: Config, rows: list[MetricRow], roi: list[dict[str, Any]]) -> list[Item]:
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
        for entry in roi:
            ci = entry.get("roi_ci")
            items.append(
                roi_item(
                    entry["arm"],
                    entry.get("roi"),
                    (ci[0], ci[1]) if ci else None,
                    sc.roi_goal,
                    sc.roi_weight,
                )
            )
    return items


def scorecard_dict(config: Config, items: list[Item]) -> dict[str, Any] | None:
    total = score(items)
    if total is None:
        return None
    pass_score = config.scorecard.pass_score
    return {
        "score": total,
        "pass_score": pass_score,
        "passed": total >= pass_score,
        "arm_scores": arm_scores(items),
        "items": [asdict(i) for i in items],
    }


def _family_size(rows: list[MetricRow], correction: str) -> int:
    if correction == "none":
        return 1
    return max(1, sum(r.dimension is None and r.comparison.p_value is not None for r in rows))


def business_sections(
    config: Config,
    rows: list[MetricRow],
    treatments: list[str],
    *,
    srm_ok: bool,
    srm_p: float | None,
    last_audit: dt.datetime | None = None,
    findings: list[Gap] | None = None,
) -> dict[str, Any]:
    """`findings`: gaps found elsewhere in the audit (trend, calendar), listed with the rest."""
    alpha = config.experiment.alpha
    roi, roi_gaps = roi_section(config, rows, treatments, alpha)
    items = scorecard_items(config, rows, roi)
    comparisons = _family_size(rows, config.experiment.correction)
    goal_gaps: list[Gap] = []
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
            alpha=alpha,
            comparisons=comparisons,
        )
        if gap is not None:
            goal_gaps.append(gap)
    measurement = measurement_gaps(config, srm_ok=srm_ok, srm_p=srm_p, last_audit=last_audit)
    gaps = by_severity([*goal_gaps, *roi_gaps, *(findings or []), *measurement])
    arm_values = [
        ArmValue(
            arm=e["arm"],
            components=tuple(e["components"]),
            benefit=None if e["revenue_lift"] is None else e["revenue_lift"] + e["cost_savings"],
            investment=e["investment"],
            roi=e["roi"],
            probability_roi_positive=e["probability_roi_positive"],
        )
        for e in roi
    ]
    return {
        "roi": roi,
        "scorecard": scorecard_dict(config, items),
        "gaps": [g.as_dict() for g in gaps],
        "priorities": prioritize(arm_values),
    }
