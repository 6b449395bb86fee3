"""How every human-facing format shows the verdict: headline, tone, the score line.

The decision itself is made once, in the audit layer (`audit/verdict.py`); this
module only reads it from the JSON-shaped result, so saved results render the same.
"""

from __future__ import annotations

from typing import Any, Literal

from personalroi.i18n import say, t

Tone = Literal["pass", "fail", "neutral"]
TONE: dict[str, Tone] = {"pays": "pass", "harmful": "fail", "does_not_pay": "fail"}
SUMMARY_KEYS = ("tested", "worth", "harmed", "next_step", "data_needed")


def older_result() -> str:
    return t("verdict.older_result")


def headline(result: dict[str, Any]) -> str:
    """The stored phrase in the report language; the English text of a result saved
    before phrases were stored."""
    verdict = result.get("verdict")
    if not verdict:
        return older_result()
    return say(verdict.get("headline_phrase"), verdict["headline"])


def reason_text(reason: dict[str, Any]) -> str:
    return say(reason.get("phrase"), str(reason.get("text") or ""))


def gap_finding(gap: dict[str, Any]) -> str:
    return say(gap.get("finding_phrase"), str(gap.get("finding") or ""))


def gap_recommendation(gap: dict[str, Any]) -> str:
    return say(gap.get("recommendation_phrase"), str(gap.get("recommendation") or ""))


def summary_items(result: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, sentence) of each summary sentence the result has, in the report language."""
    given = result.get("summary") or {}
    phrases = given.get("phrases") or {}
    return [
        (t(f"summary.label.{key}"), say(phrases.get(key), str(given[key])))
        for key in SUMMARY_KEYS
        if given.get(key)
    ]


def status(result: dict[str, Any]) -> str | None:
    verdict = result.get("verdict")
    return verdict["status"] if verdict else None


def tone(result: dict[str, Any]) -> Tone:
    """Green only for `pays`; red for harm and loss; everything else neutral."""
    return TONE.get(status(result) or "", "neutral")


def reasons(result: dict[str, Any]) -> list[str]:
    """The reasons other than the money sentence, which the headline already says."""
    verdict = result.get("verdict") or {}
    return [reason_text(r) for r in verdict.get("reasons", []) if r["kind"] != "roi"]


def score_line(result: dict[str, Any]) -> str | None:
    """'Scorecard 36/100, pass mark 20: PASS'; without a pass mark the score gates nothing."""
    card = result.get("scorecard")
    if not card:
        return None
    score = card["score"]
    if card.get("pass_score") is None:
        return t("score.no_mark", score=score)
    mark = t("score.pass" if card["passed"] else "score.fail")
    return t("score.line", score=score, mark=card["pass_score"], outcome=mark)


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
