"""One scan per file: the units index and each source's per-unit table, read ahead of
the checks, the finite-value checks, the unit table and the engagement sums."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from personalroi.data.checks_sql import index_select, negative_count, units_window
from personalroi.data.column_checks import bad_value_flag
from personalroi.data.engagement_sums import carried_sums
from personalroi.data.progress import execute
from personalroi.data.sources import INTEGER_TYPES, Table, duckdb_errors, ident
from personalroi.data.unit_sql import (
    flag_window,
    numbered,
    pick_aggregates,
    ranked,
    reduced_aggregates,
    source_window,
    unit_columns,
)
from personalroi.errors import DataError
from personalroi.plan.query_plan import QueryPlan
from personalroi.plan.refs import UNITS

if TYPE_CHECKING:
    from personalroi.engines.base import Connection

UNIT_INDEX = "quality_unit_index"


@dataclass
class Scans:
    """What `scan_once` read ahead of the checks, one scan per file."""

    bad_values: dict[tuple[str, str], bool] = field(default_factory=dict)
    reduced: dict[str, str] = field(default_factory=dict)  # source -> its per-unit table
    unit_index: bool = False  # UNIT_INDEX is built


def scan_once(con: Connection, plan: QueryPlan, tables: dict[str, Table]) -> Scans:
    """Read each big file once for the checks, the finite-value checks and the unit values.

    The units file becomes the unit index; each source a per-unit table (counts and
    negatives for the checks, the metric values and engagement sums for `unit_query`).
    Scanning is the expensive part: this replaces a scan per check and per value
    column. A file whose scan fails (a missing column, text in a number column, a
    broken line) is left to the column checks, which name the problem, or scanned
    again for the checks (`reduce_source`, `build_unit_index`), which then name it.
    """
    import duckdb

    scans = Scans()
    numeric = plan.numeric_columns
    columns = numeric.get(UNITS, [])
    try:
        flags = "".join(f", {bad_value_flag(c)} AS bad_{i}" for i, c in enumerate(columns))
        build_unit_index(con, plan, tables, flags, with_columns=True)
        scans.bad_values.update(_flags(con, UNIT_INDEX, UNITS, columns))
        scans.unit_index = True
    except (duckdb.Error, DataError):
        pass
    for name in plan.sources:
        try:
            scans.bad_values.update(reduce_source(con, plan, tables, name))
        except DataError:
            continue
        scans.reduced[name] = reduced_name(name)
    return scans


def reduced_name(source: str) -> str:
    return ident(f"reduced_{source}")


def reduce_source(
    con: Connection, plan: QueryPlan, tables: dict[str, Table], name: str
) -> dict[tuple[str, str], bool]:
    """Source `name` read once into its per-unit table (`reduced_name`): rows, rows outside
    the window and negative values for the checks, the metric values and engagement sums
    for `unit_query`; returns the finite-value flags of its numeric columns."""
    table, source = tables[name], plan.sources[name]
    columns = plan.numeric_columns.get(name, [])
    reduced = reduced_name(name)
    carried = carried_sums(plan, flagged=True).get(name, {})
    # A source only the checks read needs no window column: its counts filter once.
    values = name in plan.refs_by_source or bool(carried)
    items = [
        f"CAST({ident(source.id)} AS VARCHAR) AS unit_id",
        "COUNT(*) AS n",
        f"COUNT(*) FILTER (WHERE NOT ({source_window(plan, name, flagged=values)})) AS outside",
        *(negative_count(c) for c in plan.negative_columns.get(name, [])),
        *(f"{bad_value_flag(c)} AS bad_{i}" for i, c in enumerate(columns)),
    ]
    rows = ident(table.view)
    if values:
        items += reduced_aggregates(plan, name, flagged=True)
        items += [f"{agg} AS {ident(a)}" for a, agg in carried.items()]
        rows = flag_window(plan, name, rows)
    with duckdb_errors(table.path):
        execute(
            con,
            f"CREATE OR REPLACE TEMP TABLE {reduced} AS SELECT {', '.join(items)} "
            f"FROM {rows} GROUP BY {group_key(table, source.id)}",
            f"Checking {name}",
        )
    return _flags(con, reduced, name, columns)


def _flags(
    con: Connection, table: str, source: str, columns: list[str]
) -> dict[tuple[str, str], bool]:
    """Per column, whether any row of `table`'s `bad_<i>` flags is set."""
    if not columns:  # nothing to ask (and no row to answer from an empty table)
        return {}
    items = [f"bool_or(bad_{i})" for i in range(len(columns))]
    found = con.execute(f"SELECT {', '.join(items)} FROM {table}").fetchone()
    assert found is not None  # an aggregate without GROUP BY: one row
    return {(source, c): bool(v) for c, v in zip(columns, found, strict=True)}


def group_key(table: Table, column: str) -> str:
    """What to GROUP BY for `CAST(column AS VARCHAR)`: the column itself where that cast is
    one-to-one (integers, text). Hashing the native value is cheaper and only the groups
    get cast; the groups and the ids are the same."""
    kind = table.columns.get(column, "").upper()
    if kind == "VARCHAR" or kind.startswith(INTEGER_TYPES):
        return ident(column)
    return f"CAST({ident(column)} AS VARCHAR)"


def build_unit_index(
    con: Connection,
    plan: QueryPlan,
    tables: dict[str, Table],
    extra: str = "",
    with_columns: bool = False,
) -> None:
    """The units file read once into an index (one row per id and arm), for every check.

    `with_columns`: it also holds the unit table's columns (`unit_columns`, over the
    rows in the window, and their count `in_window`), so `unit_query` need not read
    the file again. They come from one whole row per (id, arm), chosen by
    units.duplicates: never a column from one row and another from the next. Most
    files have no (id, arm) twice in the window: the index is first built without
    ranking each pair's rows (a window over every row, a fifth of the statement's
    time), and again with it only where some pair has two rows to choose from.
    """
    units, table = plan.units, tables[UNITS]
    cond = units_window(plan)
    source = ident(table.view)
    keys = [group_key(table, units.id), group_key(table, units.arm)]

    def build(rows: str, items: str) -> None:
        grouped = index_select(plan, rows, keys, extra + items)
        with duckdb_errors(table.path):
            sql = f"CREATE OR REPLACE TEMP TABLE {UNIT_INDEX} AS {grouped}"
            execute(con, sql, "Checking units")

    if not with_columns:
        build(source, "")
        return
    kept = unit_columns(plan, exposure=bool(units.timestamp))
    counted = f", COUNT(*) FILTER (WHERE {cond}) AS in_window"

    def columns(rank: bool) -> str:
        picked = pick_aggregates(kept, cond, ranked=rank)
        return counted + "".join(f", {agg} AS {ident(c)}" for c, agg in picked.items())

    build(source, columns(rank=False))
    several = con.execute(f"SELECT 1 FROM {UNIT_INDEX} WHERE in_window > 1 LIMIT 1").fetchone()
    if several is not None:
        build(ranked(units, numbered(source), cond, keys), columns(rank=True))


def repeated_pairs(con: Connection) -> bool:
    """Whether the index counts some (id, arm) more than once: a repeated units row."""
    return con.execute(f"SELECT 1 FROM {UNIT_INDEX} WHERE n > 1 LIMIT 1").fetchone() is not None


def rows_to_drop(con: Connection, picked: bool) -> bool:
    """Whether the unit table has rows to drop: a unit in more than one arm, or (unless the
    index `picked` one row per (id, arm) already) a repeated row."""
    repeated = "" if picked else " OR MAX(n) > 1"
    found = con.execute(
        f"SELECT 1 FROM {UNIT_INDEX} WHERE id IS NOT NULL AND arm IS NOT NULL "
        f"GROUP BY id HAVING COUNT(*) > 1{repeated} LIMIT 1"
    ).fetchone()
    return found is not None
