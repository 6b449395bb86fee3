"""Bounce rate and the money of a prevented bounce; CTR of personalized elements; clicks
and conversion. Pure functions on per-arm (x segment) sums.

- Bounce rate is bounced sessions / sessions, a ratio of per-visitor sums compared by
  the delta method (the visitor is the randomization unit; one visitor's sessions are
  not independent trials).
- A prevented bounce is worth what an engaged (non-bounced) session brings in control:
  conversion rate of non-bounced sessions (orders / non-bounced sessions) x AOV
  (revenue / orders) = revenue / non-bounced sessions. Bounces prevented per month =
  (control rate - arm rate) x the arm's sessions per visitor x eligible visitors per
  month (x the segment's share of units for a segment row). The interval carries the
  bounce-rate uncertainty; the value per engaged session is taken as known.
- CTR: clicks / impressions of the arm's personalized elements vs control's default
  elements, the same slots with the generic content (delta method over visitors).
- Clicks and conversion: conversion of visitors who clicked a personalized element vs
  those who saw one and did not click (two-proportion z-test). Observational: who clicks
  is not randomized.
"""

from __future__ import annotations

from personalroi.engagement.aggregates import GroupSums
from personalroi.engagement.result import BounceRow, ClickRow, CtrRow, TestedRow, tested_fields
from personalroi.i18n.phrase import Phrase
from personalroi.stats.binary import compare_proportions
from personalroi.stats.ratio import compare_ratios
from personalroi.stats.sufficient import SampleStats

Groups = dict[tuple[str, str | None], GroupSums]


def _value_per_engaged_session(g: GroupSums) -> tuple[float | None, float | None, float | None]:
    """(conversion rate of engaged sessions, AOV, their product) in `g`."""
    engaged = g.bounces.sum_y - g.bounces.sum_x
    orders = g.counts["orders"]
    rate = orders / engaged if engaged > 0 else None
    aov = g.revenue / orders if orders else None
    return rate, aov, None if rate is None or aov is None else rate * aov


def bounce_rows(
    groups: Groups,
    control: str,
    treatments: list[str],
    segments: list[str | None],
    alpha: float,
    eligible_per_month: float,
    has_value: bool,
) -> tuple[BounceRow, ...]:
    out = []
    for segment in segments:
        base = groups.get((control, segment))
        if base is None:
            continue
        units_all = sum(g.counts["units"] for (_, s), g in groups.items() if s is None)
        units_here = sum(g.counts["units"] for (_, s), g in groups.items() if s == segment)
        share = units_here / units_all if units_all else 0.0
        rate, aov, value = _value_per_engaged_session(base) if has_value else (None, None, None)
        for arm in treatments:
            g = groups.get((arm, segment))
            if g is None:
                continue
            c = compare_ratios(base.bounces, g.bounces, alpha)
            sessions_per_unit = g.bounces.sum_y / g.bounces.n if g.bounces.n else 0.0
            per_unit = None if c.absolute_lift is None else -c.absolute_lift * sessions_per_unit
            per_month = (
                None
                if per_unit is None or eligible_per_month <= 0
                else per_unit * eligible_per_month * share
            )
            ci = c.absolute_ci
            scale = sessions_per_unit * eligible_per_month * share * (value or 0.0)
            per_month_value = None if per_month is None or value is None else per_month * value
            out.append(
                BounceRow(
                    **vars(tested_fields(arm, segment, c)),
                    sessions_per_unit=sessions_per_unit,
                    prevented_per_unit=per_unit,
                    prevented_per_month=per_month,
                    conversion_rate_engaged=rate,
                    aov=aov,
                    value_per_engaged_session=value,
                    value_per_month=per_month_value,
                    value_per_month_ci=(
                        None
                        if per_month_value is None or ci is None
                        else (-ci[1] * scale, -ci[0] * scale)
                    ),
                )
            )
    return tuple(out)


def ctr_rows(
    groups: Groups, control: str, treatments: list[str], segments: list[str | None], alpha: float
) -> tuple[CtrRow, ...]:
    out = []
    for segment in segments:
        base = groups.get((control, segment))
        for arm in treatments:
            g = groups.get((arm, segment))
            if base is None or g is None or g.personalized.sum_y == 0:
                continue
            c = compare_ratios(base.default, g.personalized, alpha)
            d = g.default
            out.append(
                CtrRow(
                    **vars(tested_fields(arm, segment, c)),
                    impressions_control=base.default.sum_y,
                    impressions_treatment=g.personalized.sum_y,
                    default_ctr_in_arm=d.sum_x / d.sum_y if d.sum_y else None,
                )
            )
    return tuple(out)


def click_rows(
    groups: Groups, treatments: list[str], segments: list[str | None], alpha: float
) -> tuple[ClickRow, ...]:
    out = []
    for segment in segments:
        for arm in treatments:
            g = groups.get((arm, segment))
            if g is None or g.counts["seen"] == 0:
                continue
            k = g.counts
            clicked = SampleStats(k["clicked"], k["clicked_converted"], k["clicked_converted"])
            n_not = k["seen"] - k["clicked"]
            c_not = k["seen_converted"] - k["clicked_converted"]
            comparison = compare_proportions(SampleStats(n_not, c_not, c_not), clicked, alpha)
            out.append(
                ClickRow(**vars(tested_fields(arm, segment, comparison)), observational=True)
            )
    return tuple(out)


def _rel(row: TestedRow) -> str:
    rel, ci = row.relative_lift, row.relative_ci
    if rel is None:
        return "–"
    return f"{rel:+.1%}" + ("" if ci is None else f" [{ci[0]:+.1%}, {ci[1]:+.1%}]")


def _padj(row: BounceRow | CtrRow) -> str:
    p = row.p_value_adjusted
    return "–" if p is None else ("< 0.001" if p < 0.001 else f"{p:.3f}")


def _tested(key: str, row: BounceRow | CtrRow, places: int, **more: Phrase | None) -> Phrase:
    """A tested rate's finding: the arm, both rates (to `places` decimals of a percent), the
    relative lift with its interval and the adjusted p."""
    rates = {"rate": row.treatment_value, "control_rate": row.control_value}
    shown = {k: f"{v:.{places}%}" for k, v in rates.items()}
    return Phrase.of(key, arm=row.arm, **shown, lift=_rel(row), p=_padj(row), **more)


def _money_ci(ci: tuple[float, float] | None, currency: str) -> Phrase | None:
    return (
        None if ci is None else Phrase.of("eng.money_ci", low=ci[0], high=ci[1], currency=currency)
    )


def bounce_findings(rows: tuple[BounceRow, ...], currency: str) -> list[Phrase]:
    """One per arm; segments whose lift is significant after correction are appended."""
    out = []
    for r in rows:
        if r.segment is not None or r.treatment_value is None:
            continue
        value, rate, aov = r.value_per_month, r.conversion_rate_engaged, r.aov
        worth = None
        # A value per month implies the engaged session's rate and AOV.
        prevented = r.prevented_per_month
        if value is not None and prevented is not None and rate is not None and aov is not None:
            worth = Phrase.of(
                "eng.bounce.prevented" if value >= 0 else "eng.bounce.extra",
                arm=r.arm,
                value=value,
                ci=_money_ci(r.value_per_month_ci, currency),
                bounces=abs(prevented),
                engaged=f"{rate:.2%}",
                aov=aov,
                currency=currency,
            )
        segments = tuple(
            Phrase.of(
                "eng.bounce.segment",
                segment=s.segment,
                lift=_rel(s).split(" [")[0],
                worth=None
                if s.value_per_month is None
                else Phrase.of(
                    "eng.bounce.segment_worth", value=s.value_per_month, currency=currency
                ),
            )
            for s in rows
            if s.arm == r.arm and s.segment is not None and s.significant
        )
        listed = Phrase.of("eng.bounce.segments", items=segments) if segments else None
        out.append(_tested("eng.bounce", r, 1, worth=worth, segments=listed))
    return out


def ctr_findings(rows: tuple[CtrRow, ...]) -> list[Phrase]:
    out = []
    for r in rows:
        if r.segment is not None or r.treatment_value is None:
            continue
        by_segment = tuple(
            Phrase.of("eng.ctr.segment", segment=s.segment, lift=f"{s.relative_lift:+.0%}")
            for s in rows
            if s.arm == r.arm and s.segment is not None and s.relative_lift is not None
        )
        listed = Phrase.of("eng.ctr.segments", items=by_segment) if by_segment else None
        out.append(_tested("eng.ctr", r, 2, segments=listed))
    return out


def click_findings(rows: tuple[ClickRow, ...]) -> list[Phrase]:
    return [
        Phrase.of(
            "eng.clicks",
            arm=r.arm,
            rate=f"{r.treatment_value:.1%}",
            control_rate=f"{r.control_value:.1%}",
            clicked=r.n_treatment,
            not_clicked=r.n_control,
        )
        for r in rows
        if r.segment is None and r.treatment_value is not None and r.control_value
    ]
