"""The `trend` section as frozen dataclasses, built once in `trend.py` and `calendar.py`.

Field names and their order are the JSON keys of the section: the JSON encoder writes
a dataclass field by field, so renaming or reordering a field changes the document.
"""

from __future__ import annotations

from dataclasses import dataclass

from personalroi.audit.metric_row import MetricRow
from personalroi.stats.comparison import Interval


@dataclass(frozen=True)
class WeekLift:
    """One metric x arm lift in one week (since first exposure, or calendar week)."""

    metric: str
    arm: str
    week: int | str
    n_control: int
    n_treatment: int
    control_value: float | None
    treatment_value: float | None
    absolute_lift: float | None
    absolute_ci: Interval | None
    relative_lift: float | None
    relative_ci: Interval | None
    p_value: float | None
    code: str
    type: str  # the metric's type: NPS weeks read in points

    @classmethod
    def of(cls, row: MetricRow, week: int | str) -> WeekLift:
        c = row.comparison
        return cls(row.metric, row.arm, week, c.n_control, c.n_treatment, c.control_value,
                   c.treatment_value, c.absolute_lift, c.absolute_ci, c.relative_lift,
                   c.relative_ci, c.p_value, c.code, row.type)  # fmt: skip


@dataclass(frozen=True)
class NoveltyEntry:
    """The slope of the weekly lift; the last four fields are set once the family is adjusted."""

    metric: str
    arm: str
    better: str
    scale: str  # relative | absolute
    weeks: int
    lift_week_0: float
    slope: float
    slope_se: float
    slope_ci: Interval
    p_value: float
    p_value_adjusted: float | None = None
    drifts: bool = False
    novelty: bool = False
    finding: str | None = None


@dataclass(frozen=True)
class CalendarEntry:
    """Lift with and without one calendar period; the last three fields are set once the
    family is adjusted."""

    period: str
    start: str
    end: str
    metric: str
    arm: str
    scale: str  # relative | absolute
    lift_with: float | None
    lift_without: float | None
    lift_without_ci: Interval | None
    lift_in: float | None
    lift_in_ci: Interval | None
    units_in: int
    units_out: int
    p_value: float | None
    p_value_adjusted: float | None = None
    differs: bool = False
    finding: str | None = None


@dataclass(frozen=True)
class TrendSection:
    observation_end: str | None
    weekly_metrics: tuple[str, ...]
    by_exposure_week: tuple[WeekLift, ...]
    by_calendar_week: tuple[WeekLift, ...]
    novelty: tuple[NoveltyEntry, ...]
    calendar: tuple[CalendarEntry, ...]
