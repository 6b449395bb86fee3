"""The sections every audit result has: experiment, verdict, summary, data quality,
metrics, scorecard, gaps, priorities, and the breakdowns beside the metrics."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, TypeAlias

from annotated_types import Len
from typing_extensions import NotRequired, TypedDict

if TYPE_CHECKING:

    class PhraseJson(TypedDict):
        """A catalogue key and its parameters (`i18n/phrase.py`), rendered in any language:
        text, numbers, null, phrases or lists of phrases."""

        key: str
        params: NotRequired[dict[str, object]]

else:
    # Not checked when a result is read back: a stored phrase that is not one renders as
    # the stored English text beside it (`i18n.say`), as it always has.
    PhraseJson = object


# An interval [low, high] (a CI); a bound the audit could not compute is null. Exactly two
# numbers: a renderer reads both ends.
IntervalJson: TypeAlias = Annotated[list[float | None], Len(2, 2)]
# An interval whose ends are always finite numbers.
FiniteIntervalJson: TypeAlias = Annotated[list[float], Len(2, 2)]


class ToolJson(TypedDict):
    name: str
    version: str


class SequentialJson(TypedDict):
    tuning: int


class ExperimentJson(TypedDict):
    name: str
    control: str
    treatments: list[str]
    alpha: float
    correction: NotRequired[str]
    hypothesis: NotRequired[str | None]
    sequential: NotRequired[SequentialJson | None]


class ReasonJson(TypedDict):
    kind: str
    text: str
    metric: NotRequired[str | None]
    arm: NotRequired[str | None]
    dimension: NotRequired[str | None]
    level: NotRequired[str | None]
    lift: NotRequired[str | None]
    phrase: NotRequired[PhraseJson | None]


class VerdictJson(TypedDict):
    status: str
    headline: str
    reasons: list[ReasonJson]
    arm: NotRequired[str | None]
    headline_phrase: NotRequired[PhraseJson | None]


class SummaryJson(TypedDict):
    tested: str
    worth: str | None
    harmed: str | None
    next_step: str
    data_needed: str | None
    phrases: NotRequired[dict[str, PhraseJson]]


class SrmJson(TypedDict):
    p_value: float | None
    ok: bool
    observed: dict[str, int]
    expected_share: dict[str, float]


class CheckJson(TypedDict):
    name: str
    status: str
    detail: str
    phrase: NotRequired[PhraseJson | None]


class DataQualityJson(TypedDict):
    srm: SrmJson
    units_per_arm: NotRequired[dict[str, int]]
    checks: list[CheckJson]


class NonInferiorityJson(TypedDict):
    cutoff: float
    worst_case: float | None
    passed: bool


class ComparisonJson(TypedDict):
    """The keys every tested row shares, whatever it tests (`stats.comparison.
    comparison_fields`): lifts are treatment minus control (relative: over control)."""

    n_control: int
    n_treatment: int
    control_value: float | None
    treatment_value: float | None
    absolute_lift: float | None
    absolute_ci: IntervalJson | None
    relative_lift: float | None
    relative_ci: IntervalJson | None
    p_value: float | None


class MetricJson(ComparisonJson):
    """One metric of one arm against control; a dimension level's row when `dimension`
    and `level` are set."""

    metric: str
    type: str
    arm: str
    dimension: str | None
    level: str | None
    p_value_adjusted: float | None
    significant: bool
    chance_to_beat_control: float | None
    method: str
    variance_reduction: NotRequired[float | None]
    goal: dict[str, float] | None
    status: str
    better: NotRequired[str]
    guardrail: NotRequired[bool]
    non_inferiority: NotRequired[NonInferiorityJson | None]
    code: NotRequired[str]
    explanation: NotRequired[str | None]


class ScoreItemJson(TypedDict):
    name: str
    arm: str
    weight: float
    goal: float
    achieved: float | None
    attainment: float
    status: str
    significant: NotRequired[bool]
    kind: NotRequired[str]
    goal_type: NotRequired[str]


class ScorecardJson(TypedDict):
    score: float
    pass_score: float | None
    passed: bool | None
    arm_scores: NotRequired[dict[str, float | None]]
    items: list[ScoreItemJson]


class GapJson(TypedDict):
    """A missed goal or a missing part of the measurement practice; `kind` says which
    of the optional keys it has (goal: the lift and units needed; harm and
    heterogeneity: where)."""

    area: str
    severity: str
    finding: str
    recommendation: str
    kind: NotRequired[str]
    metric: NotRequired[str]
    arm: NotRequired[str]
    dimension: NotRequired[str | None]
    level: NotRequired[str | None]
    goal: NotRequired[float]
    achieved: NotRequired[float | None]
    shortfall: NotRequired[float | None]
    units_per_arm_needed: NotRequired[int | None]
    additional_units_per_arm: NotRequired[int | None]
    finding_phrase: NotRequired[PhraseJson]
    recommendation_phrase: NotRequired[PhraseJson]


class LevelValueJson(TypedDict):
    """The ROI of rolling an arm out to one dimension level only."""

    dimension: str
    level: str
    eligible_share: float
    roi: float | None
    probability_roi_positive: float | None


class IncrementJson(TypedDict):
    over: str
    components: list[str]
    benefit: float | None
    investment: float
    roi: float | None


class PriorityJson(TypedDict):
    arm: str
    rank: int
    roi: float | None
    investment: float
    benefit: NotRequired[float | None]
    probability_roi_positive: NotRequired[float | None]
    components: NotRequired[list[str]]
    increment: NotRequired[IncrementJson | None]
    recommendation: NotRequired[str]
    flag: NotRequired[str | None]
    targeted_rollout: NotRequired[list[LevelValueJson]]
    recommendation_phrase: NotRequired[PhraseJson | None]
    flag_phrase: NotRequired[PhraseJson | None]


class HeterogeneityJson(TypedDict):
    """Whether an arm's lift differs between a dimension's levels (Cochran's Q)."""

    metric: str
    arm: str
    dimension: str
    scale: str
    levels: dict[str, float | None]
    q: float | None
    df: int
    p_value: float | None
    i_squared: float | None
    simpson: bool
    p_value_adjusted: float | None
    heterogeneous: bool
    worst_level: str
    worst_lift: str
    worst_level_harmed: bool
    finding: str | None
    finding_phrase: NotRequired[PhraseJson | None]


class BaselineJson(TypedDict):
    """A covariate's pre-period level against the test period, per arm."""

    metric: str
    covariate: str
    arm: str
    units: int
    before: float | None
    after: float | None
    change: float | None
    before_vs_control: NotRequired[float | None]


class ProvenanceJson(TypedDict):
    config_hash: str
    data_fingerprint: str
