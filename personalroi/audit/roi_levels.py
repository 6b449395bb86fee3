"""`roi_by_level`: the ROI of rolling an arm out to one dimension level only (SPEC 7.2).

Same money and interval as the arm's (roi/money.py, roi/uncertainty.py via
audit/roi_section.py), with two changes:

- eligible units = `eligible_units_per_month x eligible_share`, the level's
  share of the experiment's units (pooled over arms, from the per-level counts);
- the per-unit lifts come from the level's rows (the revenue metric and, when
  there, its conversion and AOV metrics). The CLV forecast has no level rows,
  so the arm's CLV lift per unit stands in for every level, with its errors
  added to the revenue lift's (correlation 1: never falsely narrow).

The investment is the arm's, in full (a rollout to one segment still pays the
licence, the integration and the content), except the cost and saving lines
marked `scales_with: units`: those are for the configured traffic and are
multiplied by the level's share, ranges included.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from personalroi.audit.metric_row import MetricRow
from personalroi.audit.roi_inputs import arm_lift, cash_items, find_revenue_metrics, top_rows
from personalroi.audit.roi_section import economics_of, roi_interval_for
from personalroi.config.model import Config
from personalroi.roi.money import UnitLift, applicable, arm_money, at_traffic


@dataclass(frozen=True)
class LevelRoi:
    """One arm rolled out to one level of one dimension."""

    arm: str
    dimension: str
    level: str
    eligible_share: float
    roi: float | None
    roi_ci: tuple[float, float] | None
    probability_roi_positive: float | None
    # Additions beyond SPEC 7.2: what the ROI was computed from.
    eligible_units_per_month: float
    investment: float
    revenue_lift: float | None


def eligible_shares(units: Mapping[str, int]) -> dict[str, float]:
    """Each level's share of the dimension's units (sums to 1 when any unit is counted)."""
    total = sum(units.values())
    return {level: n / total if total > 0 else 0.0 for level, n in units.items()}


def _level_rows(
    rows: Sequence[MetricRow], dimension: str, level: str
) -> dict[tuple[str, str], MetricRow]:
    return {(r.metric, r.arm): r for r in rows if r.dimension == dimension and r.level == level}


def roi_by_level(
    config: Config,
    rows: Sequence[MetricRow],
    treatments: Sequence[str],
    level_units: Mapping[str, Mapping[str, int]],
) -> list[LevelRoi]:
    """One entry per arm x dimension x level with units; `level_units[dimension][level]`."""
    names = find_revenue_metrics(config)
    if names.revenue is None:
        return []
    econ = economics_of(config)
    costs, savings = cash_items(config.costs), cash_items(config.savings)
    top = top_rows(list(rows))
    out = []
    for arm in treatments:
        components = config.arms[arm].components if arm in config.arms else []
        arm_costs, arm_savings = applicable(costs, components), applicable(savings, components)
        clv_row = top.get((names.clv, arm)) if names.clv else None
        for dimension, units in level_units.items():
            for level, share in eligible_shares(units).items():
                here = _level_rows(rows, dimension, level)
                if clv_row is not None:
                    here.setdefault((clv_row.metric, arm), clv_row)
                share_econ = replace(
                    econ, eligible_units_per_month=econ.eligible_units_per_month * share
                )
                level_costs = at_traffic(arm_costs, share)
                level_savings = at_traffic(arm_savings, share)
                found = arm_lift(names, arm, here)
                money = arm_money(
                    found.lift if found else UnitLift(0.0, 0.0, 0.0),
                    share_econ,
                    level_costs,
                    level_savings,
                )
                interval = None
                if found is not None and money.roi is not None:
                    interval = roi_interval_for(
                        config,
                        share_econ,
                        found,
                        money.roi,
                        money.investment,
                        level_costs,
                        level_savings,
                        None,  # the level's lifts: no unit-level correlation estimated
                    )
                out.append(
                    LevelRoi(
                        arm=arm,
                        dimension=dimension,
                        level=level,
                        eligible_share=share,
                        roi=money.roi if found else None,
                        roi_ci=None if interval is None else interval.ci,
                        probability_roi_positive=None
                        if interval is None
                        else interval.probability_positive,
                        eligible_units_per_month=share_econ.eligible_units_per_month,
                        investment=money.investment,
                        revenue_lift=money.revenue_lift if found else None,
                    )
                )
    return out
