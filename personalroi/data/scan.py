"""One scan per file: the units index and each source's per-unit table, read ahead of
the checks, the finite-value checks, the unit table and the engagement sums."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from personalroi.data.column_checks import bad_value_flag
from personalroi.data.engagement_sums import carried_sums
from personalroi.data.progress import execute
from personalroi.data.sources import NUMERIC_TYPES, Table, duckdb_errors, ident
from personalroi.data.unit_sql import (
    flag_window,
    numbered,
    pick_aggregates,
    ranked,
    reduced_aggregates,
    source_window,
    unit_columns,
    window_condition,
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

    The units file becomes the unit index; each source a metric or the engagement
    section reads becomes a per-unit table (counts and negatives for the checks, the
    metric values and engagement sums for `unit_query`). Scanning is the expensive
    part: this replaces a scan per check and per value column. A file whose scan
    fails (a missing column, text in a number column, a broken line) is left to the
    checks, which name the problem.
    """
    import duckdb

    scans = Scans()
    numeric = plan.numeric_columns
    negative = plan.negative_columns
    columns = numeric.get(UNITS, [])
    try:
        flags = "".join(f", {bad_value_flag(c)} AS bad_{i}" for i, c in enumerate(columns))
        build_unit_index(con, plan, tables, flags, with_columns=True)
        scans.bad_values.update(_flags(con, UNIT_INDEX, UNITS, columns))
        scans.unit_index = True
    except (duckdb.Error, DataError):
        pass
    carried = carried_sums(plan, flagged=True)
    for name in sorted(set(plan.refs_by_source) | set(carried)):
        table, source = tables[name], plan.sources[name]
        columns = numeric.get(name, [])
        reduced = ident(f"reduced_{name}")
        items = [
            f"CAST({ident(source.id)} AS VARCHAR) AS unit_id",
            "COUNT(*) AS n",
            f"COUNT(*) FILTER (WHERE NOT {source_window(plan, name, flagged=True)}) AS outside",
            *(negative_count(c) for c in negative.get(name, [])),
            *(f"{bad_value_flag(c)} AS bad_{i}" for i, c in enumerate(columns)),
            *reduced_aggregates(plan, name, flagged=True),
            *(f"{agg} AS {ident(a)}" for a, agg in carried.get(name, {}).items()),
        ]
        try:
            with duckdb_errors(table.path):
                execute(
                    con,
                    f"CREATE OR REPLACE TEMP TABLE {reduced} AS SELECT {', '.join(items)} "
                    f"FROM {flag_window(plan, name, ident(table.view))} "
                    f"GROUP BY {group_key(table, source.id)}",
                    f"Checking {name}",
                )
            scans.bad_values.update(_flags(con, reduced, name, columns))
        except DataError:
            continue
        scans.reduced[name] = reduced
    return scans


def _flags(
    con: Connection, table: str, source: str, columns: list[str]
) -> dict[tuple[str, str], bool]:
    """Per column, whether any row of `table`'s `bad_<i>` flags is set."""
    items = ["TRUE", *(f"bool_or(bad_{i})" for i in range(len(columns)))]
    found = con.execute(f"SELECT {', '.join(items)} FROM {table}").fetchone()
    assert found is not None
    return {(source, c): bool(v) for c, v in zip(columns, found[1:], strict=True)}


INTEGER_TYPES = tuple(t for t in NUMERIC_TYPES if t.endswith(("INT", "INTEGER")))


def group_key(table: Table, column: str) -> str:
    """What to GROUP BY for `CAST(column AS VARCHAR)`: the column itself where that cast is
    one-to-one (integers, text). Hashing the native value is cheaper and only the groups
    get cast; the groups and the ids are the same."""
    kind = table.columns.get(column, "").upper()
    if kind == "VARCHAR" or kind.startswith(INTEGER_TYPES):
        return ident(column)
    return f"CAST({ident(column)} AS VARCHAR)"


def negative_count(column: str) -> str:
    return (
        f"COUNT(*) FILTER (WHERE CAST({ident(column)} AS DOUBLE) < 0) AS {ident('neg_' + column)}"
    )


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
    the file again.
    """
    window, units = plan.window, plan.units
    uid, arm = ident(units.id), ident(units.arm)
    table = tables[UNITS]
    cond = (
        window_condition(units.timestamp, window.start, window.end)
        if units.timestamp and window.bounded
        else "TRUE"
    )
    source = ident(table.view)
    keys = [group_key(table, units.id), group_key(table, units.arm)]
    if with_columns:
        kept = unit_columns(plan, exposure=bool(units.timestamp))
        # One whole row per (id, arm), chosen by units.duplicates: never a column from one
        # row and another column from the next.
        extra += f", COUNT(*) FILTER (WHERE {cond}) AS in_window"
        extra += "".join(f", {agg} AS {ident(c)}" for c, agg in pick_aggregates(kept, cond).items())
        source = ranked(units, numbered(source), cond, keys)
    grouped = (
        f"SELECT CAST({uid} AS VARCHAR) AS id, "
        f"CAST({arm} AS VARCHAR) AS arm, COUNT(*) AS n, "
        f"COUNT(*) FILTER (WHERE NOT ({cond})) AS outside{extra} "
        f"FROM {source} AS units_file "
        f"GROUP BY {', '.join(keys)}"
    )
    with duckdb_errors(tables[UNITS].path):
        execute(
            con,
            f"CREATE OR REPLACE TEMP TABLE {UNIT_INDEX} AS {grouped}",
            "Checking units",
        )
