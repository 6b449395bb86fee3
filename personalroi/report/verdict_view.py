"""How every human-facing format shows the verdict: headline, tone, the score line.

The decision itself is made once, in the audit layer (`audit/verdict.py`); this
module only reads it from the JSON-shaped result, so saved results render the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from personalroi.i18n import say, t

if TYPE_CHECKING:
    from personalroi.document import AuditJson
    from personalroi.document.core import GapJson, MetricJson, ReasonJson

Tone = Literal["pass", "fail", "neutral"]
TONE: dict[str, Tone] = {"pays": "pass", "harmful": "fail", "does_not_pay": "fail"}


def older_result() -> str:
    return t("verdict.older_result")


def headline(result: AuditJson) -> str:
    """The stored phrase in the report language; the English text of a result saved
    before phrases were stored."""
    verdict = result.get("verdict")
    if not verdict:
        return older_result()
    return say(verdict.get("headline_phrase"), verdict["headline"])


def reason_text(reason: ReasonJson) -> str:
    return say(reason.get("phrase"), str(reason.get("text") or ""))


def gap_finding(gap: GapJson) -> str:
    return say(gap.get("finding_phrase"), str(gap.get("finding") or ""))


def gap_recommendation(gap: GapJson) -> str:
    return say(gap.get("recommendation_phrase"), str(gap.get("recommendation") or ""))


def summary_items(result: AuditJson) -> list[tuple[str, str]]:
    """(label, sentence) of each summary sentence the result has, in the report language."""
    given = result.get("summary")
    if given is None:
        return []
    phrases = given.get("phrases") or {}
    sentences = {
        "tested": given["tested"],
        "worth": given["worth"],
        "harmed": given["harmed"],
        "next_step": given["next_step"],
        "data_needed": given["data_needed"],
    }
    return [
        (t(f"summary.label.{key}"), say(phrases.get(key), sentence))
        for key, sentence in sentences.items()
        if sentence
    ]


def status(result: AuditJson) -> str | None:
    verdict = result.get("verdict")
    return verdict["status"] if verdict else None


def tone(result: AuditJson) -> Tone:
    """Green only for `pays`; red for harm and loss; everything else neutral."""
    return TONE.get(status(result) or "", "neutral")


def reasons(result: AuditJson) -> list[str]:
    """The reasons other than the money sentence, which the headline already says."""
    verdict = result.get("verdict")
    given = verdict["reasons"] if verdict else []
    return [reason_text(r) for r in given if r["kind"] != "roi"]


def score_line(result: AuditJson) -> str | None:
    """'Scorecard 36/100, pass mark 20: PASS'; without a pass mark the score gates nothing."""
    card = result.get("scorecard")
    if not card:
        return None
    score = card["score"]
    if card.get("pass_score") is None:
        return t("score.no_mark", score=score)
    mark = t("score.pass" if card["passed"] else "score.fail")
    return t("score.line", score=score, mark=card["pass_score"], outcome=mark)


def score_is_success(result: AuditJson) -> bool:
    """A passed score is styled as success only when the verdict pays: never two decisions."""
    card = result.get("scorecard")
    return bool(card and card["passed"]) and status(result) == "pays"


def top_rows(result: AuditJson) -> list[MetricJson]:
    """Metric rows for the whole population (no dimension breakdown)."""
    return [r for r in result.get("metrics", []) if r.get("dimension") is None]


def significant_level_rows(result: AuditJson) -> list[MetricJson]:
    """Dimension rows significant after correction, harmed ones first."""
    rows = [r for r in result.get("metrics", []) if r.get("dimension") and r.get("significant")]
    return sorted(rows, key=lambda r: r.get("status") != "harmful")
