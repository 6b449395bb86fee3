"""The trend section's table: per-arm statistics by cohort and by week since exposure.

Rows in the grouped arm-stats layout, each with a `part`:

- `cohorts`: dimensions COHORT, one per calendar period and one per governance change
  (data/trend_sql.py `cohort_view`), over every metric;
- `weeks`: dimension WEEK over the weekly metrics, from the unit x week rows with events;
- `empty`: the statistics of one unit x week without events (n_units 1);
- `eligible`: exposed units per arm (`n_units`) by their number of full weeks
  (`full_weeks`), which says how many units each week has.

Columns a part does not have are empty. The audit runs the parts on its unit table
(data/trend.py; the unit x week rows materialized once and sorted, so the float
sums are the same every run); `trend_query` composes the same builders into one
statement for `personalroi sql`. Both are read by data/trend.py `trend_from_records`;
`read_trend_file` reads the saved table.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from personalroi.data.arm_sql import grouped_stats_query, stat_columns
from personalroi.data.sources import duckdb_errors, ident, register
from personalroi.data.trend import TrendStats, cohort_plan, trend_from_records, trend_plans
from personalroi.data.trend_sql import (
    WEEK,
    active_weeks_query,
    cohort_view,
    empty_week_query,
    end_literal,
    full_weeks,
    full_weeks_histogram,
    observation_end,
)
from personalroi.data.unit_sql import UNIT_ROW
from personalroi.errors import DataError
from personalroi.plan.query_plan import QueryPlan

FILE_KEY = "units.aggregated.trend"
NUMBERED = "trend_units"


def table_columns(cohort_plan: QueryPlan) -> list[str]:
    """Every column: part, arm, the cohort dimensions, WEEK, full_weeks, n_units, the
    statistics of every metric (the weekly metrics' are a subset)."""
    stats = [c for m in cohort_plan.metrics.values() for c in m.statistic_columns]
    dims = [*cohort_plan.units.dimension_names, WEEK]
    return ["part", "arm", *dims, "full_weeks", "n_units", *stats]


def trend_query(plan: QueryPlan, tables: Mapping[str, str], units: str) -> tuple[list[str], str]:
    """DuckDB SQL: CTEs and one SELECT giving the whole table, over the per-unit relation
    `units` (with EXPOSED) and the sources as `tables` names them."""
    cohorts_plan, weekly_plan = trend_plans(plan)
    columns = table_columns(cohorts_plan)
    ctes = [
        f"{NUMBERED} AS (\n  SELECT *, ROW_NUMBER() OVER (ORDER BY unit_id) AS "
        f"{ident(UNIT_ROW)} FROM {units}\n)"
    ]
    _, caps = stat_columns(cohorts_plan)
    if caps:
        ctes.append(f"trend_caps AS (\n  SELECT {', '.join(caps)} FROM {NUMBERED}\n)")
    caps_table = "trend_caps AS caps" if caps else None
    ctes.append(f"cohorts AS (\n{cohort_view(plan, NUMBERED)}\n)")
    parts: list[tuple[str, str, QueryPlan | None]] = [
        ("cohorts", grouped_stats_query(cohorts_plan, "cohorts", caps_table), cohorts_plan)
    ]
    if weekly_plan is not None:
        ctes.append(f"active AS (\n{active_weeks_query(weekly_plan, tables, NUMBERED)}\n)")
        known = observation_end(plan)
        end = end_literal(known) if known else "(SELECT MAX(last_at) FROM active)"
        weeks = (
            f"(SELECT *, CAST(week AS VARCHAR) AS {ident(WEEK)} FROM active "
            f"WHERE week < {full_weeks(end)}) AS weeks"
        )
        one_row = weekly_plan.narrowed(weekly_plan.metrics, [])
        empty = f"({empty_week_query(weekly_plan)}) AS empty"
        parts += [
            ("weeks", grouped_stats_query(weekly_plan, weeks, caps_table), weekly_plan),
            ("empty", grouped_stats_query(one_row, empty, caps_table), one_row),
            ("eligible", full_weeks_histogram(NUMBERED, end), None),
        ]
    selects = []
    for i, (name, sql, part_plan) in enumerate(parts):
        ctes.append(f"part_{i} AS (\n{sql}\n)")
        selects.append(_aligned(name, f"part_{i}", _part_columns(part_plan), columns))
    return ctes, "\nUNION ALL\n".join(selects)


def _part_columns(plan: QueryPlan | None) -> dict[str, str]:
    """The part's own columns, by table column (the histogram's units are n_units)."""
    if plan is None:
        return {"arm": "arm", "full_weeks": "full_weeks", "n_units": "units"}
    names = ["arm", *plan.units.dimension_names, "n_units"]
    names += [c for m in plan.metrics.values() for c in m.statistic_columns]
    return {n: n for n in names}


def _aligned(part: str, relation: str, own: Mapping[str, str], columns: list[str]) -> str:
    items = []
    for column in columns:
        kind = "VARCHAR" if column in ("part", "arm") or column == WEEK else "DOUBLE"
        if column.startswith("trend__"):
            kind = "VARCHAR"
        if column == "part":
            value = f"'{part}'"
        elif column in own:
            value = ident(own[column])
        else:
            value = "NULL"
        items.append(f"CAST({value} AS {kind}) AS {ident(column)}")
    return f"SELECT {', '.join(items)}\nFROM {relation}"


def read_trend_file(plan: QueryPlan, path: Path, arms: list[str]) -> TrendStats:
    """The by-hand path: the saved table (CSV or Parquet). The weekly metrics are those
    with statistics in its `empty` row (the config's sources, which say which metrics
    are timed, need not be in an aggregated config)."""
    import duckdb

    if not path.is_file():
        raise DataError(f"{path}: no such file ({FILE_KEY}); save the trend query's result there.")
    cohorts_plan = cohort_plan(plan)
    columns = table_columns(cohorts_plan)
    con = duckdb.connect()
    table = register(con, "trend__saved", path)
    for column in columns:
        table.require(column, FILE_KEY)
    text = {"part", "arm", WEEK, *cohorts_plan.units.dimension_names}
    casts = [
        f"CAST({ident(c)} AS {'VARCHAR' if c in text else 'DOUBLE'}) AS {ident(c)}" for c in columns
    ]
    with duckdb_errors(path):
        cursor = con.execute(f"SELECT {', '.join(casts)} FROM {ident(table.view)}")
        rows = [_counts(dict(zip(columns, r, strict=True))) for r in cursor.fetchall()]
    empty = [r for r in rows if r["part"] == "empty"]
    weekly = {
        n: m
        for n, m in cohorts_plan.metrics.items()
        if empty and empty[0].get(m.statistic_columns[0]) is not None
    }
    weekly_plan = plan.narrowed(weekly, [WEEK]) if weekly else None
    return trend_from_records(cohorts_plan, weekly_plan, rows, arms, where=str(path))


def _counts(row: dict[str, Any]) -> dict[str, Any]:
    """Counts as integers, as the engine returns them."""
    for key, value in row.items():
        if value is not None and (key in ("n_units", "full_weeks") or key.endswith("__n")):
            row[key] = int(value)
    return row
