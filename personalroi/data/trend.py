"""Run the trend queries on a loaded dataset: per-arm statistics by cohort week, calendar
period and week since exposure (small aggregate passes; one scan of each timed source).

The statistics are unadjusted (no CUPED): a pre-period covariate describes the
unit's total, not one week of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from personalroi.data.arm_sql import grouped_stats_query, stat_columns
from personalroi.data.grouped import GroupedStats, split_rows
from personalroi.data.sources import duckdb_errors
from personalroi.data.trend_sql import (
    COHORT,
    WEEK,
    change_column,
    cohort_view,
    period_column,
)
from personalroi.data.trend_weeks import records, weekly_records
from personalroi.plan.query_plan import QueryPlan

if TYPE_CHECKING:
    from personalroi.data.dataset import Dataset

CAPS = "trend_caps"


@dataclass(frozen=True)
class TrendStats:
    """`cohorts`: dimensions COHORT, one per calendar period and one per governance change
    inside the test window, over `cohort_plan`'s metrics; `weeks`: dimension WEEK over
    `weekly_plan`'s metrics (None if none)."""

    cohort_plan: QueryPlan
    cohorts: GroupedStats
    weekly_plan: QueryPlan | None
    weeks: GroupedStats | None


def load_trend(plan: QueryPlan, data: Dataset, unit_table: str) -> TrendStats | None:
    """None when the trend cannot be computed: aggregated input or no units.timestamp."""
    if not data.has_unit_values or not plan.units.timestamp:
        return None
    arms = [data.control, *data.treatments]
    periods = [period_column(i) for i in range(len(plan.calendar))]
    periods += [change_column(i) for i in plan.changes]
    cohort_plan = plan.narrowed(plan.metrics, [COHORT, *periods])
    weekly = plan.weekly_metrics
    weekly_plan = plan.narrowed(weekly, [WEEK]) if weekly else None
    con = data.con
    with duckdb_errors(plan.units.path):
        # Winsorization caps as in the main analysis: quantiles of the unit totals.
        _, caps = stat_columns(cohort_plan)
        if caps:
            con.execute(
                f"CREATE OR REPLACE TEMP TABLE {CAPS} AS SELECT {', '.join(caps)} FROM {unit_table}"
            )
        # The statistics read the caps as `caps.cap__<metric>`.
        caps_table = f"{CAPS} AS caps" if caps else None
        view = f"WITH cohorts AS (\n{cohort_view(plan, unit_table)}\n)\n"
        sql = view + grouped_stats_query(cohort_plan, "cohorts", caps_table)
        cohorts = split_rows(cohort_plan, records(con, sql, "Trend by cohort"), arms)
        weeks = None
        if weekly_plan is not None:
            # The events are joined to the units: sized scans, so the units are hashed.
            scans = {name: t.sized_scan for name, t in data.tables.items()}
            rows = weekly_records(con, weekly_plan, scans, unit_table, caps_table)
            weeks = split_rows(weekly_plan, rows, arms)
    return TrendStats(cohort_plan, cohorts, weekly_plan, weeks)
