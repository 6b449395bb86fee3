"""The programme view: the latest audit of each experiment, its chosen arm, and totals.

The chosen arm is the one named by the experiment's decision in force (the last
recorded with `history decide`), else the arm ranked first by the audit's
priorities. What enters the totals:

- rollout and continue decisions, and undecided experiments, count with the
  chosen arm's money as the audit projected it (continue: still testing, so a
  projection, said in the note);
- a stop decision does not count: nothing of that experiment ships;
- an arm without an ROI (no revenue metric or no costs), or a decided arm the
  latest audit no longer has, does not count, with the reason in the note.

Money in different currencies is never added: with more than one among the
counted experiments, the caller must pick one.

The JSON encoder writes a `Portfolio` field by field; document/portfolio.py
declares that document (`PortfolioJson`, one TypedDict per dataclass of it), which
report/portfolio.py renders. A field added here is declared there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from personalroi.errors import PersonalroiError
from personalroi.history.decision import Decision, latest_by_experiment
from personalroi.i18n.phrase import Phrase
from personalroi.roi.programme import ExperimentMoney, programme_roi, roi_se_from_ci

if TYPE_CHECKING:
    from personalroi.document import AuditJson
    from personalroi.document.money import RoiJson

SCHEMA_VERSION = 1


class PortfolioError(PersonalroiError):
    """The experiments cannot be totalled as asked (e.g. mixed currencies)."""


@dataclass(frozen=True)
class PortfolioExperiment:
    """One experiment's line; field names and order are its JSON keys
    (`PortfolioExperimentJson`)."""

    experiment: str
    audit_id: int
    recorded_at: str
    arm: str | None
    chosen_by: str  # decision | priority | none
    decision: str | None
    decided_by: str | None
    decided_at: str | None
    currency: str | None
    basis: str | None
    horizon_months: int | None
    investment: float | None
    benefit: float | None
    roi: float | None
    roi_ci: tuple[float, float] | None
    probability_roi_positive: float | None
    roi_se: float | None
    counted: bool
    note: str | None
    # `note` as a catalogue phrase, for the programme view in other languages.
    note_phrase: Phrase | None = None


@dataclass(frozen=True)
class PortfolioTotal:
    """The counted experiments added up (`PortfolioTotalJson`)."""

    currency: str | None
    basis: str | None
    alpha: float
    experiments_counted: int
    investment: float
    benefit: float
    benefit_se: float
    roi: float | None
    roi_se: float | None
    roi_ci: tuple[float, float] | None
    probability_roi_positive: float | None
    method: str
    notes: tuple[str, ...]
    # `method` and `notes` as catalogue phrases, for the programme view in other languages.
    method_phrase: Phrase | None = None
    note_phrases: tuple[Phrase, ...] = ()


@dataclass(frozen=True)
class Portfolio:
    schema_version: int
    experiments: tuple[PortfolioExperiment, ...]
    total: PortfolioTotal


METHOD = Phrase.of("programme.method")


@dataclass(frozen=True)
class Audited:
    """What the portfolio reads of one experiment: its latest audit and its decision.

    `result` is the audit result as the history stored it, checked against the result's
    types (an edited record exits 2 naming it); keys that older results lack are read
    with defaults."""

    audit_id: int
    recorded_at: str
    result: AuditJson
    decision: Decision | None


def _chosen(a: Audited) -> tuple[str | None, str]:
    if a.decision is not None:
        return a.decision.arm, "decision"
    ranked = sorted(a.result.get("priorities") or [], key=lambda p: p.get("rank") or 0)
    return (str(ranked[0]["arm"]), "priority") if ranked else (None, "none")


def _roi_se(row: RoiJson, alpha: float) -> float | None:
    se = row.get("roi_se")
    if se is not None:
        return se
    ci = row["roi_ci"]
    return None if ci is None else roi_se_from_ci((ci[0], ci[1]), alpha)


def _line(a: Audited) -> PortfolioExperiment:
    arm, chosen_by = _chosen(a)
    name = str(a.result["experiment"]["name"])
    alpha = float(a.result["experiment"].get("alpha") or 0.05)
    row = next((r for r in a.result.get("roi") or [] if r.get("arm") == arm), None)
    d = a.decision
    note: Phrase | None = None
    counted, audit = False, a.audit_id
    if d is not None and d.decision == "stop":
        note = Phrase.of("programme.note.stopped", by=d.decided_by, on=d.recorded_at[:10])
    elif arm is None:
        note = Phrase.of("programme.note.no_money", audit=audit)
    elif row is None:
        note = Phrase.of("programme.note.no_arm_roi", audit=audit, arm=arm)
    elif row.get("roi") is None or row.get("revenue_lift") is None:
        note = Phrase.of("programme.note.no_roi", audit=audit, arm=arm)
    else:
        counted = True
        if d is not None and d.decision == "continue":
            note = Phrase.of("programme.note.testing")
    benefit = None
    lift = None if row is None else row["revenue_lift"]
    if row is not None and lift is not None:
        benefit = lift + row["cost_savings"]
    roi_se = None if row is None else _roi_se(row, alpha)
    ci = None if row is None else row["roi_ci"]
    if counted and roi_se is None:
        counted, note = False, Phrase.of("programme.note.no_interval", audit=audit, arm=arm)
    return PortfolioExperiment(
        experiment=name,
        audit_id=a.audit_id,
        recorded_at=a.recorded_at,
        arm=arm,
        chosen_by=chosen_by,
        decision=None if d is None else d.decision,
        decided_by=None if d is None else d.decided_by,
        decided_at=None if d is None else d.recorded_at,
        currency=None if row is None else row.get("currency"),
        basis=None if row is None else row.get("basis"),
        horizon_months=None if row is None else row.get("horizon_months"),
        investment=None if row is None else row.get("investment"),
        benefit=benefit,
        roi=None if row is None else row.get("roi"),
        roi_ci=None if ci is None else (ci[0], ci[1]),
        probability_roi_positive=None if row is None else row.get("probability_roi_positive"),
        roi_se=roi_se,
        counted=counted,
        note=None if note is None else note.text(),
        note_phrase=note,
    )


def _currency(lines: Sequence[PortfolioExperiment], wanted: str | None) -> str | None:
    found = sorted({str(x.currency) for x in lines if x.counted and x.currency})
    if wanted is not None:
        return wanted
    if len(found) > 1:
        by = "; ".join(
            f"{c}: {', '.join(x.experiment for x in lines if x.counted and x.currency == c)}"
            for c in found
        )
        raise PortfolioError(
            f"the experiments use different currencies ({by}); money in different "
            f"currencies is never added: pass --currency {found[0]} (or another) to total one."
        )
    return found[0] if found else None


def _other_currency(line: PortfolioExperiment, currency: str) -> PortfolioExperiment:
    note = Phrase.of("programme.note.other_currency", currency=line.currency, total=currency)
    return replace(line, counted=False, note=note.text(), note_phrase=note)


def build_portfolio(
    audited: Sequence[Audited], alpha: float = 0.05, currency: str | None = None
) -> Portfolio:
    lines = [_line(a) for a in audited]
    chosen_currency = _currency(lines, currency)
    if chosen_currency is not None:
        lines = [
            _other_currency(x, chosen_currency)
            if x.counted and x.currency != chosen_currency
            else x
            for x in lines
        ]
    counted = [x for x in lines if x.counted]
    total = programme_roi(
        [
            ExperimentMoney(float(x.investment or 0.0), float(x.benefit or 0.0), x.roi_se or 0.0)
            for x in counted
        ],
        alpha,
    )
    bases = sorted({str(x.basis) for x in counted if x.basis})
    horizons = sorted({int(x.horizon_months) for x in counted if x.horizon_months})
    notes = []
    if len(bases) > 1:
        notes.append(Phrase.of("programme.note.bases", bases=", ".join(bases)))
    if len(horizons) > 1:
        months = tuple(Phrase.of("programme.months", n=h) for h in horizons)
        notes.append(Phrase.of("programme.note.horizons", horizons=months))
    return Portfolio(
        schema_version=SCHEMA_VERSION,
        experiments=tuple(lines),
        total=PortfolioTotal(
            currency=chosen_currency,
            basis=bases[0] if len(bases) == 1 else ("mixed" if bases else None),
            alpha=alpha,
            experiments_counted=len(counted),
            investment=total.investment,
            benefit=total.benefit,
            benefit_se=total.benefit_se,
            roi=total.roi,
            roi_se=total.roi_se,
            roi_ci=total.roi_ci,
            probability_roi_positive=total.probability_roi_positive,
            method=METHOD.text(),
            notes=tuple(n.text() for n in notes),
            method_phrase=METHOD,
            note_phrases=tuple(notes),
        ),
    )


def portfolio_from_history(
    path: Path, alpha: float = 0.05, currency: str | None = None
) -> Portfolio:
    """The portfolio of every experiment in the history file."""
    from personalroi.history.store import decisions, latest_per_experiment, load_result

    in_force = latest_by_experiment(decisions(path))
    audited = [
        Audited(
            e.id,
            e.recorded_at,
            load_result(path, e.id)[1],
            in_force.get(e.experiment),
        )
        for e in latest_per_experiment(path)
    ]
    return build_portfolio(audited, alpha, currency)
