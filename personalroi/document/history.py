"""One recorded audit as `history list --format json` prints it and the HTML trend reads it."""

from __future__ import annotations

from typing_extensions import TypedDict


class HistoryEntryJson(TypedDict):
    id: int
    recorded_at: str
    experiment: str
    config_hash: str | None
    data_fingerprint: str | None
    score: float | None
    passed: bool | None
    # The best arm's ROI when the audit was recorded, and that arm.
    roi: float | None
    roi_arm: str | None
    # Per metric and arm: the metric status recorded with the audit.
    verdicts: dict[str, dict[str, str]]


class MetricChangeJson(TypedDict):
    """One top-level metric and arm in two audits (None where an audit lacks it)."""

    metric: str
    arm: str
    # How to read the lift: NPS in points (absolute), every other type relative.
    type: str | None
    status_a: str | None
    status_b: str | None
    relative_lift_a: float | None
    relative_lift_b: float | None
    absolute_lift_a: float | None
    absolute_lift_b: float | None
    changed: bool


class AuditDiffJson(TypedDict):
    """What changed between two audits (`history diff`; its JSON adds the two ids)."""

    config_changed: bool
    data_changed: bool
    score_a: float | None
    score_b: float | None
    roi_a: float | None
    roi_b: float | None
    metrics: list[MetricChangeJson]
