"""The `trend` section of the JSON result (lift by exposure and calendar week, novelty).

Written from `audit/trend_result.py`'s `TrendSection` (one key per dataclass field).
Every key has been in the section since it was added, except a week's `type`.
"""

from __future__ import annotations

from typing_extensions import NotRequired, TypedDict

from personalroi.document.core import ComparisonJson, FiniteIntervalJson, IntervalJson


class WeekLiftJson(ComparisonJson):
    """The keys a week's lift has in both lists (`WeekLift`); the two lists differ in
    what `week` is, see `ExposureWeekJson` and `CalendarWeekJson`. Weekly rows are
    descriptive: raw p-values, no family adjustment."""

    metric: str
    arm: str
    code: str
    # The metric's type (NPS weeks read in points); results saved before it lack it.
    type: NotRequired[str]


class ExposureWeekJson(WeekLiftJson):
    """One element of `by_exposure_week`."""

    week: int  # weeks since the unit's first exposure, from 0


class CalendarWeekJson(WeekLiftJson):
    """One element of `by_calendar_week`."""

    week: str  # the Monday of the week of first exposure, YYYY-MM-DD


class NoveltyJson(TypedDict):
    """The weighted slope of one metric x arm's weekly lift (`NoveltyEntry`), adjusted
    across the list; `finding` is set when the slope is significant."""

    metric: str
    arm: str
    better: str
    scale: str  # relative | absolute
    weeks: int
    lift_week_0: float
    slope: float
    slope_se: float
    slope_ci: FiniteIntervalJson
    p_value: float
    p_value_adjusted: float | None
    drifts: bool
    novelty: bool
    finding: str | None


class CalendarPeriodJson(TypedDict):
    """Lift with and without units first exposed during one calendar period
    (`CalendarEntry`); one element of `calendar`."""

    period: str
    start: str
    end: str
    metric: str
    arm: str
    scale: str  # relative | absolute
    lift_with: float | None
    lift_without: float | None
    lift_without_ci: IntervalJson | None
    lift_in: float | None
    lift_in_ci: IntervalJson | None
    units_in: int
    units_out: int
    p_value: float | None
    p_value_adjusted: float | None
    differs: bool
    finding: str | None


class TrendJson(TypedDict):
    # The configured end (exclusive), ISO date-time; null without experiment.end.
    observation_end: str | None
    weekly_metrics: list[str]
    by_exposure_week: list[ExposureWeekJson]
    by_calendar_week: list[CalendarWeekJson]
    novelty: list[NoveltyJson]
    calendar: list[CalendarPeriodJson]
