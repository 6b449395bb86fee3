"""Column checks: every column the config names exists and holds what its role needs.

Problems here make the audit meaningless (text in a numeric column, an
unparsable timestamp, NaN or absurd magnitudes), so they raise DataError naming
the file, line, column and config key.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING

from personalroi.data.sources import Table, duckdb_errors, ident
from personalroi.errors import DataError
from personalroi.plan.metrics import ROLE_KEYS
from personalroi.plan.query_plan import QueryPlan
from personalroi.plan.refs import UNITS

if TYPE_CHECKING:
    from personalroi.engines.base import Connection

# Larger values are a unit mix-up or garbage, and their squares lose all precision.
MAX_ABS_VALUE = 1e15
TEXT_TYPES = ("VARCHAR", "TEXT", "STRING", "CHAR", "BLOB", "NULL")


def require_numeric(
    con: Connection, table: Table, column: str, key: str, bad: bool | None = None
) -> None:
    """A value column must hold numbers; name the first row that does not.

    `bad`: whether a scan already found a non-finite or absurd value (None: look).
    """
    table.require(column, key)
    if table.columns[column].upper() == "BOOLEAN":
        # TRUE/FALSE, yes/no, t/f: read as 1/0 by the audit, and always finite. (DuckDB
        # would also push a TRY_CAST to DOUBLE into the CSV reader and fail on "TRUE".)
        return
    kind = table.columns[column].upper()
    if not table.is_numeric(column) and not kind.startswith(TEXT_TYPES):
        # A Parquet list, struct or map column: no cast makes it one number per row.
        raise DataError(
            f"{table.path}: column {column!r} (named by {key}) holds {kind} values, not "
            "numbers; a value column needs one number per row."
        )
    if not table.is_numeric(column):
        _require_parsable(con, table, column, key)
    _require_finite(con, table, column, key, bad)


def _line(table: Table, row_number: int) -> int:
    """A CSV's data row n sits on line n + 1 (the header is line 1)."""
    return row_number if table.path.name.lower().endswith((".parquet", ".pq")) else row_number + 1


def _wrong(value: str) -> str:
    return f"(NOT isfinite({value}) OR abs({value}) > {MAX_ABS_VALUE:g})"


def bad_value_flag(column: str) -> str:
    """bool_or item: does `column` hold a non-finite or absurdly large number?"""
    return f"bool_or({_wrong(f'TRY_CAST({ident(column)} AS DOUBLE)')})"


def _require_finite(con: Connection, table: Table, column: str, key: str, bad: bool | None) -> None:
    """NaN and infinity poison every sum (and were read as 0); absurd magnitudes overflow."""
    with duckdb_errors(table.path):
        # A parallel aggregate first; the row-numbered scan only runs to name the bad line.
        if bad is None:
            any_bad = con.execute(
                f"SELECT {bad_value_flag(column)} FROM {ident(table.view)}"
            ).fetchone()
            bad = bool(any_bad and any_bad[0])
    if not bad:
        return
    row = _first_row_where(con, table, f"TRY_CAST({ident(column)} AS DOUBLE)", _wrong("v"))
    if row is None:
        return
    reason = (
        "is not a finite number; leave the cell empty for a missing value"
        if not math.isfinite(row[1])
        else f"is too large to analyse (more than {MAX_ABS_VALUE:g} in size); check the unit"
    )
    raise DataError(
        f"{table.path}: line {_line(table, row[0])}, column {column!r}: {row[1]!r} {reason} "
        f"(named by {key})."
    )


def _first_row_where(con: Connection, table: Table, value: str, condition: str) -> tuple | None:
    """(row number, v) of the first row whose non-NULL `value`, as v, meets `condition`.

    Rows a row filter excludes are skipped, but numbered as lines of the file.
    """
    sql = (
        f"SELECT rn, v FROM (SELECT row_number() OVER () AS rn, {value} AS v, "
        f"{table.where or 'TRUE'} AS kept FROM {ident(table.every_row)}) "
        f"WHERE kept AND v IS NOT NULL AND {condition} LIMIT 1"
    )
    with duckdb_errors(table.path):
        return con.execute(sql).fetchone()


def _require_parsable(con: Connection, table: Table, column: str, key: str) -> None:
    bad = _first_row_where(con, table, ident(column), "TRY_CAST(v AS DOUBLE) IS NULL")
    if bad is not None:
        raise DataError(
            f"{table.path}: line {_line(table, bad[0])}, "
            f"column {column!r}: {str(bad[1])[:40]!r} is not a number (named by {key}). "
            "Numeric columns must hold numbers only; check the delimiter and decimal mark."
        )


def require_timestamps(con: Connection, table: Table, column: str, key: str) -> None:
    table.require(column, key)
    if table.columns[column].upper().startswith(("TIMESTAMP", "DATE")):
        return
    condition = "TRY_CAST(CAST(v AS VARCHAR) AS TIMESTAMP) IS NULL"
    bad = _first_row_where(con, table, ident(column), condition)
    if bad is not None:
        raise DataError(
            f"{table.path}: line {_line(table, bad[0])}, column {column!r}: "
            f"{str(bad[1])[:40]!r} is not a date or timestamp (named by {key}). "
            "Use ISO 8601, e.g. 2026-07-01 or 2026-07-01 13:45:00."
        )


def validate_columns(
    con: Connection,
    plan: QueryPlan,
    tables: dict[str, Table],
    bad_values: Mapping[tuple[str, str], bool] | None = None,
) -> None:
    """Every named column exists and holds what its role needs, in config order.

    `bad_values` (from `scan_once`) answers the finite-value check per (source, column).
    """
    bad = bad_values or {}
    units, spec = tables[UNITS], plan.units
    units.require(spec.id, "units.id")
    units.require(spec.arm, "units.arm")
    for dim in spec.own_dimensions:
        units.require(dim, "units.dimensions")
    for looked_up, column in spec.joined_dimensions.values():
        tables[looked_up].require(column, "units.dimensions")
    if spec.timestamp:
        require_timestamps(con, units, spec.timestamp, "units.timestamp")
    for covered, column in spec.covariate_columns.items():
        key = f"units.covariates.{covered}"
        require_numeric(con, units, column, key, bad.get((UNITS, column)))
    for name, source in plan.sources.items():
        tables[name].require(source.id, f"sources.{name}.id")
        if source.timestamp:
            require_timestamps(con, tables[name], source.timestamp, f"sources.{name}.timestamp")
    for metric_name, metric in plan.metrics.items():
        for role, ref in metric.refs.items():
            if ref.counts_rows:
                continue
            key = f"metrics.{metric_name}.{ROLE_KEYS[role]}"
            found = bad.get((ref.source, ref.column))
            require_numeric(con, tables[ref.source], ref.column, key, found)
