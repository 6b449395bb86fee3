"""The JSON section `trend`: lift by week since first exposure and by calendar week of first
exposure, the novelty test on the weekly lifts, and lift with and without calendar periods.

Every per-week comparison is the audit's own test (`metric_rows`) on that week's
sufficient statistics; weekly rows are descriptive (raw p-values, no family
adjustment), the novelty and calendar tests are adjusted across their own list
with the experiment's correction, as `heterogeneity` is.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import replace

from personalroi.audit.calendar import calendar_entries, calendar_phrase
from personalroi.audit.metric_row import MetricRow
from personalroi.audit.metrics import Stats, compare_metric, metric_rows
from personalroi.audit.trend_result import CalendarEntry, NoveltyEntry, TrendSection, WeekLift
from personalroi.audit.wording import scaled_lift
from personalroi.config.model import Config, MetricConfig
from personalroi.data.grouped import ArmKey, MetricStats
from personalroi.data.trend import TrendStats
from personalroi.data.trend_sql import COHORT, WEEK, observation_end
from personalroi.i18n import Phrase
from personalroi.scorecard.gaps import Gap
from personalroi.stats.correction import Correction, adjust
from personalroi.stats.trend import MIN_POINTS, weighted_slope


def level_rows(
    metrics: Mapping[str, MetricConfig],
    by_level: Mapping[ArmKey, MetricStats],
    dimension: str,
    control: str,
    treatments: list[str],
    alpha: float,
) -> dict[str, list[MetricRow]]:
    """Unadjusted comparison rows per level of one dimension (levels lacking control skipped)."""
    per_level: dict[str, dict[str, Mapping[str, Stats]]] = {}
    for (arm, level), stats in by_level.items():
        assert level is not None
        per_level.setdefault(level, {})[arm] = stats
    out = {}
    for level, per_arm in per_level.items():
        arms = [a for a in treatments if a in per_arm]
        if control in per_arm and arms:
            out[level] = metric_rows(
                metrics, per_arm, control, arms, alpha, "none", dimension=dimension, level=level
            )
    return out


def null_se(metric: MetricConfig, control: Stats, treatment: Stats) -> float | None:
    """SE of the absolute lift as if both arms shared their pooled distribution.

    The novelty regression weights each week by 1 / SE^2. The test's own SE grows
    with the treatment estimate on skewed data (a big spender raises both the mean
    and the variance), so those weights would favour low estimates and tilt the
    slope; the pooled SE is the same whichever arm the big spender is in.
    """
    if control.n < 2 or treatment.n < 2:
        return None
    pooled = control + treatment  # type: ignore[operator]
    c = compare_metric(metric, pooled, pooled, 0.05)
    if c.control_variance is None or not c.control_variance > 0:
        return None
    per_unit = c.control_variance * pooled.n
    return math.sqrt(per_unit * (1 / control.n + 1 / treatment.n))


def novelty_entry(
    metric: str,
    config: MetricConfig,
    arm: str,
    weekly: list[tuple[int, MetricRow, float | None]],
    alpha: float,
) -> NoveltyEntry | None:
    """WLS slope of the weekly lift on the week index; None below three testable weeks.

    `weekly`: (week, row, null SE of the absolute lift). Relative lifts are used
    where the control value is not 0 (the absolute lift follows the baseline,
    which changes from week to week); with fewer than three such weeks, absolute.
    """
    usable = [
        (k, r.comparison, se) for k, r, se in weekly if r.comparison.p_value is not None and se
    ]
    relative = [
        (k, c.relative_lift, se / abs(c.control_value))
        for k, c, se in usable
        if c.relative_lift is not None and c.control_value
    ]
    scale, points = "relative", relative
    # NPS reads in points everywhere, as in the metric table.
    if config.type == "nps" or len(relative) < MIN_POINTS:
        scale = "absolute"
        points = [(k, c.absolute_lift, se) for k, c, se in usable if c.absolute_lift is not None]
    test = weighted_slope(
        [float(k) for k, _, _ in points],
        [e for _, e, _ in points],
        [s for _, _, s in points],
        alpha,
    )
    if test is None:
        return None
    return NoveltyEntry(metric, arm, config.better, scale, test.points, test.intercept,
                        test.slope, test.se, test.ci, test.p_value)  # fmt: skip


def novelty_phrase(e: NoveltyEntry) -> Phrase | None:
    """Plain-language reading of a significant slope (None when not significant)."""
    if not e.drifts:
        return None
    if e.novelty:
        key = "trend.novelty"
    else:
        sign = 1 if e.better == "higher" else -1
        key = "trend.grows" if e.slope * sign > 0 else "trend.worsens"
    return Phrase.of(
        key,
        scale=Phrase.of(f"trend.scale.{e.scale}"),
        metric=e.metric,
        arm=e.arm,
        week0=scaled_lift(e.scale, e.lift_week_0),
        slope=scaled_lift(e.scale, e.slope),
        p=e.p_value_adjusted,
    )


def novelty_entries(
    weekly: dict[str, list[MetricRow]],
    stats: Mapping[ArmKey, MetricStats],
    metrics: Mapping[str, MetricConfig],
    control: str,
    alpha: float,
    correction: Correction,
) -> list[NoveltyEntry]:
    series: dict[tuple[str, str], list[tuple[int, MetricRow, float | None]]] = {}
    for week, rows in weekly.items():
        for r in rows:
            c, t = stats[(control, week)][r.metric], stats[(r.arm, week)][r.metric]
            se = null_se(metrics[r.metric], c, t)
            series.setdefault((r.metric, r.arm), []).append((int(week), r, se))
    entries = []
    for (metric, arm), points in series.items():
        ordered = sorted(points, key=lambda p: p[0])
        entry = novelty_entry(metric, metrics[metric], arm, ordered, alpha)
        if entry is not None:
            entries.append(entry)
    adjusted = adjust([e.p_value for e in entries], correction)
    return [_adjusted(e, p_adj, alpha) for e, p_adj in zip(entries, adjusted, strict=True)]


def _adjusted(entry: NoveltyEntry, p_adj: float | None, alpha: float) -> NoveltyEntry:
    sign = 1 if entry.better == "higher" else -1
    drifts = p_adj is not None and p_adj < alpha
    # Novelty: an early lift in the good direction that decays significantly.
    novelty = drifts and entry.slope * sign < 0 and entry.lift_week_0 * sign > 0
    entry = replace(entry, p_value_adjusted=p_adj, drifts=drifts, novelty=novelty)
    finding = novelty_phrase(entry)
    return replace(entry, finding=None if finding is None else finding.text())


def _gap(
    area: str, severity: str, entry: NoveltyEntry | CalendarEntry, finding: Phrase | None
) -> Gap:
    assert finding is not None  # only entries with a finding become gaps
    details = {"kind": area, "metric": entry.metric, "arm": entry.arm}
    return Gap.said(area, severity, finding, Phrase.of(f"{area}.advice"), details)


def build_trend(
    config: Config,
    stats: TrendStats,
    control: str,
    treatments: list[str],
    alpha: float,
    correction: Correction,
) -> tuple[TrendSection, list[Gap]]:
    """The section and the gaps its novelty and calendar findings make."""
    cohorts = level_rows(
        {name: config.metrics[name] for name in stats.cohort_plan.metrics},
        stats.cohorts.by_dimension[COHORT],
        COHORT,
        control,
        treatments,
        alpha,
    )
    weekly: dict[str, list[MetricRow]] = {}
    novelty: list[NoveltyEntry] = []
    if stats.weekly_plan is not None and stats.weeks is not None:
        by_week = stats.weeks.by_dimension[WEEK]
        metrics = {name: config.metrics[name] for name in stats.weekly_plan.metrics}
        weekly = level_rows(metrics, by_week, WEEK, control, treatments, alpha)
        novelty = novelty_entries(weekly, by_week, metrics, control, alpha, correction)
    calendar = calendar_entries(config, stats, control, treatments, alpha, correction)
    end = observation_end(stats.cohort_plan)
    section = TrendSection(
        observation_end=None if end is None else end.isoformat(),
        weekly_metrics=() if stats.weekly_plan is None else tuple(stats.weekly_plan.metrics),
        by_exposure_week=tuple(
            WeekLift.of(r, int(k)) for k in sorted(weekly, key=int) for r in weekly[k]
        ),
        by_calendar_week=tuple(WeekLift.of(r, k) for k in sorted(cohorts) for r in cohorts[k]),
        novelty=tuple(novelty),
        calendar=tuple(calendar),
    )
    gaps = [
        _gap("trend", "medium" if e.novelty else "low", e, novelty_phrase(e))
        for e in novelty
        if e.finding
    ]
    gaps += [_gap("calendar", "medium", e, calendar_phrase(e)) for e in calendar if e.finding]
    return section, gaps
