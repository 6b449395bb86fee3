"""The verdict: one decision, with its reasons, that every format prints first (SPEC 7.1).

Status, in order of precedence:

- harmful: in some arm a guardrail fails its gate, or the revenue metric is
  significantly worse (after correction).
- no_money: no ROI (no revenue metric, or no costs).
- inconclusive: a sample ratio mismatch makes every lift untrustworthy.
- pays: the best arm has P(ROI > 0) >= 0.95, nothing of it is significantly
  worse (no metric, no dimension level) and no data-quality check failed.
- does_not_pay: P(ROI > 0) <= 0.05: the interval says it loses money.
- promising: ROI above 0 but not proven (or proven with a harm beside it).
- inconclusive: otherwise.

The best arm is priority rank 1 (arms blocked by a harm rank last).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from personalroi.audit.result import MetricRow
from personalroi.audit.roi_section import RoiEntry
from personalroi.audit.segments import Heterogeneity
from personalroi.audit.wording import lift_with_ci, roi_phrase
from personalroi.data.check import Check
from personalroi.scorecard.priorities import Priority
from personalroi.stats.srm import SrmResult

VerdictStatus = Literal["pays", "promising", "inconclusive", "does_not_pay", "harmful", "no_money"]
ReasonKind = Literal["roi", "harm", "guardrail", "heterogeneity", "srm", "data"]
PROVEN = 0.95
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

    def short(self, arm: str | None) -> str:
        """'conversion_rate for channel web -39.3% [...]'; names the arm unless it is `arm`."""
        where = "" if self.level is None else f" for {self.dimension} {self.level}"
        who = "" if self.arm == arm else f" in {self.arm}"
        return f"{self.metric}{who}{where} {self.lift}"


@dataclass(frozen=True)
class Verdict:
    status: VerdictStatus
    headline: str
    reasons: tuple[Reason, ...]
    # The arm the decision is about (None when there is no money and no harm).
    arm: str | None


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
        where = "" if row.dimension is None else f" for {row.dimension} {row.level}"
        lift = lift_with_ci(row.type, row.comparison)
        if guardrail_failed(row):
            cutoff = row.non_inferiority is not None and row.status != "harmful"
            what = "not shown non-inferior" if cutoff else "significantly worse"
            text = f"{row.metric} (guardrail) {what} in {row.arm}: {lift}"
            reasons.append(Reason("guardrail", text, row.metric, row.arm, lift=lift))
        elif row.status == "harmful":
            text = f"{row.metric} significantly worse in {row.arm}{where}: {lift}"
            reasons.append(
                Reason("harm", text, row.metric, row.arm, row.dimension, row.level, lift)
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


def _status(best: RoiEntry, harmed: bool, srm: SrmResult, data_failed: bool) -> VerdictStatus:
    assert best.roi is not None
    p = best.probability_roi_positive
    if not srm.ok:
        return "inconclusive"
    if p is not None and p >= PROVEN and not harmed and not data_failed:
        return "pays"
    if p is not None and p <= 1 - PROVEN:
        return "does_not_pay"
    return "promising" if best.roi > 0 else "inconclusive"


def _lead(status: VerdictStatus, best: RoiEntry, level: str, harmed: bool) -> tuple[str, str]:
    """The money sentence, and the words that join the harms to it in the headline."""
    assert best.roi is not None
    money = roi_phrase(best.roi, best.roi_ci, best.probability_roi_positive, level)
    p = best.probability_roi_positive
    if status == "promising" and harmed and p is not None and p >= PROVEN:
        return f"{best.arm} would pay off, {money}", ", but it harms"
    sentence = {
        "pays": f"{best.arm} pays off: {money}",
        "promising": f"{best.arm} looks promising but is not proven: {money}",
        "does_not_pay": f"{best.arm} does not pay: {money}",
        "inconclusive": f"Inconclusive: {best.arm} at {money}",
    }.get(status, money)
    return sentence, "; harmed:"


def _harm_clause(
    harms: Sequence[Reason], arm: str | None, skip: Reason | None = None, lead: str = "; harmed:"
) -> str:
    """'; harmed: conversion_rate for channel web -39.3% [...] and 2 more'."""
    rest = [h for h in harms if h is not skip]
    if not rest:
        return ""
    named = [h.short(arm) for h in rest]
    more = len(rest) - HEADLINE_HARMS
    shown = ", ".join(named[:HEADLINE_HARMS]) + (f" and {more} more" if more > 0 else "")
    return f"{lead} {shown}"


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
) -> Verdict:
    level = f"{1 - alpha:.0%}"
    harms = harm_reasons(rows)
    reasons: list[Reason] = []
    if not srm.ok:
        reasons.append(
            Reason(
                "srm", f"sample ratio mismatch (p = {srm.p_value:.2g}): lifts are not trustworthy"
            )
        )
    failed = [c for c in checks if c.status == "fail"]
    reasons += [Reason("data", f"data check {c.name} failed: {c.detail}") for c in failed]
    reasons += harms
    reasons += [
        Reason("heterogeneity", h.finding, h.metric, h.arm, h.dimension, h.worst_level)
        for h in heterogeneity
        if h.finding is not None
    ]
    srm_lead = "" if srm.ok else "Sample ratio mismatch, lifts untrustworthy; "
    by_arm = {e.arm: e for e in roi if e.roi is not None}
    blocked = blocked_arms(rows, revenue_metric)
    ranked = [by_arm[p.arm] for p in priorities if p.arm in by_arm]
    if blocked:
        arm = blocked[0]
        first = next(h for h in harms if h.arm == arm and h.dimension is None)
        headline = f"Harmful: {first.text}; do not roll {arm} out"
        alternative = next((e for e in ranked if e.arm not in blocked), None)
        if alternative is not None and alternative.roi is not None:
            headline += f"; {alternative.arm}: " + roi_phrase(
                alternative.roi,
                alternative.roi_ci,
                alternative.probability_roi_positive,
                level,
            )
        headline += _harm_clause(harms, arm, skip=first)
        return Verdict("harmful", srm_lead + headline + ".", tuple(reasons), arm)
    if not ranked:
        why = "no revenue metric" if revenue_metric is None else "no costs or no revenue lift"
        top = [r for r in rows if r.dimension is None]
        better = sum(r.significant and r.status != "harmful" for r in top)
        worse = sum(r.status == "harmful" for r in top)
        headline = (
            f"No money verdict ({why}): {better} of {len(top)} metric comparisons "
            f"significantly better, {worse} significantly worse"
        ) + _harm_clause(harms, None)
        return Verdict("no_money", srm_lead + headline + ".", tuple(reasons), None)
    best = ranked[0]
    assert best.roi is not None
    own_harms = [h for h in harms if h.arm == best.arm]
    status = _status(best, bool(own_harms), srm, bool(failed))
    sentence, joiner = _lead(status, best, level, bool(own_harms))
    headline = sentence + _harm_clause(harms, best.arm, lead=joiner)
    # The money on its own: the harms are reasons of their own.
    money = Reason("roi", sentence, arm=best.arm)
    return Verdict(status, srm_lead + headline + ".", (money, *reasons), best.arm)
