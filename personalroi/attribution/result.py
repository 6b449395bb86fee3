"""The audit's `attribution` section as frozen dataclasses (SPEC section 7.5).

Field names and order are the JSON keys: `attribution.by_arm.<arm>.models.<model>.
<channel>` is a credited value and `attribution.by_arm.<arm>.personalized_share.<model>`
the share of the arm's converted value credited to personalized touches.
"""

from __future__ import annotations

from dataclasses import dataclass

from personalroi.i18n.phrase import Phrase
from personalroi.stats.comparison import Interval


@dataclass(frozen=True)
class ArmAttribution:
    conversions: int
    total_value: float
    models: dict[str, dict[str, float]]  # model -> channel -> credited value
    personalized: dict[str, float]  # model -> value credited to personalized touches
    personalized_share: dict[str, float | None]  # model -> personalized / total_value


@dataclass(frozen=True)
class ShareComparison:
    """An arm's personalized share against control's under one model.

    Rule models: a difference of ratios of per-unit sums (a unit's personalized credit
    over its converted value), delta method, p adjusted over arms x rule models. Markov
    credits do not split by unit, so its row has the difference only.
    """

    arm: str
    model: str
    control_share: float | None
    treatment_share: float | None
    absolute_lift: float | None
    absolute_ci: Interval | None
    p_value: float | None
    p_value_adjusted: float | None
    significant: bool
    method: str
    code: str


@dataclass(frozen=True)
class AttributionSection:
    half_life_days: float
    models: tuple[str, ...]
    by_arm: dict[str, ArmAttribution]
    comparison: tuple[ShareComparison, ...]
    findings: tuple[str, ...]
    # Why the credits are not part of ROI; printed with the section.
    not_in_roi: str
    # `findings` and `not_in_roi` as catalogue phrases, for reports in other languages.
    finding_phrases: tuple[Phrase, ...] = ()
    not_in_roi_phrase: Phrase | None = None
