"""What a history row keeps of a result: score, best ROI and the verdict per metric and arm."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from personalroi.document import AuditJson


@dataclass(frozen=True)
class Summary:
    experiment: str
    score: float | None
    passed: bool | None
    roi: float | None
    roi_arm: str | None
    verdicts: dict[str, dict[str, str]]  # metric -> arm -> status


def summarize(result: AuditJson) -> Summary:
    verdicts: dict[str, dict[str, str]] = {}
    for row in result["metrics"]:
        if row["dimension"] is None:
            verdicts.setdefault(row["metric"], {})[row["arm"]] = row["status"]
    card = result.get("scorecard")
    rois = [(roi, r["arm"]) for r in result.get("roi") or [] if (roi := r["roi"]) is not None]
    # The first arm among equals, as max over the entries always picked.
    best = max(rois, key=lambda pair: pair[0]) if rois else None
    return Summary(
        experiment=str(result["experiment"]["name"]),
        score=card["score"] if card else None,
        passed=card["passed"] if card else None,
        roi=best[0] if best else None,
        roi_arm=best[1] if best else None,
        verdicts=verdicts,
    )


def verdict_counts(verdicts: dict[str, dict[str, str]]) -> str:
    """'3 met, 1 harmful, 5 not significant' in a fixed order."""
    order = ["met", "on track", "not significant", "missed", "harmful", "insufficient data"]
    counts: dict[str, int] = {}
    for by_arm in verdicts.values():
        for status in by_arm.values():
            counts[status] = counts.get(status, 0) + 1
    keys = [k for k in order if k in counts] + sorted(k for k in counts if k not in order)
    return ", ".join(f"{counts[k]} {k}" for k in keys)
