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
