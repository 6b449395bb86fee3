"""The `governance` section: the change log against the test window, a with/without
analysis per change that went live during the test, and the decisions on record.

A change dated inside the window splits the units by first exposure: "before"
(first exposed before its date) and "after" (on or after it), the split and test
of audit/exposure_split.py that the calendar periods use. A shift means the lift
differs for units who arrived on the changed site. Units first exposed before the
change may also meet it on later visits, so the split understates a shift rather
than inventing one. The shift tests of all changes are adjusted together with the
experiment's correction, as the calendar tests are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from personalroi.audit.exposure_split import split_lifts
from personalroi.audit.governance_result import ChangeSplit, GovernanceSection, LoggedChange
from personalroi.audit.wording import scaled_lift
from personalroi.config.change_window import changes_in_window
from personalroi.config.model import Config
from personalroi.data.trend_sql import change_column
from personalroi.history.decision import Decision
from personalroi.i18n import Phrase
from personalroi.scorecard.gaps import Gap
from personalroi.stats.correction import Correction, adjust

if TYPE_CHECKING:
    from personalroi.data.trend import TrendStats


def _splits(
    config: Config,
    stats: TrendStats | None,
    control: str,
    treatments: list[str],
    alpha: float,
    correction: Correction,
) -> list[ChangeSplit]:
    if stats is None:
        return []
    changes = config.governance.changes
    entries = [
        ChangeSplit(
            change=changes[i].description,
            date=changes[i].date.isoformat(),
            metric=s.metric,
            arm=s.arm,
            scale=s.scale,
            lift_all=s.lift_all,
            lift_before=s.first.lift,
            lift_before_ci=s.first.ci,
            units_before=s.first.units,
            lift_after=s.second.lift,
            lift_after_ci=s.second.ci,
            units_after=s.second.units,
            p_value=s.p_value,
        )
        for i in changes_in_window(config)
        for s in split_lifts(
            stats,
            config.metrics,
            change_column(i),
            ("before", "after"),
            control,
            treatments,
            alpha,
        )
    ]
    adjusted = adjust([e.p_value for e in entries], correction)
    return [_adjusted(e, p, alpha) for e, p in zip(entries, adjusted, strict=True)]


def _adjusted(entry: ChangeSplit, p_adj: float | None, alpha: float) -> ChangeSplit:
    shifts = p_adj is not None and p_adj < alpha
    entry = replace(entry, p_value_adjusted=p_adj, shifts=shifts)
    return replace(entry, finding=_finding(entry).text() if shifts else None)


def _finding(e: ChangeSplit) -> Phrase:
    return Phrase.of(
        "governance.shifts",
        scale=Phrase.of(f"trend.scale.{e.scale}"),
        metric=e.metric,
        arm=e.arm,
        change=e.change,
        date=e.date,
        before=scaled_lift(e.scale, e.lift_before),
        after=scaled_lift(e.scale, e.lift_after),
        p=e.p_value_adjusted,
    )


def _log(
    config: Config, splits: Sequence[ChangeSplit], stats: TrendStats | None
) -> list[LoggedChange]:
    inside = set(changes_in_window(config))
    tested = {(s.change, s.date) for s in splits if s.p_value is not None}
    out = []
    for i, c in enumerate(config.governance.changes):
        split = (c.description, c.date.isoformat()) in tested
        note = None
        if i in inside and not split:
            note = (
                "no per-unit first exposure times (units.timestamp)"
                if stats is None
                else "too few units first exposed on one side of its date to compare"
            )
        out.append(LoggedChange(c.date.isoformat(), c.description, i in inside, split, note))
    return out


def governance_section(
    config: Config,
    stats: TrendStats | None,
    control: str,
    treatments: list[str],
    alpha: float,
    correction: Correction,
    decisions: Sequence[Decision] = (),
) -> tuple[GovernanceSection | None, list[Gap]]:
    """The section (None when there is no change log and no decision) and a gap per shift."""
    gov, exp = config.governance, config.experiment
    if not gov.changes and gov.max_concurrent_changes is None and not decisions:
        return None, []
    splits = _splits(config, stats, control, treatments, alpha, correction)
    section = GovernanceSection(
        window_start=None if exp.start is None else exp.start.isoformat(),
        window_end=None if exp.end is None else exp.end.isoformat(),
        max_concurrent_changes=gov.max_concurrent_changes,
        concurrent_changes=len(changes_in_window(config)),
        changes=tuple(_log(config, splits, stats)),
        with_without=tuple(splits),
        decisions=tuple(decisions),
    )
    gaps = [
        Gap.said(
            "governance",
            "medium",
            _finding(s),
            Phrase.of("governance.advice"),
            {"kind": "governance", "metric": s.metric, "arm": s.arm},
        )
        for s in splits
        if s.finding
    ]
    return section, gaps
