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
from personalroi.scorecard.gaps import Gap
from personalroi.stats.binary import compare_proportions
from personalroi.stats.comparison import Comparison
from personalroi.stats.correction import Correction, adjust
from personalroi.stats.mean import compare_means
from personalroi.stats.ratio import compare_ratios
from personalroi.stats.sufficient import SampleStats

LABEL = {"time_on_site": "time on site", "pages_per_session": "pages per session"}


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


def _threshold(row: ConfusionRow) -> str:
    if row.measure == "time_on_site":
        return f"{row.threshold:,.0f} s on site"
    return f"{row.threshold:.1f} pages per session"


def finding(row: ConfusionRow) -> str:
    where = "all visitors" if row.segment is None else f"segment {row.segment}"
    eng, conv = row.engagement, row.long_conversion
    rel, ci = eng.relative_lift, eng.relative_ci
    rise = "" if rel is None or ci is None else f" {rel:+.1%} [{ci[0]:+.1%}, {ci[1]:+.1%}]"
    c_ci, diff = conv.absolute_ci, (conv.absolute_lift or 0) * 100
    fall = "" if c_ci is None else f" ({diff:+.1f} pp [{c_ci[0] * 100:+.1f}, {c_ci[1] * 100:+.1f}]"
    p = row.p_value_adjusted
    fall += "" if p is None else (", adj. p < 0.001)" if p < 0.001 else f", adj. p = {p:.3f})")
    return (
        f"confusion in {row.arm}, {where}: {LABEL[row.measure]}{rise} vs control, but "
        f"visitors above {_threshold(row)} convert at {(conv.treatment_value or 0):.1%} vs "
        f"{(conv.control_value or 0):.1%} in control{fall}: the longer visits signal "
        "confusion, not interest"
    )


def all_clear(rows: tuple[ConfusionRow, ...]) -> str:
    measures = " or ".join(dict.fromkeys(LABEL[r.measure] for r in rows))
    return (
        f"confusion check: no arm raises {measures} while its longer visits convert "
        f"significantly less ({len(rows)} arm x segment x measure comparisons)"
    )


def confusion_gaps(rows: tuple[ConfusionRow, ...] | None) -> list[Gap]:
    """One medium gap per flagged row (arm x segment x measure)."""
    out = []
    for row in rows or ():
        if not row.confusion:
            continue
        details = {"kind": "confusion", "arm": row.arm, "segment": row.segment,
                   "measure": row.measure}  # fmt: skip
        out.append(
            Gap(
                "engagement",
                "medium",
                finding(row),
                "look at what the long visits in this arm do (search, back-and-forth, "
                "errors) before counting the extra time or pages as engagement",
                details,
            )
        )
    return out
