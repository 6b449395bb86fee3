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
