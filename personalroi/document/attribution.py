"""The `attribution` section of the JSON result (SPEC section 7.5), and the document of
`personalroi attribute --format json` (SPEC section 3), built in attribution/journeys.py.

The section is written by `attribution/section.py` from the dataclasses of
`attribution/result.py`, field by field; the phrases were added after the section, so
results saved before them lack those two keys.
"""

from __future__ import annotations

from typing_extensions import NotRequired, TypedDict

from personalroi.document.core import IntervalJson, PhraseJson


class CreditsJson(TypedDict):
    """One model's credits: per channel (largest first) and per personalized flag."""

    channels: dict[str, float]
    personalized: dict[str, float]  # "true" | "false" -> credited value


class AttributeJson(TypedDict):
    schema_version: int
    models: dict[str, CreditsJson]  # the six models, in credits.MODELS order
    total_value: float
    conversions: int
    non_converting_paths: int
    half_life_days: float


class ArmAttributionJson(TypedDict):
    """One arm's converted value and what each model credits to channels and to
    personalized touches (keys of the three maps: the model names)."""

    conversions: int
    total_value: float
    models: dict[str, dict[str, float]]  # model -> channel -> credited value
    personalized: dict[str, float]  # model -> value credited to personalized touches
    personalized_share: dict[str, float | None]  # null: the arm converted nothing


class ShareComparisonJson(TypedDict):
    """A treatment's personalized share against control's under one model; Markov rows
    have the difference only (no interval, no p)."""

    arm: str
    model: str
    control_share: float | None
    treatment_share: float | None
    absolute_lift: float | None
    absolute_ci: IntervalJson | None
    p_value: float | None
    p_value_adjusted: float | None
    significant: bool
    method: str
    code: str


class AttributionJson(TypedDict):
    half_life_days: float
    models: list[str]
    by_arm: dict[str, ArmAttributionJson]  # control first, then the treatments
    comparison: list[ShareComparisonJson]
    findings: list[str]  # one per treatment, English
    not_in_roi: str
    finding_phrases: NotRequired[list[PhraseJson]]
    not_in_roi_phrase: NotRequired[PhraseJson | None]
