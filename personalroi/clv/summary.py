"""One row per unit of purchase history, built in DuckDB from the orders source.

Purchases are counted per calendar day (several orders on one day are one
purchase occasion, as the BG/NBD literature does), so x is the number of
purchase days after the first one. Times are in days here; `fits.py`
converts them to the configured time unit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from personalroi.clv.history_table import (
    COLUMNS,
    TABLE_COLUMNS,
    histories_from_columns,
    read_histories_file,
)
from personalroi.clv.history_table import Histories as Histories
from personalroi.clv.history_table import History as History
from personalroi.data.sources import Table, duckdb_errors, ident, register, sql_string
from personalroi.data.unit_sql import unit_query
from personalroi.errors import DataError, did_you_mean
from personalroi.plan.inputs import SourceInput
from personalroi.plan.query_plan import QueryPlan
from personalroi.plan.refs import UNITS
from personalroi.plan.sections import ClvPlan

if TYPE_CHECKING:
    import duckdb

    from personalroi.engines.base import Connection

CLV_UNITS = "clv_units"
DAYS_PER_UNIT = {"day": 1.0, "week": 7.0, "month": 365.25 / 12}


@dataclass(frozen=True)
class AnalysedUnits:
    """Units an audit already reduced: `table` (unit_id, arm) in `con`, and the arms in order.

    The CLV histories then join the orders to them instead of reading the units file
    again, and read the orders through `tables` (the audit's registered files by
    source name) instead of registering the file again.
    """

    con: Connection
    table: str
    arms: list[str]
    tables: Mapping[str, Table] = field(default_factory=dict)


def summary_query(
    plan: QueryPlan,
    views: Mapping[str, str],
    arms: Sequence[str] | None,
    end: dt.date | None,
    holdout_end: dt.date | None = None,
    units_sql: str | None = None,
) -> str:
    """The CLV section's table (clv/history_table.py): each arm's size and its buyers'
    COLUMNS, orders up to `end` (inclusive; None: the last order's day).

    `units_sql` selects the units (unit_id, arm); by default the units are reduced here
    from `views` (the by-hand query reads the raw tables so). `arms`: the arms kept
    (None: every arm of the units).
    """
    assert plan.clv is not None
    clv, window = plan.clv, plan.window
    source = clv.orders
    assert source is not None
    assert source.timestamp is not None
    ts = f"CAST({ident(source.timestamp)} AS TIMESTAMP)"
    orders = views[source.name]
    lower = f" AND {ts} >= TIMESTAMP {sql_string(window.start.isoformat())}" if window.start else ""
    category = (
        f"CAST({ident(clv.category)} AS VARCHAR)" if clv.category else "CAST(NULL AS VARCHAR)"
    )
    if end is None:
        end_sql = f"(SELECT MAX(CAST({ts} AS DATE)) FROM {orders})"
        upper = f"CAST({ts} AS DATE) <= {end_sql}"
    else:
        end_sql = f"DATE {sql_string(end.isoformat())}"
        last = holdout_end or end
        upper = f"{ts} < TIMESTAMP {sql_string((last + dt.timedelta(days=1)).isoformat())}"
    units = units_sql or unit_query(plan.units_only(), views, arms)
    kept = f" WHERE arm IN ({', '.join(sql_string(a) for a in arms)})" if arms else ""
    return f"""WITH units AS ({units}),
o AS (
  SELECT CAST({ident(source.id)} AS VARCHAR) AS unit_id, CAST({ts} AS DATE) AS day,
         COALESCE(CAST({ident(clv.amount)} AS DOUBLE), 0) AS amount, {category} AS category
  FROM {orders}
  WHERE {ident(source.id)} IS NOT NULL AND {ts} IS NOT NULL
    AND {upper}{lower}
),
cal AS (SELECT * FROM o WHERE day <= {end_sql}),
d AS (
  SELECT unit_id, day, SUM(amount) AS spend, COUNT(*) AS orders,
         ROW_NUMBER() OVER (PARTITION BY unit_id ORDER BY day) AS k
  FROM cal GROUP BY unit_id, day
),
per AS (
  SELECT unit_id, COUNT(*) AS purchase_days, SUM(orders) AS orders, SUM(spend) AS revenue,
         COALESCE(SUM(CASE WHEN k > 1 THEN spend END), 0) AS repeat_spend,
         date_diff('day', MIN(day), MAX(day)) AS span_days,
         date_diff('day', MIN(day), {end_sql}) AS age_days
  FROM d GROUP BY unit_id
),
cats AS (SELECT unit_id, COUNT(DISTINCT category) AS categories FROM cal GROUP BY unit_id),
hold AS (
  SELECT unit_id, COUNT(DISTINCT day) AS holdout_days FROM o WHERE day > {end_sql}
  GROUP BY unit_id
),
sizes AS (SELECT arm, COUNT(*) AS arm_units FROM units{kept} GROUP BY arm),
buyers AS (
  SELECT arm, unit_id FROM units
  WHERE unit_id IN (SELECT unit_id FROM per UNION ALL SELECT unit_id FROM hold)
)
SELECT arm, arm_units, unit_id,
       {", ".join(f"COALESCE({c}, 0) AS {c}" for c in COLUMNS)},
       {end_sql} AS observation_end
FROM sizes
LEFT JOIN buyers USING (arm)
LEFT JOIN per USING (unit_id)
LEFT JOIN cats USING (unit_id)
LEFT JOIN hold USING (unit_id)"""


def load_histories(
    plan: QueryPlan,
    end: dt.date | None = None,
    holdout_end: dt.date | None = None,
    con: duckdb.DuckDBPyConnection | None = None,
    analysed: AnalysedUnits | None = None,
) -> Histories:
    """Register the units and orders files and build every arm's purchase history.

    With `analysed` (the audit's own unit table) only the orders file is read; with
    aggregated input the histories are the saved `clv` section table.
    """
    import duckdb

    if plan.clv is None:
        raise DataError("the config has no clv section; add one (see `personalroi clv --help`).")
    clv, units_input = plan.clv, plan.units
    saved = units_input.section_files.get("clv")
    if saved is not None:
        return read_histories_file(saved, plan.arms.control, plan.arms.treatments)
    assert clv.orders is not None
    engine: Connection
    if analysed is not None:
        engine = analysed.con
        orders = analysed.tables.get(clv.orders.name) or _register_orders(engine, clv)
    else:
        local = con or duckdb.connect()
        engine = local
        orders = _register_orders(local, clv)
        units = register(local, "clv__units", units_input.path, units_input.row_filter)
        units.require(units_input.id, "units.id")
        units.require(units_input.arm, "units.arm")
    source = clv.orders
    orders.require(source.id, f"sources.{source.name}.id")
    assert source.timestamp is not None
    orders.require(source.timestamp, f"sources.{source.name}.timestamp")
    orders.require(clv.amount, "clv.amount")
    if clv.category:
        orders.require(clv.category, "clv.category")
    arms = analysed.arms if analysed else _arms(engine, plan, units)
    end = end or clv.observation_end or plan.window.end or _last_order(engine, source, orders)
    views = {source.name: ident(orders.view)}
    if analysed is None:
        views[UNITS] = ident(units.view)
    with duckdb_errors(units_input.path):
        if analysed is None:
            engine.execute(
                f"CREATE OR REPLACE TEMP TABLE {CLV_UNITS} AS SELECT unit_id, arm "
                f"FROM ({unit_query(plan.units_only(), views, arms)})"
            )
    units_sql = f"SELECT unit_id, arm FROM {ident(analysed.table if analysed else CLV_UNITS)}"
    with duckdb_errors(orders.path):
        # One thread and a fixed row order: float sums and the bootstrap's draws must not
        # depend on scheduling, so the same --seed gives the same JSON (as in data/dataset.py).
        engine.execute("SET threads = 1")
        sql = summary_query(plan, views, arms, end, holdout_end, units_sql)
        columns = engine.execute(sql).fetchnumpy()
    missing = [c for c in TABLE_COLUMNS if c not in columns]
    assert not missing, missing
    return histories_from_columns(columns, arms, str(orders.path))


def _register_orders(engine: Connection, clv: ClvPlan) -> Table:
    """The orders file on the local engine: the command's own, or the audit's when its
    tables came without it."""
    import duckdb

    assert isinstance(engine, duckdb.DuckDBPyConnection) and clv.orders is not None
    return register(engine, "clv__orders", clv.orders.path, clv.orders.row_filter)


def _arms(con: Connection, plan: QueryPlan, units: Table) -> list[str]:
    """Control first, then the treatments; a single-arm file is allowed for CLV."""
    column = plan.units.arm
    arm = ident(column)
    present = [
        str(r[0])
        for r in con.execute(
            f"SELECT DISTINCT CAST({arm} AS VARCHAR) FROM {ident(units.view)} "
            f"WHERE {arm} IS NOT NULL ORDER BY 1"
        ).fetchall()
    ]
    control = plan.arms.control
    wanted = list(plan.arms.treatments or ()) or [a for a in present if a != control]
    for name in wanted:
        if name not in present:
            raise DataError(
                f"{units.path}: arm {name!r} (experiment.treatments) is not in column "
                f"{column!r}{did_you_mean(name, present)}."
            )
    arms = ([control] if control in present else []) + [a for a in wanted if a != control]
    if not arms:
        raise DataError(f"{units.path}: no units with an arm in column {column!r}.")
    return arms


def _last_order(con: Connection, source: SourceInput, orders: Table) -> dt.date:
    ts = source.timestamp
    assert ts is not None
    with duckdb_errors(orders.path):
        row = con.execute(
            f"SELECT MAX(CAST({ident(ts)} AS DATE)) FROM {ident(orders.view)}"
        ).fetchone()
    if row is None or row[0] is None:
        raise DataError(f"{orders.path}: no orders with a timestamp; nothing to forecast.")
    return row[0]
