"""Data-quality checks: what a reviewer must know before trusting any lift.

Each check is a SQL query over the registered views; problems that make the
audit meaningless (a missing control arm, text in a numeric column) raise
DataError, the rest are reported as pass/warn/fail rows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from personalroi.config.model import Config
from personalroi.data.sources import Table, duckdb_errors, ident
from personalroi.data.unit_sql import UNITS, metric_refs, window_condition
from personalroi.errors import DataError

if TYPE_CHECKING:
    import duckdb

# Larger values are a unit mix-up or garbage, and their squares lose all precision.
MAX_ABS_VALUE = 1e15
ROLE_KEYS = {"value": "value", "num": "numerator", "den": "denominator"}


@dataclass(frozen=True)
class Check:
    name: str
    status: Literal["pass", "warn", "fail"]
    detail: str


def _one(con: duckdb.DuckDBPyConnection, sql: str, path: object = None) -> tuple:
    with duckdb_errors(None):
        row = con.execute(sql).fetchone()
    assert row is not None
    return row


def require_numeric(con: duckdb.DuckDBPyConnection, table: Table, column: str, key: str) -> None:
    """A value column must hold numbers; name the first row that does not."""
    table.require(column, key)
    if not table.is_numeric(column):
        _require_parsable(con, table, column, key)
    _require_finite(con, table, column, key)


def _line(table: Table, row_number: int) -> int:
    """A CSV's data row n sits on line n + 1 (the header is line 1)."""
    return row_number if table.path.name.lower().endswith((".parquet", ".pq")) else row_number + 1


def _require_finite(con: duckdb.DuckDBPyConnection, table: Table, column: str, key: str) -> None:
    """NaN and infinity poison every sum (and were read as 0); absurd magnitudes overflow."""
    value = f"TRY_CAST({ident(column)} AS DOUBLE)"
    wrong = f"(NOT isfinite(v) OR abs(v) > {MAX_ABS_VALUE:g})"
    with duckdb_errors(table.path):
        # A parallel aggregate first; the row-numbered scan only runs to name the bad line.
        any_bad = con.execute(
            f"SELECT bool_or({wrong}) FROM (SELECT {value} AS v FROM {ident(table.view)})"
        ).fetchone()
        if not (any_bad and any_bad[0]):
            return
        bad = con.execute(
            f"SELECT rn, v FROM (SELECT row_number() OVER () AS rn, {value} AS v "
            f"FROM {ident(table.view)}) WHERE v IS NOT NULL AND {wrong} LIMIT 1"
        ).fetchone()
    if bad is None:
        return
    reason = (
        "is not a finite number; leave the cell empty for a missing value"
        if not math.isfinite(bad[1])
        else f"is too large to analyse (more than {MAX_ABS_VALUE:g} in size); check the unit"
    )
    raise DataError(
        f"{table.path}: line {_line(table, bad[0])}, column {column!r}: {bad[1]!r} {reason} "
        f"(named by {key})."
    )


def _require_parsable(con: duckdb.DuckDBPyConnection, table: Table, column: str, key: str) -> None:
    sql = (
        f"SELECT rn, v FROM (SELECT row_number() OVER () AS rn, {ident(column)} AS v "
        f"FROM {ident(table.view)}) WHERE v IS NOT NULL AND TRY_CAST(v AS DOUBLE) IS NULL LIMIT 1"
    )
    with duckdb_errors(table.path):
        bad = con.execute(sql).fetchone()
    if bad is not None:
        raise DataError(
            f"{table.path}: line {_line(table, bad[0])}, "
            f"column {column!r}: {str(bad[1])[:40]!r} is not a number (named by {key}). "
            "Numeric columns must hold numbers only; check the delimiter and decimal mark."
        )


def require_timestamps(con: duckdb.DuckDBPyConnection, table: Table, column: str, key: str) -> None:
    table.require(column, key)
    if table.columns[column].upper().startswith(("TIMESTAMP", "DATE")):
        return
    sql = (
        f"SELECT rn, v FROM (SELECT row_number() OVER () AS rn, {ident(column)} AS v "
        f"FROM {ident(table.view)}) WHERE v IS NOT NULL "
        "AND TRY_CAST(CAST(v AS VARCHAR) AS TIMESTAMP) IS NULL LIMIT 1"
    )
    with duckdb_errors(table.path):
        bad = con.execute(sql).fetchone()
    if bad is not None:
        raise DataError(
            f"{table.path}: line {_line(table, bad[0])}, column {column!r}: "
            f"{str(bad[1])[:40]!r} is not a date or timestamp (named by {key}). "
            "Use ISO 8601, e.g. 2026-07-01 or 2026-07-01 13:45:00."
        )


def validate_columns(
    con: duckdb.DuckDBPyConnection, config: Config, tables: dict[str, Table]
) -> None:
    units = tables[UNITS]
    units.require(config.units.id, "units.id")
    units.require(config.units.arm, "units.arm")
    for dim in config.units.dimensions:
        units.require(dim, "units.dimensions")
    if config.units.timestamp:
        require_timestamps(con, units, config.units.timestamp, "units.timestamp")
    for covered, column in config.units.covariates.items():
        require_numeric(con, units, column, f"units.covariates.{covered}")
    for name, source in config.sources.items():
        tables[name].require(source.id, f"sources.{name}.id")
        if source.timestamp:
            require_timestamps(con, tables[name], source.timestamp, f"sources.{name}.timestamp")
    for metric_name, metric in config.metrics.items():
        for role, ref in metric_refs(metric).items():
            if ref.column == "count" and ref.source != UNITS:
                continue
            key = f"metrics.{metric_name}.{ROLE_KEYS[role]}"
            require_numeric(con, tables[ref.source], ref.column, key)


def quality_checks(
    con: duckdb.DuckDBPyConnection, config: Config, tables: dict[str, Table], arms: list[str]
) -> list[Check]:
    exp, units = config.experiment, config.units
    uid, arm = ident(units.id), ident(units.arm)
    view = ident(tables[UNITS].view)
    rows, distinct_pairs, missing = _one(
        con,
        f"SELECT COUNT(*), COUNT(DISTINCT ({uid}, {arm})) FILTER (WHERE {uid} IS NOT NULL "
        f"AND {arm} IS NOT NULL), "
        f"COUNT(*) FILTER (WHERE {uid} IS NULL OR {arm} IS NULL) FROM {view}",
    )
    multi_arm = _one(
        con,
        f"SELECT COUNT(*) FROM (SELECT {uid} FROM {view} WHERE {arm} IS NOT NULL "
        f"GROUP BY {uid} HAVING COUNT(DISTINCT {arm}) > 1)",
    )[0]
    duplicates = rows - missing - distinct_pairs
    checks = [
        Check(
            "duplicate_ids",
            "pass" if duplicates <= 0 else "warn",
            f"{max(duplicates, 0)} repeated unit rows (same id and arm, kept once)",
        ),
        Check(
            "units_in_multiple_arms",
            "pass" if multi_arm == 0 else "fail",
            f"{multi_arm} units seen in more than one arm (excluded)",
        ),
        Check(
            "missing_arm",
            "pass" if missing == 0 else "warn",
            f"{missing} unit rows without id or arm (excluded)",
        ),
    ]
    in_data = [
        r[0]
        for r in con.execute(
            f"SELECT DISTINCT CAST({arm} AS VARCHAR) FROM {view} WHERE {arm} IS NOT NULL"
        ).fetchall()
    ]
    ignored = sorted(set(in_data) - set(arms))
    if ignored:
        checks.append(
            Check(
                "unanalysed_arms",
                "warn",
                f"arms in the data but not in the config: {', '.join(ignored)}",
            )
        )
    if units.timestamp and (exp.start or exp.end):
        cond = window_condition(units.timestamp, exp.start, exp.end)
        outside = _one(con, f"SELECT COUNT(*) FILTER (WHERE NOT ({cond})) FROM {view}")[0]
        checks.append(
            Check(
                "units_outside_window",
                "pass" if outside == 0 else "warn",
                f"{outside} unit rows outside {exp.start}..{exp.end} (dropped)",
            )
        )
    for name, source in config.sources.items():
        checks.extend(_source_checks(con, config, tables, name, source.id, source.timestamp))
    checks.extend(_negative_values(con, config, tables))
    return checks


def _source_checks(
    con: duckdb.DuckDBPyConnection,
    config: Config,
    tables: dict[str, Table],
    name: str,
    id_col: str,
    ts_col: str | None,
) -> list[Check]:
    exp, units = config.experiment, config.units
    view = ident(tables[name].view)
    cond = window_condition(ts_col, exp.start, exp.end) if ts_col else "TRUE"
    total, outside, matched, units_hit, units_total = _one(
        con,
        f"WITH unit_ids AS (SELECT DISTINCT CAST({ident(units.id)} AS VARCHAR) AS id "
        f"FROM {ident(tables[UNITS].view)}), "
        f"src AS (SELECT CAST({ident(id_col)} AS VARCHAR) AS id, ({cond}) AS inside FROM {view}) "
        "SELECT COUNT(*), COUNT(*) FILTER (WHERE NOT inside), "
        "COUNT(*) FILTER (WHERE inside AND id IN (SELECT id FROM unit_ids)), "
        "(SELECT COUNT(DISTINCT id) FROM src WHERE inside AND id IN (SELECT id FROM unit_ids)), "
        "(SELECT COUNT(*) FROM unit_ids) FROM src",
    )
    inside = total - outside
    share = matched / inside if inside else 1.0
    checks = [
        Check(
            f"join_coverage_{name}",
            "pass" if share >= 0.99 else ("warn" if share >= 0.9 else "fail"),
            f"{matched} of {inside} rows ({share:.1%}) match a unit; "
            f"{units_hit} of {units_total} units have rows",
        )
    ]
    if ts_col and (exp.start or exp.end):
        checks.append(
            Check(
                f"{name}_outside_window",
                "pass" if outside == 0 else "warn",
                f"{outside} rows outside {exp.start}..{exp.end} (dropped)",
            )
        )
    return checks


def _negative_values(
    con: duckdb.DuckDBPyConnection, config: Config, tables: dict[str, Table]
) -> list[Check]:
    seen: set[tuple[str, str]] = set()
    checks = []
    for metric in config.metrics.values():
        if metric.type != "mean" and metric.type != "ratio":
            continue
        for ref in metric_refs(metric).values():
            if ref.column == "count" or (ref.source, ref.column) in seen:
                continue
            seen.add((ref.source, ref.column))
            view = ident(tables[ref.source].view)
            negative = _one(
                con, f"SELECT COUNT(*) FROM {view} WHERE CAST({ident(ref.column)} AS DOUBLE) < 0"
            )[0]
            if negative:
                checks.append(
                    Check(
                        f"negative_{ref.source}_{ref.column}",
                        "warn",
                        f"{negative} rows with negative {ref.source}.{ref.column} "
                        "(refunds? kept as they are)",
                    )
                )
    if not checks:
        checks.append(Check("negative_values", "pass", "no negative values in value columns"))
    return checks
