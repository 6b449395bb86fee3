"""The summary for non-technical readers, written from the verdict and the money.

Five plain sentences that open the markdown and HTML reports: what was tested,
what it is worth and the chance it pays, what was harmed, what to do next, and
how much more data a firm answer needs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from personalroi.audit.roi_section import RoiEntry
from personalroi.audit.verdict import Verdict, VerdictStatus
from personalroi.i18n import Phrase
from personalroi.scorecard.gaps import Gap

HARMS_LISTED = 3
NEXT_STEP: Mapping[VerdictStatus, str] = {
    "pays": "next.pays",
    "promising": "next.promising",
    "inconclusive": "next.inconclusive",
    "does_not_pay": "next.does_not_pay",
    "harmful": "next.harmful",
    "no_money": "next.no_money",
}


@dataclass(frozen=True)
class Summary:
    tested: str
    worth: str | None
    harmed: str | None
    next_step: str
    data_needed: str | None
    # Each sentence above as a catalogue phrase, for reports in other languages.
    phrases: Mapping[str, Phrase] = field(default_factory=dict)


def _tested(control: str, treatments: Sequence[str], units: int, hypothesis: str | None) -> Phrase:
    key = "summary.tested_many" if len(treatments) > 1 else "summary.tested_one"
    said = None
    if hypothesis:
        said = Phrase.of("summary.hypothesis", hypothesis=hypothesis.rstrip("."))
    return Phrase.of(key, arms=", ".join(treatments), control=control, units=units, hypothesis=said)


def _worth(entry: RoiEntry) -> Phrase | None:
    benefit = entry.benefit
    if benefit is None or entry.roi is None:
        return None
    p = entry.probability_roi_positive
    return Phrase.of(
        "summary.worth",
        arm=entry.arm,
        benefit=benefit,
        currency=entry.currency,
        basis=Phrase.of("basis.gross_profit" if entry.basis == "gross_profit" else "basis.revenue"),
        months=entry.horizon_months,
        investment=entry.investment,
        roi=entry.roi,
        chance=None if p is None else Phrase.of("summary.chance", p=p),
    )


def _data_needed(entry: RoiEntry | None, gaps: Sequence[Gap]) -> Phrase | None:
    if entry is not None and entry.roi is not None and entry.roi_se is not None:
        if entry.units_to_prove is None:
            return Phrase.of(
                "summary.below_break_even",
                arm=entry.arm,
                lift=entry.break_even_relative_lift,
                metric=entry.revenue_metric,
            )
        if entry.units_to_prove == 0:
            return None
        return Phrase.of("summary.units_to_prove", units=entry.units_to_prove)
    more = [g.details.get("additional_units_per_arm") or 0 for g in gaps]
    if not more or max(more) == 0:
        return None
    return Phrase.of("summary.units_for_goals", units=max(more))


def _harmed(verdict: Verdict) -> Phrase:
    harms = [r.phrase for r in verdict.reasons if r.kind in ("harm", "guardrail") and r.phrase]
    if not harms:
        return Phrase.of("summary.nothing_harmed")
    more = len(harms) - HARMS_LISTED
    return Phrase.of(
        "summary.harmed",
        harms=tuple(harms[:HARMS_LISTED]),
        more=Phrase.of("summary.harmed_more", n=more) if more > 0 else None,
    )


def _next_step(verdict: Verdict, harmed: bool) -> Phrase:
    key = "next.harmed" if verdict.status == "promising" and harmed else NEXT_STEP[verdict.status]
    arm = verdict.arm or Phrase.of("next.the_arm")
    return Phrase.of(key, arm=arm)


def summary(
    *,
    verdict: Verdict,
    roi: Sequence[RoiEntry],
    gaps: Sequence[Gap],
    control: str,
    treatments: Sequence[str],
    units: int,
    hypothesis: str | None,
) -> Summary:
    entry = next((e for e in roi if e.arm == verdict.arm), None)
    harmed = any(r.kind in ("harm", "guardrail") for r in verdict.reasons)
    phrases = {
        "tested": _tested(control, treatments, units, hypothesis),
        "worth": None if entry is None else _worth(entry),
        "harmed": _harmed(verdict),
        "next_step": _next_step(verdict, harmed),
        "data_needed": _data_needed(entry, gaps),
    }
    said = {name: phrase for name, phrase in phrases.items() if phrase is not None}
    text = {name: phrase.text() for name, phrase in said.items()}
    return Summary(
        tested=text["tested"],
        worth=text.get("worth"),
        harmed=text["harmed"],
        next_step=text["next_step"],
        data_needed=text.get("data_needed"),
        phrases=said,
    )
