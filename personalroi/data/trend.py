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
from personalroi.data.progress import Record, records
from personalroi.data.sources import duckdb_errors
from personalroi.data.trend_sql import (
    COHORT,
    WEEK,
    change_column,
    cohort_view,
    period_column,
)
from personalroi.data.trend_weeks import weekly_records, weeks_from_parts
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


def trend_plans(plan: QueryPlan) -> tuple[QueryPlan, QueryPlan | None]:
    """The cohort plan and the weekly plan (the weekly metrics by WEEK; None if none)."""
    weekly = plan.weekly_metrics
    return cohort_plan(plan), plan.narrowed(weekly, [WEEK]) if weekly else None


def cohort_plan(plan: QueryPlan) -> QueryPlan:
    """Every metric by COHORT, each calendar period and each governance change."""
    periods = [period_column(i) for i in range(len(plan.calendar))]
    periods += [change_column(i) for i in plan.changes]
    return plan.narrowed(plan.metrics, [COHORT, *periods])


def trend_from_records(
    cohorts_plan: QueryPlan,
    weekly_plan: QueryPlan | None,
    rows: list[Record],
    arms: list[str],
    where: str = "statistics",
) -> TrendStats:
    """The trend table's rows (data/trend_table.py: each with its `part`) as TrendStats."""
    cohorts = [r for r in rows if r["part"] == "cohorts"]
    grouped = split_rows(cohorts_plan, cohorts, arms, where=where)
    weeks = None
    if weekly_plan is not None:
        weekly = [r for r in rows if r["part"] != "cohorts"]
        weeks = split_rows(weekly_plan, weeks_from_parts(weekly_plan, weekly), arms, where=where)
    return TrendStats(cohorts_plan, grouped, weekly_plan, weeks)


def load_trend(plan: QueryPlan, data: Dataset, unit_table: str) -> TrendStats | None:
    """None when the trend cannot be computed: aggregated input or no units.timestamp."""
    if not data.has_unit_values or not plan.units.timestamp:
        return None
    arms = [data.control, *data.treatments]
    cohorts_plan, weekly_plan = trend_plans(plan)
    con = data.con
    with duckdb_errors(plan.units.path):
        # Winsorization caps as in the main analysis: quantiles of the unit totals.
        _, caps = stat_columns(cohorts_plan)
        if caps:
            con.execute(
                f"CREATE OR REPLACE TEMP TABLE {CAPS} AS SELECT {', '.join(caps)} FROM {unit_table}"
            )
        # The statistics read the caps as `caps.cap__<metric>`.
        caps_table = f"{CAPS} AS caps" if caps else None
        view = f"WITH cohorts AS (\n{cohort_view(plan, unit_table)}\n)\n"
        sql = view + grouped_stats_query(cohorts_plan, "cohorts", caps_table)
        rows = [{**r, "part": "cohorts"} for r in records(con, sql, "Trend by cohort")]
        if weekly_plan is not None:
            # The events are joined to the units: sized scans, so the units are hashed.
            scans = {name: t.sized_scan for name, t in data.tables.items()}
            rows += weekly_records(con, weekly_plan, scans, unit_table, caps_table)
    return trend_from_records(cohorts_plan, weekly_plan, rows, arms)
