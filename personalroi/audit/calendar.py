"""Lift with and without each `calendar` period (campaigns, holidays).

A period splits the units by their first exposure: "in" (first exposed on one of
its days) or "out". Exposure time is fixed before the arm makes any difference and
is independent of the arm, so each part is itself a randomized comparison: the
lift without the period is the experiment as if the period had not happened
(for new arrivals), and the in/out difference is tested like a two-level
heterogeneity (Cochran's Q on 1 df, i.e. a z-test of the difference of two
independent lifts; audit/exposure_split.py, shared with the governance changes).
Excluding the period's events instead would cut every unit's metric window
differently and mix "fewer days" into the comparison.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from personalroi.audit.exposure_split import split_lifts
from personalroi.audit.trend_result import CalendarEntry
from personalroi.audit.wording import scaled_lift
from personalroi.config.model import Config
from personalroi.data.trend_sql import period_column
from personalroi.i18n import Phrase
from personalroi.stats.correction import Correction, adjust

if TYPE_CHECKING:
    from personalroi.data.trend import TrendStats


def calendar_entries(
    config: Config,
    stats: TrendStats,
    control: str,
    treatments: list[str],
    alpha: float,
    correction: Correction,
) -> list[CalendarEntry]:
    entries = [
        CalendarEntry(
            period=period.name,
            start=period.start.isoformat(),
            end=period.end.isoformat(),
            metric=s.metric,
            arm=s.arm,
            scale=s.scale,
            lift_with=s.lift_all,
            lift_without=s.second.lift,
            lift_without_ci=s.second.ci,
            lift_in=s.first.lift,
            lift_in_ci=s.first.ci,
            units_in=s.first.units,
            units_out=s.second.units,
            p_value=s.p_value,
        )
        for i, period in enumerate(config.calendar)
        for s in split_lifts(
            stats, config.metrics, period_column(i), ("in", "out"), control, treatments, alpha
        )
    ]
    adjusted = adjust([e.p_value for e in entries], correction)
    return [_adjusted(e, p_adj, alpha) for e, p_adj in zip(entries, adjusted, strict=True)]


def _adjusted(entry: CalendarEntry, p_adj: float | None, alpha: float) -> CalendarEntry:
    differs = p_adj is not None and p_adj < alpha
    entry = replace(entry, p_value_adjusted=p_adj, differs=differs)
    return replace(entry, finding=calendar_phrase(entry).text() if differs else None)


def calendar_phrase(e: CalendarEntry) -> Phrase:
    """How the lift of units first exposed during a period differs from the others'."""
    return Phrase.of(
        "calendar.differs",
        scale=Phrase.of(f"trend.scale.{e.scale}"),
        metric=e.metric,
        arm=e.arm,
        period=e.period,
        start=e.start,
        end=e.end,
        lift_in=scaled_lift(e.scale, e.lift_in),
        lift_without=scaled_lift(e.scale, e.lift_without),
        p=e.p_value_adjusted,
    )
