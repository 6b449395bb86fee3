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
from personalroi.data.progress import execute
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
    for covered, column in config.units.covariate_columns().items():
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


UNIT_INDEX = "quality_unit_index"


def quality_checks(
    con: duckdb.DuckDBPyConnection, config: Config, tables: dict[str, Table], arms: list[str]
) -> list[Check]:
    exp, units = config.experiment, config.units
    uid, arm = ident(units.id), ident(units.arm)
    view = ident(tables[UNITS].view)
    cond = (
        window_condition(units.timestamp, exp.start, exp.end)
        if units.timestamp and (exp.start or exp.end)
        else "TRUE"
    )
    # Scanning a big file is the expensive part: read the units file once into a
    # small index (one row per id and arm) that every unit and join check reads.
    with duckdb_errors(tables[UNITS].path):
        execute(
            con,
            f"CREATE OR REPLACE TEMP TABLE {UNIT_INDEX} AS SELECT CAST({uid} AS VARCHAR) AS id, "
            f"CAST({arm} AS VARCHAR) AS arm, COUNT(*) AS n, "
            f"COUNT(*) FILTER (WHERE NOT ({cond})) AS outside FROM {view} GROUP BY ALL",
            "Checking units",
        )
    # Repeated rows are rows beyond the first of the same (id, arm): a unit in two arms
    # is contamination (its own check), not a duplicate.
    rows, distinct_pairs, missing, outside = _one(
        con,
        "SELECT SUM(n), COUNT(*) FILTER (WHERE id IS NOT NULL AND arm IS NOT NULL), "
        "SUM(n) FILTER (WHERE id IS NULL OR arm IS NULL), "
        f"SUM(outside) FROM {UNIT_INDEX}",
    )
    multi_arm = _one(
        con,
        f"SELECT COUNT(*) FROM (SELECT id FROM {UNIT_INDEX} WHERE arm IS NOT NULL "
        "AND id IS NOT NULL GROUP BY id HAVING COUNT(*) > 1)",
    )[0]
    missing = int(missing or 0)
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
            f"SELECT DISTINCT arm FROM {UNIT_INDEX} WHERE arm IS NOT NULL"
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
        checks.append(
            Check(
                "units_outside_window",
                "pass" if outside == 0 else "warn",
                f"{outside} unit rows outside {exp.start}..{exp.end} (dropped)",
            )
        )
    negative_columns = _negative_columns(config)
    negatives: dict[tuple[str, str], int] = {}
    for name, source in config.sources.items():
        found, source_negatives = _source_checks(
            con, config, tables, name, source.id, source.timestamp, negative_columns.get(name, [])
        )
        checks.extend(found)
        negatives.update(source_negatives)
    for column in negative_columns.get(UNITS, []):
        negatives[(UNITS, column)] = _one(
            con, f"SELECT COUNT(*) FROM {view} WHERE CAST({ident(column)} AS DOUBLE) < 0"
        )[0]
    checks.extend(_negative_values(negative_columns, negatives))
    return checks


def _source_checks(
    con: duckdb.DuckDBPyConnection,
    config: Config,
    tables: dict[str, Table],
    name: str,
    id_col: str,
    ts_col: str | None,
    value_columns: list[str],
) -> tuple[list[Check], dict[tuple[str, str], int]]:
    """Join coverage, window and negative values of one source, in one scan of its file."""
    exp = config.experiment
    view = ident(tables[name].view)
    cond = window_condition(ts_col, exp.start, exp.end) if ts_col else "TRUE"
    negative = "".join(
        f", COUNT(*) FILTER (WHERE CAST({ident(c)} AS DOUBLE) < 0) AS {ident('neg_' + c)}"
        for c in value_columns
    )
    summed = "".join(f", SUM({ident('neg_' + c)})" for c in value_columns)
    with duckdb_errors(tables[name].path):
        row = execute(
            con,
            f"WITH src AS (SELECT CAST({ident(id_col)} AS VARCHAR) AS id, COUNT(*) AS n, "
            f"COUNT(*) FILTER (WHERE NOT ({cond})) AS outside{negative} FROM {view} GROUP BY 1), "
            f"unit_ids AS (SELECT DISTINCT id FROM {UNIT_INDEX} WHERE id IS NOT NULL), "
            "hit AS (SELECT * FROM src WHERE id IN (SELECT id FROM unit_ids)) "
            "SELECT COALESCE(SUM(n), 0), COALESCE(SUM(outside), 0), "
            "(SELECT COALESCE(SUM(n - outside), 0) FROM hit), "
            "(SELECT COUNT(*) FROM hit WHERE n > outside), "
            f"(SELECT COUNT(*) FROM unit_ids){summed} FROM src",
            f"Checking {name}",
        ).fetchone()
    assert row is not None
    total, outside, matched, units_hit, units_total = (int(v or 0) for v in row[:5])
    negatives = {(name, c): int(v or 0) for c, v in zip(value_columns, row[5:], strict=True)}
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
    return checks, negatives


def _negative_columns(config: Config) -> dict[str, list[str]]:
    """Value columns of mean and ratio metrics, per source, where a negative is suspect."""
    out: dict[str, list[str]] = {}
    for metric in config.metrics.values():
        if metric.type != "mean" and metric.type != "ratio":
            continue
        for ref in metric_refs(metric).values():
            columns = out.setdefault(ref.source, [])
            if ref.column != "count" and ref.column not in columns:
                columns.append(ref.column)
    return out


def _negative_values(
    columns: dict[str, list[str]], negatives: dict[tuple[str, str], int]
) -> list[Check]:
    checks = [
        Check(
            f"negative_{source}_{column}",
            "warn",
            f"{negatives[(source, column)]} rows with negative {source}.{column} "
            "(refunds? kept as they are)",
        )
        for source, names in columns.items()
        for column in names
        if negatives.get((source, column))
    ]
    if not checks:
        checks.append(Check("negative_values", "pass", "no negative values in value columns"))
    return checks
