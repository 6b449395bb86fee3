"""The verdict: one decision, with its reasons, that every format prints first (SPEC 7.1).

Status, in order of precedence:

- harmful: in some arm a guardrail fails its gate, or the revenue metric is
  significantly worse (after correction).
- no_money: no ROI (no revenue metric, or no costs).
- inconclusive: a sample ratio mismatch makes every lift untrustworthy.
- pays: the best arm has P(ROI > 0) >= 0.95, nothing of it is significantly
  worse (no metric, no dimension level) and no data-quality check failed.
- does_not_pay: P(ROI > 0) <= 0.05: the interval says it loses money, and the
  revenue does not rest on a few buyers (below).
- promising: ROI above 0 but not proven (or proven with a harm beside it).
- inconclusive: otherwise.

The best arm is priority rank 1 (arms blocked by a harm rank last).

The few-buyers guard: with a heavy-tailed revenue and few buyers the lift and its
standard error come from the same few large orders, so P(ROI > 0) <= 0.05 comes out
in up to 25 % of experiments whose true ROI is 0 (docs/statistics.md, "The
few-buyers guard"). When control or the best arm has fewer than FIRM_BUYERS
effective buyers of the revenue metric (`SampleStats.effective_units`: the buyers
if their revenue were spread evenly), the verdict is `inconclusive`, told as
"looks unlikely to pay, not proven", with a `heavy_tail` reason that names the arm.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from personalroi.audit.metric_row import MetricRow
from personalroi.audit.roi_section import RoiEntry
from personalroi.audit.segments import Heterogeneity
from personalroi.audit.wording import lift_phrase, roi_phrase
from personalroi.data.check import Check
from personalroi.i18n import Phrase
from personalroi.scorecard.priorities import Priority
from personalroi.stats.srm import SrmResult
from personalroi.stats.sufficient import JointStats, SampleStats, value_stats

VerdictStatus = Literal["pays", "promising", "inconclusive", "does_not_pay", "harmful", "no_money"]
ReasonKind = Literal["roi", "harm", "guardrail", "heterogeneity", "srm", "data", "heavy_tail"]
PROVEN = 0.95
# Effective buyers per arm a firm `does_not_pay` needs: the smallest count at which a
# true ROI of 0 gives `does_not_pay` in at most 6 % of the calibration grid's
# simulated experiments in every cell (docs/statistics.md, "The few-buyers guard").
FIRM_BUYERS = 20
HEADLINE_HARMS = 2  # harms named in the headline; the rest are in `reasons`


@dataclass(frozen=True)
class Reason:
    kind: ReasonKind
    text: str
    metric: str | None = None
    arm: str | None = None
    dimension: str | None = None
    level: str | None = None
    # The harmed lift and its interval, for the headline's short form.
    lift: str | None = None
    # `text` as a catalogue phrase, for reports in other languages (its `lift`
    # parameter is `lift` as a phrase).
    phrase: Phrase | None = None

    def short_phrase(self, arm: str | None) -> Phrase:
        """'conversion_rate for channel web -39.3% [...]'; names the arm unless it is `arm`."""
        where = None
        if self.level is not None:
            where = Phrase.of("harm.for_level", dimension=self.dimension, level=self.level)
        who = None if self.arm == arm else Phrase.of("harm.in_arm", arm=self.arm)
        lift = self.lift if self.phrase is None else self.phrase.params.get("lift")
        return Phrase.of("harm.short", metric=self.metric, who=who, where=where, lift=lift)


def said(kind: ReasonKind, phrase: Phrase, **where: str | None) -> Reason:
    """A reason whose text is `phrase` in English."""
    lift = phrase.params.get("lift")
    short_lift = lift.text() if isinstance(lift, Phrase) else None
    return Reason(kind, phrase.text(), **where, lift=short_lift, phrase=phrase)


@dataclass(frozen=True)
class Verdict:
    status: VerdictStatus
    headline: str
    reasons: tuple[Reason, ...]
    # The arm the decision is about (None when there is no money and no harm).
    arm: str | None
    # `headline` as a catalogue phrase, for reports in other languages.
    headline_phrase: Phrase | None = None


def guardrail_failed(row: MetricRow) -> bool:
    """A top-level guardrail that fails its gate: harmed, or non-inferiority not shown."""
    if not row.guardrail or row.dimension is not None:
        return False
    if row.non_inferiority is not None:
        return not row.non_inferiority.passed
    return row.status == "harmful"


def harm_reasons(rows: Sequence[MetricRow]) -> list[Reason]:
    """Failed guardrails, and every top-level metric or dimension level significantly worse."""
    reasons = []
    for row in rows:
        where = None
        if row.dimension is not None:
            where = Phrase.of("harm.for_level", dimension=row.dimension, level=row.level)
        lift = lift_phrase(row.type, row.comparison)
        if guardrail_failed(row):
            cutoff = row.non_inferiority is not None and row.status != "harmful"
            key = "reason.guardrail_not_shown" if cutoff else "reason.guardrail_worse"
            phrase = Phrase.of(key, metric=row.metric, arm=row.arm, lift=lift)
            reasons.append(said("guardrail", phrase, metric=row.metric, arm=row.arm))
        elif row.status == "harmful":
            phrase = Phrase.of(
                "reason.harm", metric=row.metric, arm=row.arm, where=where, lift=lift
            )
            reasons.append(
                said(
                    "harm",
                    phrase,
                    metric=row.metric,
                    arm=row.arm,
                    dimension=row.dimension,
                    level=row.level,
                )
            )
    return reasons


def blocked_arms(rows: Sequence[MetricRow], revenue_metric: str | None) -> list[str]:
    """Arms that must not roll out: a failed guardrail or the revenue metric significantly worse."""
    arms = [
        r.arm
        for r in rows
        if guardrail_failed(r)
        or (r.dimension is None and r.metric == revenue_metric and r.status == "harmful")
    ]
    return list(dict.fromkeys(arms))


def revenue_buyers(
    stats: Mapping[str, Mapping[str, SampleStats | JointStats]], revenue_metric: str | None
) -> dict[str, float]:
    """Each arm's effective buyers of the revenue metric (arm -> metric -> statistics)."""
    if revenue_metric is None:
        return {}
    return {
        arm: value_stats(by_metric[revenue_metric]).effective_units
        for arm, by_metric in stats.items()
        if revenue_metric in by_metric
    }


@dataclass(frozen=True)
class FewBuyers:
    """The arm with the fewest effective buyers, when below what a firm `does_not_pay` needs."""

    arm: str
    buyers: float


def few_buyers(buyers: Mapping[str, float], control: str, arm: str) -> FewBuyers | None:
    """Control or `arm` below FIRM_BUYERS effective buyers; None when both reach it or
    either is unknown (no revenue statistics: the verdict stays as the money says)."""
    if control not in buyers or arm not in buyers:
        return None
    fewest = min((control, arm), key=lambda a: buyers[a])
    if buyers[fewest] >= FIRM_BUYERS:
        return None
    return FewBuyers(fewest, buyers[fewest])


def _status(
    best: RoiEntry, harmed: bool, srm: SrmResult, data_failed: bool, held_back: bool
) -> VerdictStatus:
    assert best.roi is not None
    p = best.probability_roi_positive
    if not srm.ok:
        return "inconclusive"
    if p is not None and p >= PROVEN and not harmed and not data_failed:
        return "pays"
    if p is not None and p <= 1 - PROVEN:
        return "inconclusive" if held_back else "does_not_pay"
    return "promising" if best.roi > 0 else "inconclusive"


def _held_back(best: RoiEntry, few: FewBuyers | None) -> bool:
    """`does_not_pay` by the money, held back by the few-buyers guard."""
    p = best.probability_roi_positive
    return few is not None and p is not None and p <= 1 - PROVEN


LEAD: dict[VerdictStatus, str] = {
    "pays": "verdict.pays",
    "promising": "verdict.promising",
    "does_not_pay": "verdict.does_not_pay",
    "inconclusive": "verdict.inconclusive",
}


def _lead(
    status: VerdictStatus, best: RoiEntry, level: float, harmed: bool, unlikely: bool
) -> tuple[Phrase, Phrase]:
    """The money sentence, and the words that join the harms to it in the headline."""
    assert best.roi is not None
    money = roi_phrase(best.roi, best.roi_ci, best.probability_roi_positive, level)
    p = best.probability_roi_positive
    if status == "promising" and harmed and p is not None and p >= PROVEN:
        return Phrase.of("verdict.would_pay", arm=best.arm, money=money), Phrase.of(
            "verdict.but_it_harms"
        )
    key = "verdict.unlikely_not_proven" if unlikely else LEAD[status]
    return Phrase.of(key, arm=best.arm, money=money), Phrase.of("verdict.harmed")


def _harm_clause(
    harms: Sequence[Reason],
    arm: str | None,
    skip: Reason | None = None,
    lead: Phrase | None = None,
) -> Phrase | None:
    """'; harmed: conversion_rate for channel web -39.3% [...] and 2 more'."""
    rest = [h for h in harms if h is not skip]
    if not rest:
        return None
    named = tuple(h.short_phrase(arm) for h in rest[:HEADLINE_HARMS])
    more = len(rest) - HEADLINE_HARMS
    return Phrase.of(
        "verdict.harm_clause",
        lead=lead or Phrase.of("verdict.harmed"),
        named=named,
        more=Phrase.of("verdict.more", n=more) if more > 0 else None,
    )


def _said(
    status: VerdictStatus, headline: Phrase, reasons: list[Reason], arm: str | None
) -> Verdict:
    return Verdict(status, headline.text(), tuple(reasons), arm, headline)


def verdict(
    *,
    rows: Sequence[MetricRow],
    roi: Sequence[RoiEntry],
    priorities: Sequence[Priority],
    heterogeneity: Sequence[Heterogeneity],
    srm: SrmResult,
    checks: Sequence[Check],
    revenue_metric: str | None,
    alpha: float,
    control: str,
    buyers: Mapping[str, float],
) -> Verdict:
    """`buyers`: each arm's effective buyers of the revenue metric (`revenue_buyers`)."""
    level = 1 - alpha
    harms = harm_reasons(rows)
    reasons: list[Reason] = []
    if not srm.ok:
        reasons.append(said("srm", Phrase.of("reason.srm", p=srm.p_value)))
    failed = [c for c in checks if c.status == "fail"]
    reasons += [
        said("data", Phrase.of("reason.data", name=c.name, detail=c.phrase or c.detail))
        for c in failed
    ]
    reasons += harms
    reasons += [
        Reason(
            "heterogeneity",
            h.finding,
            h.metric,
            h.arm,
            h.dimension,
            h.worst_level,
            phrase=h.finding_phrase,
        )
        for h in heterogeneity
        if h.finding is not None
    ]
    srm_lead = None if srm.ok else Phrase.of("verdict.srm_lead")
    by_arm = {e.arm: e for e in roi if e.roi is not None}
    blocked = blocked_arms(rows, revenue_metric)
    ranked = [by_arm[p.arm] for p in priorities if p.arm in by_arm]
    if blocked:
        arm = blocked[0]
        first = next(h for h in harms if h.arm == arm and h.dimension is None)
        alternative = next((e for e in ranked if e.arm not in blocked), None)
        other = None
        if alternative is not None and alternative.roi is not None:
            money = roi_phrase(
                alternative.roi, alternative.roi_ci, alternative.probability_roi_positive, level
            )
            other = Phrase.of("verdict.alternative", arm=alternative.arm, money=money)
        body = Phrase.of("verdict.harmful", harm=first.phrase, arm=arm, alternative=other)
        headline = Phrase.of(
            "verdict.headline",
            srm=srm_lead,
            body=body,
            harms=_harm_clause(harms, arm, skip=first),
        )
        return _said("harmful", headline, reasons, arm)
    if not ranked:
        why = "verdict.no_revenue_metric" if revenue_metric is None else "verdict.no_costs"
        top = [r for r in rows if r.dimension is None]
        better = sum(r.significant and r.status != "harmful" for r in top)
        worse = sum(r.status == "harmful" for r in top)
        body = Phrase.of(
            "verdict.no_money", why=Phrase.of(why), better=better, total=len(top), worse=worse
        )
        headline = Phrase.of(
            "verdict.headline", srm=srm_lead, body=body, harms=_harm_clause(harms, None)
        )
        return _said("no_money", headline, reasons, None)
    best = ranked[0]
    assert best.roi is not None
    own_harms = [h for h in harms if h.arm == best.arm]
    few = few_buyers(buyers, control, best.arm)
    held_back = _held_back(best, few)
    status = _status(best, bool(own_harms), srm, bool(failed), held_back)
    unlikely = srm.ok and held_back
    sentence, joiner = _lead(status, best, level, bool(own_harms), unlikely)
    headline = Phrase.of(
        "verdict.headline",
        srm=srm_lead,
        body=sentence,
        harms=_harm_clause(harms, best.arm, lead=joiner),
    )
    # The money on its own: the harms are reasons of their own.
    money_reasons = [said("roi", sentence, arm=best.arm)]
    if unlikely and few is not None:
        guard = Phrase.of(
            "reason.few_buyers",
            metric=revenue_metric,
            arm=few.arm,
            buyers=few.buyers,
            needed=FIRM_BUYERS,
        )
        money_reasons.append(said("heavy_tail", guard, metric=revenue_metric, arm=few.arm))
    return _said(status, headline, [*money_reasons, *reasons], best.arm)
