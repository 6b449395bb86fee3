"""Confusion, not interest: an arm that lengthens visits while the long visits convert less.

Per treatment arm, per segment (None: all visitors) and per measure (a visitor's time on
site, their pages per session):

- the arm raises the measure: its mean vs control's (Welch for time on site over
  visitors with a session; the delta method for pages per session, a ratio of per-visitor
  sums), significant at alpha with a positive lift;
- the long visits convert less: among visitors above the measure's median (pooled over
  arms, so the same cut for everyone), the arm's conversion rate vs control's
  (two-proportion z-test), significantly lower after adjusting every row's p-value with
  `experiment.correction`.

Both together are a `confusion` finding and a gap. The second comparison conditions on
a post-treatment measure, so it describes who the long visitors are in each arm; that is
the point here (more long visits that do not end in a purchase), not a causal effect.
"""

from __future__ import annotations

from dataclasses import replace

from personalroi.engagement.aggregates import GroupSums, LongCell
from personalroi.engagement.result import ConfusionRow, Lift
from personalroi.engagement.time_pages import where
from personalroi.i18n.phrase import Phrase
from personalroi.scorecard.gaps import Gap
from personalroi.stats.binary import compare_proportions
from personalroi.stats.comparison import Comparison
from personalroi.stats.correction import Correction, adjust
from personalroi.stats.mean import compare_means
from personalroi.stats.ratio import compare_ratios
from personalroi.stats.sufficient import SampleStats


def _engagement(measure: str, control: GroupSums, arm: GroupSums, alpha: float) -> Comparison:
    if measure == "time_on_site":
        return compare_means(control.time_conversion.x, arm.time_conversion.x, alpha)
    return compare_ratios(control.pages, arm.pages, alpha)


def _binary(cell: LongCell) -> SampleStats:
    return SampleStats(cell.units, float(cell.conversions), float(cell.conversions))


def confusion_rows(
    groups: dict[tuple[str, str | None], GroupSums],
    long: list[LongCell],
    medians: dict[str, float],
    control: str,
    treatments: list[str],
    alpha: float,
    correction: Correction,
) -> tuple[ConfusionRow, ...]:
    cells = {(c.arm, c.segment, c.measure): c for c in long}
    rows = []
    for measure, threshold in medians.items():
        segments = sorted(
            {s for (_, s, m) in cells if m == measure}, key=lambda s: (s is not None, s or "")
        )
        for segment in segments:
            base, base_long = groups.get((control, segment)), cells.get((control, segment, measure))
            if base is None or base_long is None:
                continue
            for arm in treatments:
                group, arm_long = groups.get((arm, segment)), cells.get((arm, segment, measure))
                if group is None or arm_long is None:
                    continue
                lift = _engagement(measure, base, group, alpha)
                conv = compare_proportions(_binary(base_long), _binary(arm_long), alpha)
                rows.append(
                    ConfusionRow(
                        arm,
                        segment,
                        measure,
                        threshold,
                        Lift.of(lift),
                        lift.method,
                        Lift.of(conv),
                        conv.method,
                    )  # fmt: skip
                )
    adjusted = adjust([r.long_conversion.p_value for r in rows], correction)
    out = []
    for row, p in zip(rows, adjusted, strict=True):
        fell = p is not None and p < alpha and (row.long_conversion.absolute_lift or 0) < 0
        eng = row.engagement
        rose = eng.p_value is not None and eng.p_value < alpha and (eng.absolute_lift or 0) > 0
        significant = p is not None and p < alpha
        out.append(
            replace(row, p_value_adjusted=p, significant=significant, confusion=fell and rose)
        )
    return tuple(out)


def _threshold(row: ConfusionRow) -> Phrase:
    value = f"{row.threshold:,.0f}" if row.measure == "time_on_site" else f"{row.threshold:.1f}"
    return Phrase.of(f"eng.threshold.{row.measure}", value=value)


def finding(row: ConfusionRow) -> Phrase:
    eng, conv = row.engagement, row.long_conversion
    rel, ci = eng.relative_lift, eng.relative_ci
    rise = None
    if rel is not None and ci is not None:
        rise = Phrase.of("eng.confusion.rise", lift=f"{rel:+.1%} [{ci[0]:+.1%}, {ci[1]:+.1%}]")
    p, fall, c_ci = row.p_value_adjusted, None, conv.absolute_ci
    if c_ci is not None:
        p_part = None
        if p is not None:
            p_part = Phrase.of("eng.confusion.p", p="< 0.001" if p < 0.001 else f"= {p:.3f}")
        diff = (conv.absolute_lift or 0) * 100
        fall = Phrase.of(
            "eng.confusion.fall",
            diff=f"{diff:+.1f}",
            low=f"{c_ci[0] * 100:+.1f}",
            high=f"{c_ci[1] * 100:+.1f}",
            p=p_part,
        )
    return Phrase.of(
        "eng.confusion",
        arm=row.arm,
        where=where(row.segment),
        measure=Phrase.of(f"eng.measure.{row.measure}"),
        rise=rise,
        threshold=_threshold(row),
        rate=f"{(conv.treatment_value or 0):.1%}",
        control_rate=f"{(conv.control_value or 0):.1%}",
        fall=fall,
    )


def all_clear(rows: tuple[ConfusionRow, ...]) -> Phrase:
    measures = [Phrase.of(f"eng.measure.{m}") for m in dict.fromkeys(r.measure for r in rows)]
    named = measures[0]
    if len(measures) == 2:
        named = Phrase.of("eng.confusion.either", first=measures[0], second=measures[1])
    return Phrase.of("eng.confusion.clear", measures=named, n=len(rows))


def confusion_gaps(rows: tuple[ConfusionRow, ...] | None) -> list[Gap]:
    """One medium gap per flagged row (arm x segment x measure)."""
    out = []
    for row in rows or ():
        if not row.confusion:
            continue
        details = {"kind": "confusion", "arm": row.arm, "segment": row.segment,
                   "measure": row.measure}  # fmt: skip
        advice = Phrase.of("eng.confusion.advice")
        out.append(Gap.said("engagement", "medium", finding(row), advice, details))
    return out
