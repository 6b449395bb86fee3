"""The one-line verdict every human-facing format opens with, read from the result dict.

The `roi`, `scorecard`, `gaps` and `priorities` sections (SPEC section 5) are
optional here: a result without them still gets a verdict from its metrics.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from personalroi.audit.gates import gate_failures
from personalroi.report import numbers

Tone = Literal["pass", "fail", "neutral"]


@dataclass(frozen=True)
class Headline:
    tone: Tone
    verdict: str
    details: tuple[str, ...]


def top_rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Metric rows for the whole population (no dimension breakdown)."""
    return [r for r in result.get("metrics", []) if r.get("dimension") is None]


def best_roi(result: dict[str, Any]) -> dict[str, Any] | None:
    rows = [r for r in result.get("roi") or [] if r.get("roi") is not None]
    return max(rows, key=lambda r: r["roi"]) if rows else None


def roi_sentence(row: dict[str, Any]) -> str:
    text = f"ROI of {row['arm']}: {numbers.pct(row.get('roi'))}"
    if row.get("roi_ci"):
        text += f" {numbers.interval(row['roi_ci'])}"
    if row.get("probability_roi_positive") is not None:
        text += f", P(ROI > 0) = {numbers.pct(row['probability_roi_positive'], signed=False)}"
    return text


def headline(result: dict[str, Any]) -> Headline:
    failures = gate_failures(result, fail_under=None, strict=False)
    rows = top_rows(result)
    better = sum(
        bool(r.get("significant")) and r.get("status") in ("met", "on track") for r in rows
    )
    harmful = sum(r.get("status") == "harmful" for r in rows)
    details = [
        f"{better} of {len(rows)} metric comparisons significantly better, {harmful} harmful"
    ]
    best = best_roi(result)
    if best is not None:
        details.insert(0, roi_sentence(best))
    scorecard = result.get("scorecard")
    if failures:
        return Headline("fail", "FAIL: " + "; ".join(failures), tuple(details))
    if scorecard is not None:
        verdict = f"PASS: score {scorecard['score']:.1f} of 100" + (
            f" (pass mark {scorecard['pass_score']:g})" if scorecard.get("pass_score") else ""
        )
        return Headline("pass", verdict, tuple(details))
    if harmful:
        return Headline(
            "fail", f"{harmful} metric comparison(s) significantly harmed", tuple(details)
        )
    if better:
        verdict = f"Significant gains in {better} of {len(rows)} metric comparisons"
        return Headline("pass", verdict, tuple(details))
    return Headline("neutral", "No significant difference yet", tuple(details))
