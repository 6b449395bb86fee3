"""Lift in two groups of units split by first exposure, and whether the two lifts differ.

Shared by the calendar periods (in / out of a period) and the governance changes
(first exposed before / after a change went live). The split is on exposure time,
which is fixed before the arm makes any difference and independent of the arm,
so each group is itself a randomized comparison; the two lifts are independent
and their difference is tested as a two-level heterogeneity (Cochran's Q on 1 df,
i.e. a z-test of the difference). Relative lifts where every part has one, except
NPS, which reads in points everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from personalroi.audit.metric_row import MetricRow
from personalroi.audit.metrics import metric_rows
from personalroi.stats.comparison import Interval
from personalroi.stats.heterogeneity import cochran_q

if TYPE_CHECKING:
    from personalroi.config.model import MetricConfig
    from personalroi.data.trend import TrendStats


@dataclass(frozen=True)
class Part:
    lift: float | None
    ci: Interval | None
    units: int  # in both arms


@dataclass(frozen=True)
class SplitLift:
    """One metric x arm: lift over all units and in each group, and the test of a difference."""

    metric: str
    arm: str
    scale: str  # relative | absolute
    lift_all: float | None
    first: Part
    second: Part
    p_value: float | None


def _by_key(rows: list[MetricRow]) -> dict[tuple[str, str], MetricRow]:
    return {(r.metric, r.arm): r for r in rows}


def _part(row: MetricRow | None, scale: str) -> Part:
    if row is None:
        return Part(None, None, 0)
    c = row.comparison
    n = c.n_control + c.n_treatment
    if scale == "relative":
        return Part(c.relative_lift, c.relative_ci, n)
    return Part(c.absolute_lift, c.absolute_ci, n)


def _se(row: MetricRow, scale: str) -> float:
    c = row.comparison
    return (c.relative_se if scale == "relative" else c.absolute_se) or 0.0


def _rows(
    stats: TrendStats,
    metrics: Mapping[str, MetricConfig],
    column: str | None,
    level: str | None,
    control: str,
    arms: list[str],
    alpha: float,
) -> dict[tuple[str, str], MetricRow]:
    """Unadjusted rows of every unit (column None) or of one level of a split column."""
    if column is None:
        per_arm = stats.cohorts.overall
    else:
        by_level = stats.cohorts.by_dimension[column]
        per_arm = {arm: s for (arm, lv), s in by_level.items() if lv == level}
    present = [a for a in arms if a in per_arm]
    if control not in per_arm or not present:
        return {}
    analysed = {name: metrics[name] for name in stats.cohort_plan.metrics}
    return _by_key(metric_rows(analysed, per_arm, control, present, alpha, "none"))


def split_lifts(
    stats: TrendStats,
    metrics: Mapping[str, MetricConfig],
    column: str,
    levels: tuple[str, str],
    control: str,
    treatments: list[str],
    alpha: float,
) -> list[SplitLift]:
    """Per metric x arm (in the order of the all-units rows): the two groups' lifts and the
    raw p-value of their difference (None unless both groups are testable)."""
    every = _rows(stats, metrics, None, None, control, treatments, alpha)
    first = _rows(stats, metrics, column, levels[0], control, treatments, alpha)
    second = _rows(stats, metrics, column, levels[1], control, treatments, alpha)
    out = []
    for key, all_row in every.items():
        parts = [r for r in (first.get(key), second.get(key)) if r is not None]
        testable = [r for r in parts if r.comparison.p_value is not None]
        testable = [r for r in testable if r.comparison.absolute_se]
        relative = metrics[key[0]].type != "nps" and all(
            r.comparison.relative_lift is not None for r in [all_row, *parts]
        )
        scale = "relative" if relative else "absolute"
        p_value = None
        if len(testable) == 2:
            estimates = [_part(r, scale).lift or 0.0 for r in testable]
            test = cochran_q(estimates, [_se(r, scale) for r in testable])
            p_value = None if test is None else test.p_value
        out.append(
            SplitLift(
                metric=key[0],
                arm=key[1],
                scale=scale,
                lift_all=_part(all_row, scale).lift,
                first=_part(first.get(key), scale),
                second=_part(second.get(key), scale),
                p_value=p_value,
            )
        )
    return out
