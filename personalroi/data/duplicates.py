"""units.duplicates: how a unit's repeated rows in the units file are resolved, and said.

The unit table keeps one whole row per unit and arm (unit_sql.pick_order and
pick_aggregates choose it); this module words the policy for the `duplicate_ids`
check (counted by data/checks_sql.py) and refuses the file under `error`, naming
the first repeated line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from personalroi.data.sources import Table, duckdb_errors, ident
from personalroi.data.unit_sql import FILE_ROW, numbered
from personalroi.errors import DataError
from personalroi.plan.inputs import UnitsInput
from personalroi.plan.query_plan import QueryPlan

if TYPE_CHECKING:
    from personalroi.engines.base import Connection


def policy_text(units: UnitsInput) -> str:
    if units.duplicates == "error":
        return "units.duplicates: error"
    order = f"by {units.timestamp}, then file order" if units.timestamp else "in file order"
    which = "earliest" if units.duplicates == "first" else "latest"
    return f"units.duplicates: {units.duplicates} (the {which} row {order})"


def refuse_repeats(con: Connection, units: UnitsInput, table: Table) -> None:
    """Under units.duplicates: error, a DataError naming the first repeated row (validate)."""
    if units.duplicates != "error":
        return
    uid, arm = ident(units.id), ident(units.arm)
    sql = (
        f"SELECT COUNT(*) FROM (SELECT 1 FROM {ident(table.view)} WHERE {uid} IS NOT NULL AND "
        f"{arm} IS NOT NULL GROUP BY CAST({uid} AS VARCHAR), CAST({arm} AS VARCHAR) "
        "HAVING COUNT(*) > 1)"
    )
    with duckdb_errors(table.path):
        row = con.execute(sql).fetchone()
    if row and row[0]:
        raise DataError(_first_repeat(con, units, table))


def _first_repeat(con: Connection, units: UnitsInput, table: Table) -> str:
    """'FILE: line N: unit ... repeats line M ...' for the first repeated row in the file."""
    uid, arm, row = ident(units.id), ident(units.arm), ident(FILE_ROW)
    sql = (
        f"SELECT CAST({uid} AS VARCHAR), CAST({arm} AS VARCHAR), {row}, "
        f"MIN({row}) OVER (PARTITION BY CAST({uid} AS VARCHAR), CAST({arm} AS VARCHAR)) "
        f"FROM {numbered(ident(table.every_row))} AS units_file "
        f"WHERE {uid} IS NOT NULL AND {arm} IS NOT NULL AND ({table.where or 'TRUE'}) "
        f"QUALIFY {row} > MIN({row}) OVER (PARTITION BY CAST({uid} AS VARCHAR), "
        f"CAST({arm} AS VARCHAR)) ORDER BY {row} LIMIT 1"
    )
    with duckdb_errors(table.path):
        found = con.execute(sql).fetchone()
    assert found is not None
    unit, arm_value, line, first = found
    parquet = table.path.name.lower().endswith((".parquet", ".pq"))
    where = f"row {line}" if parquet else f"line {line + 1}"
    again = f"row {first}" if parquet else f"line {first + 1}"
    return (
        f"{table.path}: {where}: unit {unit!r} (column {units.id!r}) in arm {arm_value!r} "
        f"repeats {again}, and units.duplicates is error. Remove the repeated rows, or set "
        "units.duplicates: first or last to keep one whole row per unit."
    )


def dimension_columns(plan: QueryPlan) -> dict[str, list[str]]:
    """The columns joined dimensions read, per source."""
    by_source: dict[str, list[str]] = {}
    for source, column in plan.units.joined_dimensions.values():
        by_source.setdefault(source, []).append(column)
    return by_source


def kept_order(plan: QueryPlan, source: str) -> str:
    """Which of a unit's rows in a dimension source is kept (units.duplicates)."""
    ts = plan.sources[source].timestamp
    which = "latest" if plan.units.duplicates == "last" else "earliest"
    return f"the {which} by {ts}" if ts else f"the {which} in file order"
