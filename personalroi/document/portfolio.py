"""The `history portfolio --format json` document (SPEC 7.5) as types: what the JSON
encoder writes of `history/portfolio.py`'s `Portfolio` and what `report/portfolio.py`
reads. One TypedDict per dataclass, its fields as keys in the same order.

The portfolio is built anew from the history on every run and never read back from a
file, so every key its dataclasses hold is required. A number is `float | None` where
the dataclass allows None; the figures copied from a recorded audit's `roi` entry are
whatever that result held (an investment written as 0 reads back as an int, which a
float accepts).
"""

from __future__ import annotations

from typing_extensions import TypedDict

from personalroi.document.core import FiniteIntervalJson, PhraseJson


class PortfolioExperimentJson(TypedDict):
    """One experiment's line: its latest audit, the chosen arm (`chosen_by`: decision,
    priority or none) and that arm's money as the audit projected it (null without one)."""

    experiment: str
    audit_id: int
    recorded_at: str
    arm: str | None
    chosen_by: str
    decision: str | None
    decided_by: str | None
    decided_at: str | None
    currency: str | None
    basis: str | None
    horizon_months: int | None
    investment: float | None
    benefit: float | None
    roi: float | None
    roi_ci: FiniteIntervalJson | None
    probability_roi_positive: float | None
    roi_se: float | None
    counted: bool
    note: str | None
    note_phrase: PhraseJson | None


class PortfolioTotalJson(TypedDict):
    """The counted experiments added up; no ROI without investment. `basis` is "mixed"
    when the counted experiments' bases differ."""

    currency: str | None
    basis: str | None
    alpha: float
    experiments_counted: int
    investment: float
    benefit: float
    benefit_se: float
    roi: float | None
    roi_se: float | None
    roi_ci: FiniteIntervalJson | None
    probability_roi_positive: float | None
    method: str
    notes: list[str]
    method_phrase: PhraseJson | None
    note_phrases: list[PhraseJson]


class PortfolioJson(TypedDict):
    schema_version: int
    experiments: list[PortfolioExperimentJson]
    total: PortfolioTotalJson
