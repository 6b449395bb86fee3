"""units.duplicates: how a unit's repeated rows in the units file are resolved, and said.

The unit table keeps one whole row per unit and arm (unit_sql.pick_order and
pick_aggregates choose it); this module writes the data-quality check that says
which policy ran, how many rows it dropped and whether the dropped rows said
something else than the kept one, or refuses the file under `error`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from personalroi.data.check import Check
from personalroi.data.sources import Table, duckdb_errors, ident
from personalroi.data.unit_sql import FILE_ROW, numbered, unit_columns, window_condition
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


def duplicate_check(con: Connection, plan: QueryPlan, table: Table, repeated: int) -> Check:
    """The `duplicate_ids` check; under `error`, a DataError naming the first repeated row."""

    if repeated <= 0:
        return Check("duplicate_ids", "pass", f"0 repeated unit rows; {policy_text(plan.units)}")
    if plan.units.duplicates == "error":
        raise DataError(_first_repeat(con, plan.units, table))
    units_hit, disagreeing, columns = _disagreement(con, plan, table)
    where = f" ({', '.join(columns)})" if columns else ""
    return Check(
        "duplicate_ids",
        "warn",
        f"{repeated} repeated unit rows of {units_hit} units dropped, one whole row kept per "
        f"unit; {policy_text(plan.units)}. {disagreeing} of the {units_hit} units' rows disagree "
        f"in a metric or dimension column{where}",
    )


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


def _disagreement(con: Connection, plan: QueryPlan, table: Table) -> tuple[int, int, list[str]]:
    """Units with repeated rows, how many of those differ in a read column, and which."""
    units, window = plan.units, plan.window
    cond = (
        window_condition(units.timestamp, window.start, window.end) if units.timestamp else "TRUE"
    )
    # The units-file columns the analysis reads from the kept row, besides id and arm.
    compared = unit_columns(plan)
    # A column differs when two rows hold different values, or one holds none.
    flags = [
        f"(MIN({e}) IS DISTINCT FROM MAX({e}) OR COUNT({e}) NOT IN (0, COUNT(*))) AS d{i}"
        for i, e in enumerate(compared.values())
    ]
    any_flag = " OR ".join(f"d{i}" for i in range(len(flags))) or "FALSE"
    sums = "".join(f", COUNT(*) FILTER (WHERE d{i})" for i in range(len(flags)))
    sql = (
        f"SELECT COUNT(*), COUNT(*) FILTER (WHERE {any_flag}){sums} FROM ("
        f"SELECT {', '.join(['1 AS one', *flags])} FROM {ident(table.view)} "
        f"WHERE {ident(units.id)} IS NOT NULL AND {ident(units.arm)} IS NOT NULL AND {cond} "
        f"GROUP BY CAST({ident(units.id)} AS VARCHAR), CAST({ident(units.arm)} AS VARCHAR) "
        "HAVING COUNT(*) > 1)"
    )
    with duckdb_errors(table.path):
        row = con.execute(sql).fetchone()
    assert row is not None
    names = [c for c, hits in zip(compared, row[2:], strict=True) if hits]
    return int(row[0]), int(row[1]), names


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


def dimension_source_checks(
    con: Connection, plan: QueryPlan, tables: dict[str, Table]
) -> list[Check]:
    """Sources that joined dimensions read: a unit's repeated rows there are resolved by
    the same policy; say how many units had them and how many disagree in those columns."""

    by_source: dict[str, list[str]] = {}
    units = plan.units
    for source, column in units.joined_dimensions.values():
        by_source.setdefault(source, []).append(column)
    checks = []
    for source, columns in sorted(by_source.items()):
        table, uid = tables[source], ident(plan.sources[source].id)
        flags = [
            f"(MIN({ident(c)}) IS DISTINCT FROM MAX({ident(c)}) OR "
            f"COUNT({ident(c)}) NOT IN (0, COUNT(*)))"
            for c in columns
        ]
        sql = (
            f"SELECT COUNT(*), COUNT(*) FILTER (WHERE differs) FROM (SELECT "
            f"{' OR '.join(flags)} AS differs FROM {ident(table.view)} WHERE {uid} IS NOT NULL "
            f"GROUP BY CAST({uid} AS VARCHAR) HAVING COUNT(*) > 1)"
        )
        with duckdb_errors(table.path):
            row = con.execute(sql).fetchone()
        assert row is not None
        repeated, differing = int(row[0]), int(row[1])
        if repeated and units.duplicates == "error":
            raise DataError(
                f"{table.path}: {repeated:,} unit(s) with more than one row, and units.dimensions "
                f"reads {', '.join(columns)} from it with units.duplicates: error. Keep one row "
                "per unit, or set units.duplicates: first or last."
            )
        ts = plan.sources[source].timestamp
        which = "latest" if units.duplicates == "last" else "earliest"
        order = f"the {which} by {ts}" if ts else f"the {which} in file order"
        checks.append(
            Check(
                f"dimension_rows_{source}",
                "warn" if differing else "pass",
                f"{repeated:,} unit(s) with more than one row in {source}, {order} kept "
                f"(units.duplicates); {differing:,} of them disagree in {', '.join(columns)}",
            )
        )
    return checks
