"""The `engagement` section of the JSON result (docs/engagement.md).

Written from `engagement/result.py`'s `EngagementSection` (one key per dataclass field).
`pages_windows`, `confusion` and `finding_phrases` came after the first release, and a
bounce row's engaged-session value was omitted without `engagement.value` before it was
written as null: results saved by those versions lack them.
"""

from __future__ import annotations

from typing_extensions import NotRequired, TypedDict

from personalroi.document.core import (
    ComparisonJson,
    FiniteIntervalJson,
    IntervalJson,
    PhraseJson,
)


class TimeCorrelationJson(TypedDict):
    """Pearson's r between time on site and conversion in one arm; r, ci and p_value are
    null together (fewer than 4 visitors with a session, or a constant value)."""

    arm: str
    n: int
    r: float | None
    ci: FiniteIntervalJson | None
    p_value: float | None


class TimeWindowJson(TypedDict):
    """One quantile window of a measure, all arms pooled (or one arm's, in `by_arm`)."""

    window: int
    low: float
    high: float
    units: int
    conversions: int
    rate: float | None  # null for a window without units
    ci: FiniteIntervalJson | None  # Wilson; null for a window without units


class ArmBestWindowJson(TypedDict):
    """One arm's best window; every value null when no window has enough units."""

    arm: str
    best_window: int | None
    rate: float | None
    ci: FiniteIntervalJson | None
    units: int | None


class SegmentWindowsJson(TypedDict):
    """The windows of one segment (null: all units), and the chi-square across them."""

    segment: str | None
    windows: list[TimeWindowJson]
    best_window: int | None
    chi2: float | None
    df: int | None
    p_value: float | None
    by_arm: list[ArmBestWindowJson]


class TimeOnSiteJson(TypedDict):
    correlation: list[TimeCorrelationJson]
    window_edges: list[float]
    window_method: str
    segments: list[SegmentWindowsJson]


class PagesWindowsJson(TypedDict):
    """Windows of a visitor's pages per session, as `TimeOnSiteJson` has for time."""

    window_edges: list[float]
    window_method: str
    segments: list[SegmentWindowsJson]


class PagesTestJson(TypedDict):
    """An arm's page-bin counts and mean pages per session against control's."""

    chi2: float | None
    df: int | None
    p_value: float | None
    mean_lift: ComparisonJson


class PagesJson(TypedDict):
    """One arm's sessions by pages per session; one element of `pages`."""

    arm: str
    sessions: int
    counts: dict[str, int]  # keyed by page bin: 1, 2-3, 4-6, 7+
    shares: dict[str, float | None]
    mean: float | None  # null when the arm has no sessions
    vs_control: PagesTestJson | None  # null for control


class TestedRowJson(ComparisonJson):
    """The keys the bounce, CTR and click rows share; they are adjusted as one family."""

    arm: str
    segment: str | None  # null: all units
    method: str
    code: str
    absolute_se: float | None
    p_value_adjusted: float | None
    significant: bool


class BounceJson(TestedRowJson):
    """Bounce rate vs control, and what the prevented bounces are worth; one element of
    `bounce`. The value keys are null without `engagement.value`."""

    sessions_per_unit: float
    prevented_per_unit: float | None
    prevented_per_month: float | None
    conversion_rate_engaged: NotRequired[float | None]
    aov: NotRequired[float | None]
    value_per_engaged_session: NotRequired[float | None]
    value_per_month: float | None
    value_per_month_ci: IntervalJson | None


class CtrJson(TestedRowJson):
    """CTR of the arm's personalized elements vs control's default ones; one element of
    `ctr`."""

    impressions_control: float
    impressions_treatment: float
    default_ctr_in_arm: float | None


class ClickJson(TestedRowJson):
    """Conversion of clickers vs visitors who saw an element and did not click; one
    element of `clicks_to_conversion`."""

    observational: bool


class ConfusionJson(TypedDict):
    """Does an arm raise a visit measure while its longer visits convert less? One
    element of `confusion`."""

    arm: str
    segment: str | None
    measure: str  # time_on_site | pages_per_session
    threshold: float
    engagement: ComparisonJson
    engagement_method: str
    long_conversion: ComparisonJson
    long_conversion_method: str
    p_value_adjusted: float | None
    significant: bool
    confusion: bool


class EngagementJson(TypedDict):
    """A part the config did not ask for (or the data cannot give) is null."""

    segment_dimension: str | None
    currency: str
    time_on_site: TimeOnSiteJson | None
    pages: list[PagesJson] | None
    bounce: list[BounceJson] | None
    ctr: list[CtrJson] | None
    clicks_to_conversion: list[ClickJson] | None
    findings: list[str]
    pages_windows: NotRequired[PagesWindowsJson | None]
    confusion: NotRequired[list[ConfusionJson] | None]
    finding_phrases: NotRequired[list[PhraseJson]]  # `findings` as catalogue phrases
