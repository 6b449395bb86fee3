"""The money sections of the JSON result: `roi` and `roi_by_level` (SPEC 5, 7.2).

Written by `json_format.clean` from `audit/roi_section.py`'s `RoiEntry` (with
`RevenueBreakdown`, `HeavyTailMoney`, `roi/sensitivity.py`'s `SensitivityRow`,
`roi/joint.py`'s `LiftCorrelation` and `roi/money.py`'s `Effort`) and from
`audit/roi_levels.py`'s `LevelRoi`. The keys of SPEC 5's `roi` element are required;
every key added to it later is `NotRequired` (results saved before it lack it). An
object added later has all its own keys: it was written whole from the start.
"""

from __future__ import annotations

from typing_extensions import NotRequired, TypedDict

from personalroi.document.core import FiniteIntervalJson, PhraseJson


class RevenueBreakdownJson(TypedDict):
    """The revenue lift over the horizon split into its parts (they sum to it)."""

    conversion: float
    order_value: float
    clv: float


class SensitivityJson(TypedDict):
    """One money assumption at its low and high value; `range_from` is "config" (a
    range written there) or "default" (the point value -+ `economics.sensitivity`)."""

    assumption: str
    low: float
    high: float
    roi_low: float | None
    roi_high: float | None
    npv_low: float
    npv_high: float
    range_from: str


class LiftCorrelationJson(TypedDict):
    """The lift estimators' correlations the ROI interval used; null where not estimable."""

    conversion_revenue: float | None
    revenue_clv: float | None
    conversion_clv: float | None


class EffortJson(TypedDict):
    """The part of the investment given as time, and its price."""

    hours: float
    fte_months: float
    cost: float


class HeavyTailJson(TypedDict):
    """The ROI if the top 0.1 % of units were capped, when they decide the revenue lift."""

    metric: str
    lift: float
    capped_lift: float
    roi: float
    capped_roi: float | None


class RoiJson(TypedDict):
    """One treatment arm's money over the horizon (SPEC 5 and 7.2). Without a lift to
    price, the money figures are null; without costs, `undefined_reason` says why ROI,
    payback and break-even are."""

    arm: str
    currency: str
    basis: str
    investment: float
    incremental_revenue: float | None
    revenue_lift: float | None
    revenue_lift_breakdown: RevenueBreakdownJson | None
    cost_savings: float
    benefit_cost_ratio: float | None
    roi: float | None
    roi_ci: FiniteIntervalJson | None
    probability_roi_positive: float | None
    payback_months: float | None
    npv: float | None
    break_even_relative_lift: float | None
    payback_within_horizon: NotRequired[bool]
    investment_by_category: NotRequired[dict[str, float]]
    savings_by_category: NotRequired[dict[str, float]]
    components: NotRequired[list[str]]
    revenue_metric: NotRequired[str | None]
    decomposition: NotRequired[str | None]
    horizon_months: NotRequired[int]
    eligible_units_per_month: NotRequired[float]
    discount_rate: NotRequired[float | None]
    roi_method: NotRequired[str | None]
    roi_se: NotRequired[float | None]
    units_to_prove: NotRequired[int | None]
    uncertainty_shares: NotRequired[dict[str, float] | None]
    sensitivity: NotRequired[list[SensitivityJson]]
    uncertainty_driver: NotRequired[str | None]
    lift_correlation: NotRequired[LiftCorrelationJson | None]
    undefined_reason: NotRequired[str | None]
    effort: NotRequired[EffortJson | None]
    heavy_tail: NotRequired[HeavyTailJson | None]
    uncertainty_driver_phrase: NotRequired[PhraseJson | None]


class LevelRoiJson(TypedDict):
    """One arm rolled out to one level of one dimension (SPEC 7.2, plus what the ROI was
    computed from: the level's eligible units, the investment and the revenue lift)."""

    arm: str
    dimension: str
    level: str
    eligible_share: float
    roi: float | None
    roi_ci: FiniteIntervalJson | None
    probability_roi_positive: float | None
    eligible_units_per_month: float
    investment: float
    revenue_lift: float | None
