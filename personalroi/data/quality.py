"""Data-quality checks: what a reviewer must know before trusting any lift.

Each check is a SQL query over the registered views; problems that make the
audit meaningless (a missing control arm, text in a numeric column) raise
DataError, the rest are reported as pass/warn/fail rows.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from personalroi.config.model import Config
from personalroi.data.progress import execute
from personalroi.data.sources import NUMERIC_TYPES, Table, duckdb_errors, ident
from personalroi.data.unit_sql import (
    UNITS,
    metric_refs,
    reduced_aggregates,
    refs_by_source,
    source_window,
    unit_columns,
    window_condition,
)
from personalroi.engagement.unit_sql import carried_sums
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


def require_numeric(
    con: duckdb.DuckDBPyConnection, table: Table, column: str, key: str, bad: bool | None = None
) -> None:
    """A value column must hold numbers; name the first row that does not.

    `bad`: whether a scan already found a non-finite or absurd value (None: look).
    """
    table.require(column, key)
    if not table.is_numeric(column):
        _require_parsable(con, table, column, key)
    _require_finite(con, table, column, key, bad)


def _line(table: Table, row_number: int) -> int:
    """A CSV's data row n sits on line n + 1 (the header is line 1)."""
    return row_number if table.path.name.lower().endswith((".parquet", ".pq")) else row_number + 1


def _wrong(value: str) -> str:
    return f"(NOT isfinite({value}) OR abs({value}) > {MAX_ABS_VALUE:g})"


def _bad_value(column: str) -> str:
    """bool_or item: does `column` hold a non-finite or absurdly large number?"""
    return f"bool_or({_wrong(f'TRY_CAST({ident(column)} AS DOUBLE)')})"


def _require_finite(
    con: duckdb.DuckDBPyConnection, table: Table, column: str, key: str, bad: bool | None
) -> None:
    """NaN and infinity poison every sum (and were read as 0); absurd magnitudes overflow."""
    value = f"TRY_CAST({ident(column)} AS DOUBLE)"
    wrong = _wrong("v")
    with duckdb_errors(table.path):
        # A parallel aggregate first; the row-numbered scan only runs to name the bad line.
        if bad is None:
            any_bad = con.execute(
                f"SELECT {_bad_value(column)} FROM {ident(table.view)}"
            ).fetchone()
            bad = bool(any_bad and any_bad[0])
        if not bad:
            return
        row = con.execute(
            f"SELECT rn, v FROM (SELECT row_number() OVER () AS rn, {value} AS v "
            f"FROM {ident(table.view)}) WHERE v IS NOT NULL AND {wrong} LIMIT 1"
        ).fetchone()
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
    con: duckdb.DuckDBPyConnection,
    config: Config,
    tables: dict[str, Table],
    bad_values: Mapping[tuple[str, str], bool] | None = None,
) -> None:
    """Every named column exists and holds what its role needs, in config order.

    `bad_values` (from `scan_once`) answers the finite-value check per (source, column).
    """
    bad = bad_values or {}
    units = tables[UNITS]
    units.require(config.units.id, "units.id")
    units.require(config.units.arm, "units.arm")
    for dim in config.units.dimensions:
        units.require(dim, "units.dimensions")
    if config.units.timestamp:
        require_timestamps(con, units, config.units.timestamp, "units.timestamp")
    for covered, column in config.units.covariate_columns().items():
        key = f"units.covariates.{covered}"
        require_numeric(con, units, column, key, bad.get((UNITS, column)))
    for name, source in config.sources.items():
        tables[name].require(source.id, f"sources.{name}.id")
        if source.timestamp:
            require_timestamps(con, tables[name], source.timestamp, f"sources.{name}.timestamp")
    for metric_name, metric in config.metrics.items():
        for role, ref in metric_refs(metric).items():
            if ref.column == "count" and ref.source != UNITS:
                continue
            key = f"metrics.{metric_name}.{ROLE_KEYS[role]}"
            found = bad.get((ref.source, ref.column))
            require_numeric(con, tables[ref.source], ref.column, key, found)


UNIT_INDEX = "quality_unit_index"


@dataclass
class Scans:
    """What `scan_once` read ahead of the checks, one scan per file."""

    bad_values: dict[tuple[str, str], bool] = field(default_factory=dict)
    reduced: dict[str, str] = field(default_factory=dict)  # source -> its per-unit table
    unit_index: bool = False  # UNIT_INDEX is built


def _numeric_columns(config: Config) -> dict[str, list[str]]:
    """Per source, the columns `validate_columns` requires to hold finite numbers."""
    out: dict[str, list[str]] = {UNITS: list(config.units.covariate_columns().values())}
    for metric in config.metrics.values():
        for ref in metric_refs(metric).values():
            if ref.column == "count" and ref.source != UNITS:
                continue
            out.setdefault(ref.source, [])
            if ref.column not in out[ref.source]:
                out[ref.source].append(ref.column)
    return out


def scan_once(con: duckdb.DuckDBPyConnection, config: Config, tables: dict[str, Table]) -> Scans:
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
    numeric = _numeric_columns(config)
    negative = _negative_columns(config)
    columns = numeric.get(UNITS, [])
    try:
        flags = "".join(f", {_bad_value(c)} AS bad_{i}" for i, c in enumerate(columns))
        _unit_index(con, config, tables, flags, with_columns=True)
        scans.bad_values.update(_flags(con, UNIT_INDEX, UNITS, columns))
        scans.unit_index = True
    except (duckdb.Error, DataError):
        pass
    carried = carried_sums(config)
    for name in sorted(set(refs_by_source(config)) | set(carried)):
        table, source = tables[name], config.sources[name]
        columns = numeric.get(name, [])
        reduced = ident(f"reduced_{name}")
        items = [
            f"CAST({ident(source.id)} AS VARCHAR) AS unit_id",
            "COUNT(*) AS n",
            f"COUNT(*) FILTER (WHERE NOT ({source_window(config, name)})) AS outside",
            *(_negative_count(c) for c in negative.get(name, [])),
            *(f"{_bad_value(c)} AS bad_{i}" for i, c in enumerate(columns)),
            *reduced_aggregates(config, name),
            *(f"{agg} AS {ident(a)}" for a, agg in carried.get(name, {}).items()),
        ]
        try:
            with duckdb_errors(table.path):
                execute(
                    con,
                    f"CREATE OR REPLACE TEMP TABLE {reduced} AS SELECT {', '.join(items)} "
                    f"FROM {ident(table.view)} GROUP BY {_group_key(table, source.id)}",
                    f"Checking {name}",
                )
            scans.bad_values.update(_flags(con, reduced, name, columns))
        except DataError:
            continue
        scans.reduced[name] = reduced
    return scans


def _flags(
    con: duckdb.DuckDBPyConnection, table: str, source: str, columns: list[str]
) -> dict[tuple[str, str], bool]:
    """Per column, whether any row of `table`'s `bad_<i>` flags is set."""
    items = ["TRUE", *(f"bool_or(bad_{i})" for i in range(len(columns)))]
    found = _one(con, f"SELECT {', '.join(items)} FROM {table}")
    return {(source, c): bool(v) for c, v in zip(columns, found[1:], strict=True)}


INTEGER_TYPES = tuple(t for t in NUMERIC_TYPES if t.endswith(("INT", "INTEGER")))


def _group_key(table: Table, column: str) -> str:
    """What to GROUP BY for `CAST(column AS VARCHAR)`: the column itself where that cast is
    one-to-one (integers, text). Hashing the native value is cheaper and only the groups
    get cast; the groups and the ids are the same."""
    kind = table.columns.get(column, "").upper()
    if kind == "VARCHAR" or kind.startswith(INTEGER_TYPES):
        return ident(column)
    return f"CAST({ident(column)} AS VARCHAR)"


def _negative_count(column: str) -> str:
    return (
        f"COUNT(*) FILTER (WHERE CAST({ident(column)} AS DOUBLE) < 0) AS {ident('neg_' + column)}"
    )


def _unit_index(
    con: duckdb.DuckDBPyConnection,
    config: Config,
    tables: dict[str, Table],
    extra: str = "",
    with_columns: bool = False,
) -> None:
    """The units file read once into an index (one row per id and arm), for every check.

    `with_columns`: it also holds the unit table's columns (`unit_columns`, over the
    rows in the window, and their count `in_window`), so `unit_query` need not read
    the file again.
    """
    exp, units = config.experiment, config.units
    uid, arm = ident(units.id), ident(units.arm)
    table = tables[UNITS]
    cond = (
        window_condition(units.timestamp, exp.start, exp.end)
        if units.timestamp and (exp.start or exp.end)
        else "TRUE"
    )
    if with_columns:
        kept = unit_columns(config, exposure=bool(units.timestamp)).items()
        extra += f", COUNT(*) FILTER (WHERE {cond}) AS in_window" + "".join(
            f", MIN({expr}) FILTER (WHERE {cond}) AS {ident(c)}" for c, expr in kept
        )
    with duckdb_errors(tables[UNITS].path):
        execute(
            con,
            f"CREATE OR REPLACE TEMP TABLE {UNIT_INDEX} AS SELECT CAST({uid} AS VARCHAR) AS id, "
            f"CAST({arm} AS VARCHAR) AS arm, COUNT(*) AS n, "
            f"COUNT(*) FILTER (WHERE NOT ({cond})) AS outside{extra} "
            f"FROM {ident(table.view)} "
            f"GROUP BY {_group_key(table, units.id)}, {_group_key(table, units.arm)}",
            "Checking units",
        )


def quality_checks(
    con: duckdb.DuckDBPyConnection,
    config: Config,
    tables: dict[str, Table],
    arms: list[str],
    scans: Scans | None = None,
) -> list[Check]:
    exp, units = config.experiment, config.units
    view = ident(tables[UNITS].view)
    scans = scans or Scans()
    if not scans.unit_index:
        _unit_index(con, config, tables)
    # Repeated rows are rows beyond the first of the same (id, arm): a unit in two arms
    # is contamination (its own check), not a duplicate.
    rows, distinct_pairs, missing, outside = _one(
        con,
        "SELECT SUM(n), COUNT(*) FILTER (WHERE id IS NOT NULL AND arm IS NOT NULL), "
        "SUM(n) FILTER (WHERE id IS NULL OR arm IS NULL), "
        f"SUM(outside) FROM {UNIT_INDEX}",
    )
    # One pass over the ids: how many, and how many have rows in more than one arm.
    unit_ids, multi_arm = (
        int(v or 0)
        for v in _one(
            con,
            "SELECT COUNT(*), COUNT(*) FILTER (WHERE arms > 1) FROM (SELECT id, COUNT(arm) AS arms "
            f"FROM {UNIT_INDEX} WHERE id IS NOT NULL GROUP BY id)",
        )
    )
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
            con,
            config,
            tables,
            name,
            source.id,
            source.timestamp,
            negative_columns.get(name, []),
            scans.reduced.get(name),
            unit_ids,
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
    reduced: str | None,
    units_total: int,
) -> tuple[list[Check], dict[tuple[str, str], int]]:
    """Join coverage, window and negative values of one source, in one scan of its file.

    `reduced`: the source's per-unit table from `scan_once`, read instead of the file.
    """
    exp = config.experiment
    view = ident(tables[name].view)
    cond = window_condition(ts_col, exp.start, exp.end) if ts_col else "TRUE"
    negative = "".join(f", {_negative_count(c)}" for c in value_columns)
    summed = "".join(f", SUM({ident('neg_' + c)})" for c in value_columns)
    src = (
        "SELECT unit_id AS id, n, outside"
        + "".join(f", {ident('neg_' + c)}" for c in value_columns)
        + f" FROM {reduced}"
        if reduced
        else f"SELECT CAST({ident(id_col)} AS VARCHAR) AS id, COUNT(*) AS n, "
        f"COUNT(*) FILTER (WHERE NOT ({cond})) AS outside{negative} FROM {view} "
        f"GROUP BY {_group_key(tables[name], id_col)}"
    )
    with duckdb_errors(tables[name].path):
        # A semi join, not `id IN (...)`: the engine may then hash the smaller side
        # (a few thousand survey ids rather than every unit).
        row = execute(
            con,
            f"WITH src AS MATERIALIZED ({src}),\n"
            "hits AS (SELECT SUM(n - outside), COUNT(*) FILTER (WHERE n > outside) "
            f"FROM src SEMI JOIN {UNIT_INDEX} AS i ON src.id = i.id),\n"
            f"totals AS (SELECT SUM(n), SUM(outside){summed} FROM src)\n"
            "SELECT * FROM hits, totals",
            f"Checking {name}",
        ).fetchone()
    assert row is not None  # one row: both sides are ungrouped aggregates
    matched, units_hit, total, outside = (int(v or 0) for v in row[:4])
    negatives = {(name, c): int(v or 0) for c, v in zip(value_columns, row[4:], strict=True)}
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
