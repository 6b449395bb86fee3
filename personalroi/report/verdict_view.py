"""How every human-facing format shows the verdict: headline, tone, the score line.

The decision itself is made once, in the audit layer (`audit/verdict.py`); this
module only reads it from the JSON-shaped result, so saved results render the same.
"""

from __future__ import annotations

from typing import Any, Literal

Tone = Literal["pass", "fail", "neutral"]
OLDER_RESULT = "No verdict in this result: it was saved by an older personalroi; re-run the audit."
TONE: dict[str, Tone] = {"pays": "pass", "harmful": "fail", "does_not_pay": "fail"}
SUMMARY_LABELS = (
    ("tested", "What was tested"),
    ("worth", "What it is worth"),
    ("harmed", "What was harmed"),
    ("next_step", "What to do next"),
    ("data_needed", "How much more data"),
)


def headline(result: dict[str, Any]) -> str:
    verdict = result.get("verdict")
    return verdict["headline"] if verdict else OLDER_RESULT


def status(result: dict[str, Any]) -> str | None:
    verdict = result.get("verdict")
    return verdict["status"] if verdict else None


def tone(result: dict[str, Any]) -> Tone:
    """Green only for `pays`; red for harm and loss; everything else neutral."""
    return TONE.get(status(result) or "", "neutral")


def reasons(result: dict[str, Any]) -> list[str]:
    """The reasons other than the money sentence, which the headline already says."""
    verdict = result.get("verdict") or {}
    return [r["text"] for r in verdict.get("reasons", []) if r["kind"] != "roi"]


def score_line(result: dict[str, Any]) -> str | None:
    """'Scorecard 36/100, pass mark 20: PASS'; without a pass mark the score gates nothing."""
    card = result.get("scorecard")
    if not card:
        return None
    text = f"Scorecard {card['score']:.0f}/100"
    if card.get("pass_score") is None:
        return text + " (no pass mark set)"
    return text + f", pass mark {card['pass_score']:g}: " + ("PASS" if card["passed"] else "FAIL")


def score_is_success(result: dict[str, Any]) -> bool:
    """A passed score is styled as success only when the verdict pays: never two decisions."""
    card = result.get("scorecard") or {}
    return bool(card.get("passed")) and status(result) == "pays"


def top_rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Metric rows for the whole population (no dimension breakdown)."""
    return [r for r in result.get("metrics", []) if r.get("dimension") is None]


def significant_level_rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Dimension rows significant after correction, harmed ones first."""
    rows = [r for r in result.get("metrics", []) if r.get("dimension") and r.get("significant")]
    return sorted(rows, key=lambda r: r.get("status") != "harmful")
