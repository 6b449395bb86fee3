"""Run the trend queries on a loaded dataset: per-arm statistics by cohort week, calendar
period and week since exposure (small aggregate passes; one scan of each timed source).

The statistics are unadjusted (no CUPED): a pre-period covariate describes the
unit's total, not one week of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from personalroi.config.change_window import changes_in_window
from personalroi.config.model import Config
from personalroi.data.arm_sql import grouped_stats_query, stat_columns
from personalroi.data.grouped import GroupedStats, split_rows
from personalroi.data.sources import duckdb_errors
from personalroi.data.trend_sql import (
    COHORT,
    WEEK,
    change_column,
    cohort_view,
    period_column,
    weekly_metrics,
)
from personalroi.data.trend_weeks import records, weekly_records

if TYPE_CHECKING:
    from personalroi.data.dataset import Dataset

CAPS = "trend_caps"


@dataclass(frozen=True)
class TrendStats:
    """`cohorts`: dimensions COHORT, one per calendar period and one per governance change
    inside the test window, over `cohort_config`'s metrics; `weeks`: dimension WEEK over
    `weekly_config`'s metrics (None if none)."""

    cohort_config: Config
    cohorts: GroupedStats
    weekly_config: Config | None
    weeks: GroupedStats | None


def _plain(config: Config, metrics: dict[str, Any], dimensions: list[str]) -> Config:
    """The config the trend statistics are computed for: given metrics, no covariates."""
    units = config.units.model_copy(update={"dimensions": dimensions, "covariates": {}})
    return config.model_copy(update={"metrics": metrics, "units": units})


def load_trend(config: Config, data: Dataset, unit_table: str) -> TrendStats | None:
    """None when the trend cannot be computed: aggregated input or no units.timestamp."""
    if not data.has_unit_values or not config.units.timestamp:
        return None
    config = config.per_unit()
    arms = [data.control, *data.treatments]
    periods = [period_column(i) for i in range(len(config.calendar))]
    periods += [change_column(i) for i in changes_in_window(config)]
    cohort_config = _plain(config, dict(config.metrics), [COHORT, *periods])
    weekly = weekly_metrics(config)
    weekly_config = _plain(config, weekly, [WEEK]) if weekly else None
    con = data.con
    with duckdb_errors(config.units.path):
        # Winsorization caps as in the main analysis: quantiles of the unit totals.
        _, caps = stat_columns(cohort_config)
        if caps:
            con.execute(
                f"CREATE OR REPLACE TEMP TABLE {CAPS} AS SELECT {', '.join(caps)} FROM {unit_table}"
            )
        # The statistics read the caps as `caps.cap__<metric>`.
        caps_table = f"{CAPS} AS caps" if caps else None
        view = f"WITH cohorts AS (\n{cohort_view(config, unit_table)}\n)\n"
        sql = view + grouped_stats_query(cohort_config, "cohorts", caps_table)
        cohorts = split_rows(cohort_config, records(con, sql, "Trend by cohort"), arms)
        weeks = None
        if weekly_config is not None:
            # The events are joined to the units: sized scans, so the units are hashed.
            scans = {name: t.sized_scan for name, t in data.tables.items()}
            rows = weekly_records(con, weekly_config, scans, unit_table, caps_table)
            weeks = split_rows(weekly_config, rows, arms)
    return TrendStats(cohort_config, cohorts, weekly_config, weeks)
