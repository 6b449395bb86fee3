"""Findings across dimension levels: heterogeneity (Cochran's Q) and Simpson reversals.

The result is the section `heterogeneity`: one entry per metric x arm x
dimension, with the Q test on the per-level relative lifts (absolute lifts
when a level has no relative lift), p-values adjusted across the section with
the experiment's correction, and a plain-language `finding` when the effect
differs significantly across levels (for a channel dimension: omnichannel
inconsistency) or when a significant overall lift and most per-level lifts
disagree in sign (Simpson). Each finding is also a gap that names the level
doing worst, with its lift and interval.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from personalroi.audit.metric_row import MetricRow
from personalroi.audit.wording import lift_phrase
from personalroi.i18n import Phrase
from personalroi.scorecard.gaps import Gap
from personalroi.stats.correction import Correction, adjust
from personalroi.stats.heterogeneity import cochran_q, simpson_reversal


@dataclass(frozen=True)
class Heterogeneity:
    metric: str
    arm: str
    dimension: str
    scale: str  # "relative" or "absolute": which lifts the Q test compared
    levels: dict[str, float]
    q: float
    df: int
    p_value: float
    i_squared: float
    simpson: bool
    p_value_adjusted: float | None
    heterogeneous: bool
    # The level whose lift is worst in the metric's good direction, and that lift.
    worst_level: str
    worst_lift: str
    worst_level_harmed: bool
    finding: str | None
    # `finding` as a catalogue phrase, for reports in other languages.
    finding_phrase: Phrase | None = None


def lift_scale(rows: list[MetricRow]) -> tuple[str, list[float], list[float]]:
    """Relative lifts and SEs when every row has them, else absolute ones."""
    if all(r.comparison.relative_lift is not None and r.comparison.relative_se for r in rows):
        return (
            "relative",
            [r.comparison.relative_lift or 0.0 for r in rows],
            [r.comparison.relative_se or 0.0 for r in rows],
        )
    return (
        "absolute",
        [r.comparison.absolute_lift or 0.0 for r in rows],
        [r.comparison.absolute_se or 0.0 for r in rows],
    )


def heterogeneity_findings(
    rows: list[MetricRow], alpha: float, correction: Correction
) -> list[Heterogeneity]:
    overall = {(r.metric, r.arm): r for r in rows if r.dimension is None}
    groups: dict[tuple[str, str, str], list[MetricRow]] = defaultdict(list)
    for r in rows:
        usable = r.comparison.ok and r.comparison.absolute_se is not None
        if r.dimension is not None and r.level is not None and usable:
            groups[(r.metric, r.arm, r.dimension)].append(r)
    tested = []
    for (metric, arm, dimension), level_rows in groups.items():
        scale, estimates, ses = lift_scale(level_rows)
        test = cochran_q(estimates, ses)
        if test is None:
            continue
        top = overall.get((metric, arm))
        # Only a significant overall lift has a sign worth contradicting; noise flips signs.
        simpson = False
        if top is not None and top.significant:
            c = top.comparison
            top_lift = c.relative_lift if scale == "relative" else c.absolute_lift
            simpson = top_lift is not None and simpson_reversal(top_lift, estimates)
        tested.append((metric, arm, dimension, scale, level_rows, estimates, test, simpson))
    adjusted = adjust([t[6].p_value for t in tested], correction)
    entries = []
    for (metric, arm, dimension, scale, level_rows, estimates, test, simpson), p_adj in zip(
        tested, adjusted, strict=True
    ):
        sign = 1.0 if level_rows[0].better == "higher" else -1.0
        worst = min(zip(level_rows, estimates, strict=True), key=lambda pair: sign * pair[1])[0]
        heterogeneous = p_adj is not None and p_adj < alpha
        entry = Heterogeneity(
            metric=metric,
            arm=arm,
            dimension=dimension,
            scale=scale,
            levels={str(r.level): e for r, e in zip(level_rows, estimates, strict=True)},
            q=test.q,
            df=test.df,
            p_value=test.p_value,
            i_squared=test.i_squared,
            simpson=simpson,
            p_value_adjusted=p_adj,
            heterogeneous=heterogeneous,
            worst_level=str(worst.level),
            worst_lift=lift_phrase(worst.type, worst.comparison).text(),
            worst_level_harmed=worst.status == "harmful",
            finding=None,
        )
        entries.append(_with_finding(entry, lift_phrase(worst.type, worst.comparison)))
    return entries


def _with_finding(e: Heterogeneity, worst_lift: Phrase) -> Heterogeneity:
    parts = []
    if e.heterogeneous:
        lead = (
            Phrase.of("het.across_channels")
            if e.dimension == "channel"
            else Phrase.of("het.across_levels", dimension=e.dimension)
        )
        parts.append(
            Phrase.of(
                "het.differs",
                scale=Phrase.of(f"het.scale_{e.scale}"),
                metric=e.metric,
                arm=e.arm,
                lead=lead,
                q=e.q,
                df=e.df,
                p=e.p_value_adjusted,
                i2=e.i_squared,
                dimension=e.dimension,
                level=e.worst_level,
                lift=worst_lift,
            )
        )
    if e.simpson:
        parts.append(Phrase.of("het.simpson", metric=e.metric, arm=e.arm, dimension=e.dimension))
    if not parts:
        return e
    finding = Phrase.of("het.finding", parts=tuple(parts))
    return Heterogeneity(**{**e.__dict__, "finding": finding.text(), "finding_phrase": finding})


def heterogeneity_gaps(entries: list[Heterogeneity]) -> list[Gap]:
    """A gap per finding; high when the worst level is itself significantly harmed."""
    gaps = []
    for e in entries:
        if e.finding is None:
            continue
        area = "omnichannel" if e.dimension == "channel" else "heterogeneity"
        advice = Phrase.of(
            "gap.level_harmed_advice" if e.worst_level_harmed else "gap.uneven_advice",
            arm=e.arm,
            metric=e.metric,
            dimension=e.dimension,
            level=e.worst_level,
        )
        gaps.append(
            Gap(
                area,
                "high" if e.worst_level_harmed else "medium",
                e.finding,
                advice.text(),
                {
                    "kind": "heterogeneity",
                    "metric": e.metric,
                    "arm": e.arm,
                    "dimension": e.dimension,
                    "level": e.worst_level,
                },
                e.finding_phrase,
                advice,
            )
        )
    return gaps
