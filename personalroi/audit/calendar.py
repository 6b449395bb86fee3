"""Lift with and without each `calendar` period (campaigns, holidays).

A period splits the units by their first exposure: "in" (first exposed on one of
its days) or "out". Exposure time is fixed before the arm makes any difference and
is independent of the arm, so each part is itself a randomized comparison: the
lift without the period is the experiment as if the period had not happened
(for new arrivals), and the in/out difference is tested like a two-level
heterogeneity (Cochran's Q on 1 df, i.e. a z-test of the difference of two
independent lifts). Excluding the period's events instead would cut every unit's
metric window differently and mix "fewer days" into the comparison.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from personalroi.audit.metrics import metric_rows
from personalroi.audit.result import MetricRow
from personalroi.audit.trend_result import CalendarEntry, Interval
from personalroi.config.model import Config
from personalroi.data.trend_sql import period_column
from personalroi.stats.correction import Correction, adjust
from personalroi.stats.heterogeneity import cochran_q

if TYPE_CHECKING:
    from personalroi.data.trend import TrendStats


def _by_key(rows: list[MetricRow]) -> dict[tuple[str, str], MetricRow]:
    return {(r.metric, r.arm): r for r in rows}


def _lift(row: MetricRow | None, scale: str) -> tuple[float | None, Interval | None, int]:
    """(lift, CI, units in both arms) of a row on `scale`."""
    if row is None:
        return None, None, 0
    c = row.comparison
    n = c.n_control + c.n_treatment
    if scale == "relative":
        return c.relative_lift, c.relative_ci, n
    return c.absolute_lift, c.absolute_ci, n


def _se(row: MetricRow, scale: str) -> float:
    c = row.comparison
    return (c.relative_se if scale == "relative" else c.absolute_se) or 0.0


def _rows(
    stats: TrendStats, level: str | None, period: int, control: str, arms: list[str], alpha: float
) -> dict[tuple[str, str], MetricRow]:
    cfg = stats.cohort_config
    if level is None:
        per_arm = stats.cohorts.overall
    else:
        by_level = stats.cohorts.by_dimension[period_column(period)]
        per_arm = {arm: s for (arm, lv), s in by_level.items() if lv == level}
    present = [a for a in arms if a in per_arm]
    if control not in per_arm or not present:
        return {}
    return _by_key(metric_rows(cfg.metrics, per_arm, control, present, alpha, "none"))


def calendar_entries(
    config: Config,
    stats: TrendStats,
    control: str,
    treatments: list[str],
    alpha: float,
    correction: Correction,
) -> list[CalendarEntry]:
    cfg = stats.cohort_config
    entries: list[CalendarEntry] = []
    for i, period in enumerate(config.calendar):
        every = _rows(stats, None, i, control, treatments, alpha)
        inside = _rows(stats, "in", i, control, treatments, alpha)
        outside = _rows(stats, "out", i, control, treatments, alpha)
        for key, all_row in every.items():
            parts = [r for r in (inside.get(key), outside.get(key)) if r is not None]
            testable = [r for r in parts if r.comparison.p_value is not None]
            testable = [r for r in testable if r.comparison.absolute_se]
            # NPS reads in points, as in the metric table; other lifts relative where defined.
            relative = cfg.metrics[key[0]].type != "nps" and all(
                r.comparison.relative_lift is not None for r in [all_row, *parts]
            )
            scale = "relative" if relative else "absolute"
            test = None
            if len(testable) == 2:
                estimates = [_lift(r, scale)[0] or 0.0 for r in testable]
                ses = [_se(r, scale) for r in testable]
                test = cochran_q(estimates, ses)
            lift_in, ci_in, n_in = _lift(inside.get(key), scale)
            lift_out, ci_out, n_out = _lift(outside.get(key), scale)
            entries.append(
                CalendarEntry(
                    period=period.name,
                    start=period.start.isoformat(),
                    end=period.end.isoformat(),
                    metric=key[0],
                    arm=key[1],
                    scale=scale,
                    lift_with=_lift(all_row, scale)[0],
                    lift_without=lift_out,
                    lift_without_ci=ci_out,
                    lift_in=lift_in,
                    lift_in_ci=ci_in,
                    units_in=n_in,
                    units_out=n_out,
                    p_value=None if test is None else test.p_value,
                )
            )
    adjusted = adjust([e.p_value for e in entries], correction)
    return [_adjusted(e, p_adj, alpha) for e, p_adj in zip(entries, adjusted, strict=True)]


def _adjusted(entry: CalendarEntry, p_adj: float | None, alpha: float) -> CalendarEntry:
    differs = p_adj is not None and p_adj < alpha
    entry = replace(entry, p_value_adjusted=p_adj, differs=differs)
    return replace(entry, finding=_finding(entry) if differs else None)


def _finding(e: CalendarEntry) -> str:
    fmt = (lambda x: f"{x:+.1%}") if e.scale == "relative" else (lambda x: f"{x:+.4g}")
    return (
        f"the {e.scale} lift of {e.metric} in {e.arm} differs for units first exposed "
        f"during {e.period} ({e.start} to {e.end}): {fmt(e.lift_in)} in it, "
        f"{fmt(e.lift_without)} without it (adjusted p = {e.p_value_adjusted:.2g})"
    )
