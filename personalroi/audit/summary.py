"""The summary for non-technical readers, written from the verdict and the money.

Five plain sentences that open the markdown and HTML reports: what was tested,
what it is worth and the chance it pays, what was harmed, what to do next, and
how much more data a firm answer needs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from personalroi.audit.roi_section import RoiEntry
from personalroi.audit.verdict import Verdict, VerdictStatus
from personalroi.audit.wording import money, percent, whole_percent
from personalroi.scorecard.gaps import Gap

HARMS_LISTED = 3
NEXT_STEP: Mapping[VerdictStatus, str] = {
    "pays": "Roll out {arm}, keep its guardrails monitored, and test the next idea against it.",
    "promising": "Keep {arm} running (or test it on more traffic) before a full rollout.",
    "inconclusive": "Do not decide yet: keep the test running, or test a bolder change.",
    "does_not_pay": "Do not roll {arm} out: rethink the idea or cut its costs.",
    "harmful": "Stop or fix {arm} before any rollout.",
    "no_money": "Add the costs and a revenue metric to the config to learn whether it pays.",
}


HARMED_NEXT_STEP = (
    "Fix what {arm} harms, or roll it out only where it helps, before any wider rollout."
)


@dataclass(frozen=True)
class Summary:
    tested: str
    worth: str | None
    harmed: str | None
    next_step: str
    data_needed: str | None


def _tested(control: str, treatments: Sequence[str], units: int, hypothesis: str | None) -> str:
    arms = ", ".join(treatments)
    text = f"Personalized experience{'s' if len(treatments) > 1 else ''} {arms} against the "
    text += f"generic experience (control arm {control}), on {units:,} randomized units."
    return text + (f" Hypothesis: {hypothesis.rstrip('.')}." if hypothesis else "")


def _worth(entry: RoiEntry) -> str | None:
    benefit = entry.benefit
    if benefit is None or entry.roi is None:
        return None
    basis = "gross profit" if entry.basis == "gross_profit" else "revenue"
    text = (
        f"{entry.arm} brings about {money(benefit, entry.currency)} of {basis} and savings over "
        f"{entry.horizon_months} months for {money(entry.investment, entry.currency)} invested "
        f"(ROI {whole_percent(entry.roi)})"
    )
    p = entry.probability_roi_positive
    return text + ("." if p is None else f"; the chance that it pays is {percent(p, False)}.")


def _data_needed(entry: RoiEntry | None, gaps: Sequence[Gap]) -> str | None:
    if entry is not None and entry.roi is not None and entry.roi_se is not None:
        if entry.units_to_prove is None:
            return (
                f"More data will not make {entry.arm} pay: its lift is below break-even "
                f"({percent(entry.break_even_relative_lift)} on {entry.revenue_metric})."
            )
        if entry.units_to_prove == 0:
            return None
        return (
            f"About {entry.units_to_prove:,} more units per arm, at the lift seen so far, "
            "would make the ROI interval exclude zero."
        )
    more = [g.details.get("additional_units_per_arm") or 0 for g in gaps]
    if not more or max(more) == 0:
        return None
    return f"About {max(more):,} more units per arm would settle every goal at 80 % power."


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
    harms = [r.text for r in verdict.reasons if r.kind in ("harm", "guardrail")]
    harmed = "; ".join(harms[:HARMS_LISTED])
    if len(harms) > HARMS_LISTED:
        harmed += f"; and {len(harms) - HARMS_LISTED} more (see the gaps)"
    return Summary(
        tested=_tested(control, treatments, units, hypothesis),
        worth=None if entry is None else _worth(entry),
        harmed=f"{harmed}." if harms else "Nothing was significantly harmed.",
        next_step=(
            HARMED_NEXT_STEP
            if verdict.status == "promising" and harms
            else NEXT_STEP[verdict.status]
        ).format(arm=verdict.arm or "the personalized arm"),
        data_needed=_data_needed(entry, gaps),
    )
