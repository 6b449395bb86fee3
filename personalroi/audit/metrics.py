"""Compare every metric in every treatment arm with control, overall and per dimension level."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace

import numpy as np

from personalroi.audit.metric_row import MetricRow
from personalroi.config.model import MetricConfig
from personalroi.stats.bayes import chance_to_beat_control
from personalroi.stats.binary import compare_proportions
from personalroi.stats.comparison import Comparison
from personalroi.stats.correction import Correction, adjust
from personalroi.stats.cuped import compare_cuped
from personalroi.stats.cuped_ratio import compare_ratio_cuped
from personalroi.stats.guardrail import non_inferiority
from personalroi.stats.mean import compare_means
from personalroi.stats.minimum import apply_minimum
from personalroi.stats.nonparametric import compare_bootstrap, compare_mann_whitney
from personalroi.stats.nps import compare_nps
from personalroi.stats.ratio import compare_ratios
from personalroi.stats.sufficient import JointStats, RatioCovariateStats, SampleStats, value_stats
from personalroi.stats.verdict import metric_status

Stats = SampleStats | JointStats
UnitValues = Callable[[str, str], np.ndarray]
MAX_LEVELS = 8


def compare_metric(
    metric: MetricConfig,
    control: Stats,
    treatment: Stats,
    alpha: float,
    unit_values: tuple[np.ndarray, np.ndarray] | None = None,
    seed: int = 0,
) -> Comparison:
    """Dispatch to the test the metric's type (and `test:`) calls for."""
    if metric.type == "ratio":
        assert isinstance(control, JointStats) and isinstance(treatment, JointStats)
        if isinstance(control, RatioCovariateStats) and isinstance(treatment, RatioCovariateStats):
            return compare_ratio_cuped(control, treatment, alpha)
        return compare_ratios(control, treatment, alpha)
    if (
        isinstance(control, JointStats)
        and isinstance(treatment, JointStats)
        and metric.type in ("binary", "mean")
        and (unit_values is None or metric.test == "default")
    ):
        return compare_cuped(control, treatment, alpha, label=metric.type)
    c, t = value_stats(control), value_stats(treatment)
    if metric.type == "binary":
        return compare_proportions(c, t, alpha)
    if metric.type == "nps":
        return compare_nps(c, t, alpha)
    if unit_values is not None and metric.test == "mann-whitney":
        return compare_mann_whitney(*unit_values, alpha)
    if unit_values is not None and metric.test == "bootstrap":
        return compare_bootstrap(*unit_values, alpha, seed)
    return compare_means(c, t, alpha)


def _goal(metric: MetricConfig) -> dict[str, float] | None:
    if metric.goal is None:
        return None
    return {k: v for k, v in metric.goal.model_dump().items() if v is not None}


def unadjusted_row(
    name: str,
    metric: MetricConfig,
    arm: str,
    comparison: Comparison,
    dimension: str | None = None,
    level: str | None = None,
) -> MetricRow:
    """A row before the family's p-value adjustment; `finalize` sets significance and status."""
    return MetricRow(
        metric=name,
        type=metric.type,
        arm=arm,
        dimension=dimension,
        level=level,
        comparison=comparison,
        p_value_adjusted=None,
        significant=False,
        chance_to_beat_control=chance_to_beat_control(comparison, metric.better),
        goal=_goal(metric),
        status="insufficient data",
        better=metric.better,
        guardrail=metric.guardrail,
    )


def metric_rows(
    metrics: Mapping[str, MetricConfig],
    stats: Mapping[str, Mapping[str, Stats]],
    control: str,
    treatments: list[str],
    alpha: float,
    correction: Correction,
    unit_values: UnitValues | None = None,
    seed: int = 0,
    dimension: str | None = None,
    level: str | None = None,
) -> list[MetricRow]:
    """Rows for metrics x treatment arms (unadjusted: see `finalize`)."""
    rows = []
    for name, metric in metrics.items():
        for arm in treatments:
            values = None
            if unit_values is not None and metric.test != "default":
                values = (unit_values(name, control), unit_values(name, arm))
            comparison = compare_metric(
                metric, stats[control][name], stats[arm][name], alpha, values, seed
            )
            comparison = apply_minimum(
                metric.type, stats[control][name], stats[arm][name], comparison
            )
            rows.append(unadjusted_row(name, metric, arm, comparison, dimension, level))
    return rows


def finalize(
    rows: list[MetricRow],
    metrics: Mapping[str, MetricConfig],
    alpha: float,
    correction: Correction,
) -> list[MetricRow]:
    """Adjust p-values across the family of rows, then decide significance and status."""
    adjusted = adjust([r.comparison.p_value for r in rows], correction)
    out = []
    for row, p_adj in zip(rows, adjusted, strict=True):
        significant = p_adj is not None and p_adj < alpha
        goal = None
        if row.goal:
            kind, target = next(iter(row.goal.items()))
            goal = (kind, target)
        status = metric_status(
            row.comparison,
            significant=significant,
            better=row.better,
            goal=goal,  # type: ignore[arg-type]
        )
        cutoff = metrics[row.metric].guardrail_cutoff
        ni = None if cutoff is None else non_inferiority(row.comparison, cutoff, row.better)
        out.append(
            replace(
                row,
                p_value_adjusted=p_adj,
                significant=significant,
                status=status,
                non_inferiority=ni,
            )
        )
    return out


def _pool(a: Mapping[str, Stats], b: Mapping[str, Stats]) -> dict[str, Stats]:
    """Sufficient statistics of the union of two disjoint groups of units."""
    out: dict[str, Stats] = {}
    for name, left in a.items():
        right = b[name]
        if isinstance(left, JointStats):
            assert isinstance(right, JointStats)
            out[name] = left + right
        else:
            assert isinstance(right, SampleStats)
            out[name] = left + right
    return out


def _level_sizes(by_level: Mapping[tuple[str, str | None], Mapping[str, Stats]]) -> dict[str, int]:
    """Units per level, pooled over arms (an arm's largest metric n stands in for its units)."""
    sizes: dict[str, int] = {}
    for (_arm, level), stats in by_level.items():
        assert level is not None
        sizes[level] = sizes.get(level, 0) + max(s.n for s in stats.values())
    return sizes


def _kept_levels(sizes: Mapping[str, int]) -> tuple[list[str], list[str]]:
    """The largest MAX_LEVELS levels, and the rest (pooled as 'other')."""
    ordered = sorted(sizes, key=lambda lv: (-sizes[lv], lv))
    return ordered[:MAX_LEVELS], ordered[MAX_LEVELS:]


def level_units(by_level: Mapping[tuple[str, str | None], Mapping[str, Stats]]) -> dict[str, int]:
    """Units per level as the dimension rows report them ('other' pools the smallest levels)."""
    sizes = _level_sizes(by_level)
    kept, pooled = _kept_levels(sizes)
    units = {level: sizes[level] for level in kept}
    if pooled:
        units["other"] = sum(sizes[level] for level in pooled)
    return units


def dimension_rows(
    metrics: Mapping[str, MetricConfig],
    by_level: Mapping[tuple[str, str | None], Mapping[str, Stats]],
    dimension: str,
    control: str,
    treatments: list[str],
    alpha: float,
    correction: Correction,
) -> list[MetricRow]:
    """Per-level rows for one dimension; the largest levels first, the rest pooled as 'other'.

    Per-level rows use the sufficient-statistic tests, and are adjusted as their
    own family (metrics x arms x levels of this dimension).
    """
    kept, pooled = _kept_levels(_level_sizes(by_level))
    levels: dict[str, dict[str, Mapping[str, Stats]]] = {lv: {} for lv in kept}
    if pooled:
        levels["other"] = {}
    for (arm, level), stats in by_level.items():
        assert level is not None
        target = level if level in kept else "other"
        previous = levels[target].get(arm)
        levels[target][arm] = stats if previous is None else _pool(previous, stats)
    default_tests = {n: m.model_copy(update={"test": "default"}) for n, m in metrics.items()}
    rows: list[MetricRow] = []
    for level, per_arm in levels.items():
        arms_here = [a for a in treatments if a in per_arm]
        if control not in per_arm or not arms_here:
            continue
        rows += metric_rows(
            default_tests,
            per_arm,
            control,
            arms_here,
            alpha,
            correction,
            dimension=dimension,
            level=level,
        )
    return finalize(rows, metrics, alpha, correction)
