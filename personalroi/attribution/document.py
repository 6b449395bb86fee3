"""The document of `personalroi attribute --format json` (SPEC section 3) as types.

Built in journeys.py (`attribution_document`), rendered by report/attribution_table.py
and report/attribution_export.py; it lives here, beside its producer, because
attribution/ sits under report/ and may not import it (report/document/attribution.py
re-exports it with the audit's `attribution` section).
"""

from __future__ import annotations

from typing_extensions import TypedDict

from personalroi.attribution.credits import Credits


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


def credits_json(credits: Credits) -> CreditsJson:
    """`Credits.as_dict()` as the document's type (same keys, same order)."""
    found = credits.as_dict()
    return {"channels": found["channels"], "personalized": found["personalized"]}
