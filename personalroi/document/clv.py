"""The `clv` section of the JSON result (lifetime value by arm), which is also the whole
document `personalroi clv --format json` prints (SPEC section 3).

Written by `clean` from `personalroi.clv.document.ClvDocument`: each TypedDict here is one
of its frozen dataclasses, field for field. In the audit's section the arms carry no own
fits and no holdout check (`bgnbd`, `gamma_gamma` and `holdout` are null); the command
fills them. `pooled`, the comparisons' `better` and `reading`, and `warning_phrases` were
added after the first CLV document, so results saved before them lack them.
"""

from __future__ import annotations

from typing_extensions import NotRequired, TypedDict

from personalroi.document.core import ComparisonJson, PhraseJson


class BgNbdJson(TypedDict):
    """Fitted BG/NBD parameters (`clv.bgnbd.BgNbd`): purchase rate shape r and scale
    alpha, drop-out Beta a and b. Always finite: the fit keeps log parameters in a box."""

    r: float
    alpha: float
    a: float
    b: float


class GammaGammaJson(TypedDict):
    """Fitted Gamma-Gamma spend parameters (`clv.gamma_gamma.GammaGamma`)."""

    p: float
    q: float
    v: float


class PooledFitsJson(TypedDict):
    """The fit on all arms with the control arm's scales; null where it failed."""

    bgnbd: BgNbdJson | None
    gamma_gamma: GammaGammaJson | None


class HoldoutCheckJson(TypedDict):
    """An arm's model fitted up to `calibration_end` against the repeat purchases after it."""

    calibration_end: str
    predicted_repeat_purchases: float
    actual_repeat_purchases: float
    relative_error: float | None
    ok: bool


class ArmClvJson(TypedDict):
    """One arm's purchase history, its own fits (null: too few repeat buyers, or the
    audit's section) and the forecast over the horizon."""

    arm: str
    units: int
    customers: int
    repeat_rate: float | None
    purchase_frequency: float | None
    mean_days_between_purchases: float | None
    categories_per_customer: float | None  # null without clv.category
    revenue_per_customer: float | None
    historical_clv_per_unit: float | None
    bgnbd: BgNbdJson | None
    gamma_gamma: GammaGammaJson | None
    expected_purchases: float | None
    expected_clv: float | None
    expected_clv_per_unit: float | None
    holdout: HoldoutCheckJson | None
    problem: str | None


class ClvComparisonJson(ComparisonJson):
    """One CLV measure of one arm against control (lifts are treatment minus control)."""

    metric: str
    arm: str
    method: str
    code: str
    explanation: str | None
    better: NotRequired[str]  # "higher" or "lower"
    # "better", "worse", "no significant difference" or "not tested"
    reading: NotRequired[str]


class ClvJson(TypedDict):
    """The audit's `clv` section and the `personalroi clv --format json` document."""

    schema_version: int
    time_unit: str
    pooled: NotRequired[PooledFitsJson]
    horizon_months: int
    horizon_time_units: float
    observation_end: str
    control: str | None  # null when the units have no control arm (nothing is compared)
    arms: list[ArmClvJson]
    comparisons: list[ClvComparisonJson]
    warnings: list[str]
    # `warnings` as catalogue phrases, element for element.
    warning_phrases: NotRequired[list[PhraseJson]]
