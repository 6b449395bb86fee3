"""Split rows of the grouped arm-stats layout into overall and per-dimension statistics.

The layout (arm_sql.grouped_stats_query, and the aggregated-input file): one
row per arm with every dimension column empty, plus one row per arm x level of
each dimension with only that dimension's column set.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from personalroi.errors import DataError
from personalroi.plan.query_plan import QueryPlan
from personalroi.stats.sufficient import JointStats, RatioCovariateStats, SampleStats

ArmKey = tuple[str, str | None]  # (arm, dimension level or None)
MetricStats = dict[str, SampleStats | JointStats]


@dataclass(frozen=True)
class GroupedStats:
    overall: dict[str, MetricStats]
    by_dimension: dict[str, dict[ArmKey, MetricStats]]
    units_per_arm: dict[str, int]


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value == ""


def split_rows(
    plan: QueryPlan,
    records: Iterable[Mapping[str, Any]],
    arms: Sequence[str],
    where: str = "statistics",
    arm_column: str = "arm",
) -> GroupedStats:
    """Group rows by which dimension (if any) they break down; keep only `arms`."""

    dims = plan.units.dimension_names
    overall: dict[str, MetricStats] = {}
    units: dict[str, int] = {}
    by_dimension: dict[str, dict[ArmKey, MetricStats]] = {d: {} for d in dims}
    for record in records:
        arm = record[arm_column]
        if _empty(arm) or str(arm) not in arms:
            continue
        arm = str(arm)
        set_dims = [d for d in dims if not _empty(record.get(d))]
        stats = stats_from_record(plan, dict(record))
        if not set_dims:
            if arm in overall:
                raise DataError(f"{where}: arm {arm!r} has more than one overall row.")
            overall[arm] = stats
            # Without an n_units column, the largest metric n stands in for the arm size.
            n_units = record.get("n_units")
            largest = max((s.n for s in stats.values()), default=0)
            units[arm] = largest if n_units is None or _empty(n_units) else int(n_units)
        elif len(set_dims) == 1:
            key: ArmKey = (arm, str(record[set_dims[0]]))
            if key in by_dimension[set_dims[0]]:
                raise DataError(f"{where}: arm {arm!r}, {set_dims[0]} {key[1]!r}: duplicated row.")
            by_dimension[set_dims[0]][key] = stats
        else:
            raise DataError(
                f"{where}: a row of arm {arm!r} sets {', '.join(set_dims)}; each row breaks "
                "down at most one dimension (GROUPING SETS, as `personalroi sql` writes)."
            )
    return GroupedStats(overall, by_dimension, units)


def stats_from_record(plan: QueryPlan, record: dict[str, Any]) -> MetricStats:
    """Build each metric's sufficient statistics from a row of the arm-stats layout."""

    def num(name: str, stat: str) -> float:
        value = record.get(f"{name}__{stat}")
        return (
            0.0
            if value is None or (isinstance(value, float) and math.isnan(value))
            else float(value)
        )

    stats: MetricStats = {}
    for name, metric in plan.metrics.items():
        suffixes = metric.statistics
        n, *sums = [num(name, stat) for stat in suffixes]
        kind = {3: SampleStats, 6: JointStats}.get(len(suffixes), RatioCovariateStats)
        stats[name] = kind(int(n), *sums)
    return stats
