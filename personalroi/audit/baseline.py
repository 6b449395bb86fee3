"""The baseline view: each covariate's pre-period level per arm, next to the test period.

CUPED uses the pre-period only to cut variance; a reviewer also wants to see it:
were the arms alike before the test (randomization worked), and how much did
each arm move from before to during the test? The numbers come from the same
per-arm sufficient statistics the CUPED tests use, so no data is read again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from personalroi.config.model import Config, RatioCovariate
from personalroi.data.grouped import MetricStats
from personalroi.stats.sufficient import JointStats, RatioCovariateStats, SampleStats


@dataclass(frozen=True)
class BaselineRow:
    metric: str
    covariate: str  # the pre-period column, or 'numerator / denominator' for a ratio
    arm: str
    units: int
    before: float | None  # pre-period level: mean of the column, or the pre-period ratio
    after: float | None  # the metric's level during the test
    change: float | None  # after / before - 1; None when before is 0
    # The arm's pre-period level against control's, relative: near 0 when randomization
    # balanced the arms (None for control itself).
    before_vs_control: float | None = None


def _ratio(numerator: float, denominator: float) -> float | None:
    return numerator / denominator if denominator else None


def _levels(
    stats: SampleStats | JointStats | None,
) -> tuple[int, float | None, float | None] | None:
    """(units, before, after) of one arm's covariate-carrying statistics, else None."""
    if isinstance(stats, RatioCovariateStats):
        return stats.n, _ratio(stats.sum_px, stats.sum_py), _ratio(stats.sum_x, stats.sum_y)
    if isinstance(stats, JointStats):
        # Mean and binary metrics with a covariate: x is the metric, y the pre-period value.
        return stats.n, _ratio(stats.sum_y, stats.n), _ratio(stats.sum_x, stats.n)
    return None


def baseline_rows(
    config: Config, stats: Mapping[str, MetricStats], arms: Sequence[str]
) -> tuple[BaselineRow, ...]:
    """One row per covariate metric and arm; `arms` starts with control."""
    rows: list[BaselineRow] = []
    for metric, covariate in config.units.covariates.items():
        label = (
            f"{covariate.numerator} / {covariate.denominator}"
            if isinstance(covariate, RatioCovariate)
            else covariate
        )
        control_before = None
        for i, arm in enumerate(arms):
            found = _levels(stats.get(arm, {}).get(metric))
            if found is None:
                continue
            units, before, after = found
            if i == 0:
                control_before = before
            rows.append(
                BaselineRow(
                    metric,
                    label,
                    arm,
                    units,
                    before,
                    after,
                    _relative(after, before),
                    None if i == 0 else _relative(before, control_before),
                )
            )
    return tuple(rows)


def _relative(value: float | None, reference: float | None) -> float | None:
    if value is None or not reference:
        return None
    return value / reference - 1
