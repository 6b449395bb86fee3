"""The `engagement` section as frozen dataclasses, built once in `section.py`.

Field names and their order are the JSON keys of the section (docs/engagement.md):
the JSON encoder writes a dataclass field by field, so renaming or reordering a field
here changes the result document.
"""

from __future__ import annotations

from dataclasses import dataclass

from personalroi.i18n.phrase import Phrase
from personalroi.stats.comparison import Comparison, Interval


@dataclass(frozen=True)
class TimeCorrelation:
    """Pearson's r between time on site and conversion in one arm."""

    arm: str
    n: int
    r: float | None
    ci: Interval | None
    p_value: float | None


@dataclass(frozen=True)
class TimeWindow:
    window: int
    low: float
    high: float
    units: int
    conversions: int
    rate: float | None
    ci: Interval | None


@dataclass(frozen=True)
class ArmBestWindow:
    arm: str
    best_window: int | None
    rate: float | None
    ci: Interval | None
    units: int | None


@dataclass(frozen=True)
class SegmentWindows:
    """Windows pooled over arms for one segment (None: all units), and each arm's best."""

    segment: str | None
    windows: tuple[TimeWindow, ...]
    best_window: int | None
    chi2: float | None
    df: int | None
    p_value: float | None
    by_arm: tuple[ArmBestWindow, ...]


@dataclass(frozen=True)
class TimeOnSite:
    correlation: tuple[TimeCorrelation, ...]
    window_edges: tuple[float, ...]
    window_method: str
    segments: tuple[SegmentWindows, ...]


@dataclass(frozen=True)
class PagesWindows:
    """Quantile windows of a visitor's pages per session, as `TimeOnSite` has for time."""

    window_edges: tuple[float, ...]
    window_method: str
    segments: tuple[SegmentWindows, ...]


@dataclass(frozen=True)
class Lift:
    """The comparison fields every metric row shares (`comparison_fields`), on their own."""

    n_control: int
    n_treatment: int
    control_value: float | None
    treatment_value: float | None
    absolute_lift: float | None
    absolute_ci: Interval | None
    relative_lift: float | None
    relative_ci: Interval | None
    p_value: float | None

    @classmethod
    def of(cls, c: Comparison) -> Lift:
        return cls(c.n_control, c.n_treatment, c.control_value, c.treatment_value,
                   c.absolute_lift, c.absolute_ci, c.relative_lift, c.relative_ci,
                   c.p_value)  # fmt: skip


@dataclass(frozen=True)
class PagesTest:
    chi2: float | None
    df: int | None
    p_value: float | None
    mean_lift: Lift


@dataclass(frozen=True)
class PagesEntry:
    arm: str
    sessions: int
    counts: dict[str, int]  # keyed by page bin
    shares: dict[str, float | None]
    mean: float
    vs_control: PagesTest | None  # None for control


@dataclass(frozen=True)
class TestedRow:
    """Fields shared by the bounce, CTR and click rows (`bounce_ctr.py`).

    Each subclass ends with `p_value_adjusted` and `significant`, after its own fields
    as in the JSON; they stay unset until `section.py` adjusts the rows as one family.
    """

    arm: str
    segment: str | None
    n_control: int
    n_treatment: int
    control_value: float | None
    treatment_value: float | None
    absolute_lift: float | None
    absolute_ci: Interval | None
    relative_lift: float | None
    relative_ci: Interval | None
    p_value: float | None
    method: str
    code: str
    absolute_se: float | None


def tested_fields(arm: str, segment: str | None, c: Comparison) -> TestedRow:
    """The shared fields of a row; a subclass is built with `**vars(tested_fields(...))`."""
    return TestedRow(arm, segment, c.n_control, c.n_treatment, c.control_value,
                     c.treatment_value, c.absolute_lift, c.absolute_ci, c.relative_lift,
                     c.relative_ci, c.p_value, c.method, c.code, c.absolute_se)  # fmt: skip


@dataclass(frozen=True)
class BounceRow(TestedRow):
    """Bounce rate vs control, and what the prevented bounces are worth."""

    sessions_per_unit: float
    prevented_per_unit: float | None
    prevented_per_month: float | None
    # The value of an engaged session in control; None without `engagement.value`.
    conversion_rate_engaged: float | None
    aov: float | None
    value_per_engaged_session: float | None
    value_per_month: float | None
    value_per_month_ci: Interval | None
    p_value_adjusted: float | None = None
    significant: bool = False


@dataclass(frozen=True)
class CtrRow(TestedRow):
    """CTR of the arm's personalized elements vs control's default elements."""

    impressions_control: float
    impressions_treatment: float
    default_ctr_in_arm: float | None
    p_value_adjusted: float | None = None
    significant: bool = False


@dataclass(frozen=True)
class ClickRow(TestedRow):
    """Conversion of clickers vs visitors who saw an element and did not click."""

    observational: bool
    p_value_adjusted: float | None = None
    significant: bool = False


@dataclass(frozen=True)
class ConfusionRow:
    """Does an arm raise a visit measure while the longer visits convert less?

    `engagement`: the arm's mean of the measure vs control's. `long_conversion`: the
    conversion rate of visitors above the measure's pooled median (`threshold`), arm vs
    control. `confusion` when the measure rises significantly (raw alpha) and that
    conversion falls significantly after adjustment over every confusion row.
    """

    arm: str
    segment: str | None
    measure: str  # time_on_site | pages_per_session
    threshold: float
    engagement: Lift
    engagement_method: str
    long_conversion: Lift
    long_conversion_method: str
    p_value_adjusted: float | None = None
    significant: bool = False
    confusion: bool = False


@dataclass(frozen=True)
class EngagementSection:
    segment_dimension: str | None
    currency: str
    time_on_site: TimeOnSite | None
    pages: tuple[PagesEntry, ...] | None
    bounce: tuple[BounceRow, ...] | None
    ctr: tuple[CtrRow, ...] | None
    clicks_to_conversion: tuple[ClickRow, ...] | None
    findings: tuple[str, ...]
    # Added after the first release: appended so the earlier keys keep their order.
    pages_windows: PagesWindows | None = None
    confusion: tuple[ConfusionRow, ...] | None = None
    # `findings` as catalogue phrases, for reports in other languages.
    finding_phrases: tuple[Phrase, ...] = ()
