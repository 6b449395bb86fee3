"""Data-quality checks: what a reviewer must know before trusting any lift.

Each check is a SQL query over the unit index and the per-unit source tables
that `data/scan.py` reads once per file (or over the file, if that scan failed);
the checks are reported as pass/warn/fail rows.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from personalroi.data.check import Check
from personalroi.data.duplicates import dimension_source_checks, duplicate_check
from personalroi.data.progress import execute
from personalroi.data.scan import (
    UNIT_INDEX,
    Scans,
    build_unit_index,
    group_key,
    negative_count,
)
from personalroi.data.sources import Table, duckdb_errors, ident
from personalroi.data.unit_sql import window_condition
from personalroi.errors import DataError
from personalroi.plan.inputs import Window
from personalroi.plan.query_plan import QueryPlan
from personalroi.plan.refs import UNITS

if TYPE_CHECKING:
    from personalroi.engines.base import Connection


def _one(con: Connection, sql: str, path: Path | None = None) -> tuple:
    with duckdb_errors(path):
        row = con.execute(sql).fetchone()
    assert row is not None
    return row


def quality_checks(
    con: Connection,
    plan: QueryPlan,
    tables: dict[str, Table],
    arms: list[str],
    scans: Scans | None = None,
) -> list[Check]:
    window, units = plan.window, plan.units
    view = ident(tables[UNITS].view)
    scans = scans or Scans()
    if not scans.unit_index:
        build_unit_index(con, plan, tables)
    # Repeated rows are rows beyond the first of the same (id, arm): a unit in two arms
    # is contamination (its own check), not a duplicate.
    rows, distinct_pairs, missing, outside = _one(
        con,
        "SELECT SUM(n), COUNT(*) FILTER (WHERE id IS NOT NULL AND arm IS NOT NULL), "
        "SUM(n) FILTER (WHERE id IS NULL OR arm IS NULL), "
        f"SUM(outside) FROM {UNIT_INDEX}",
        tables[UNITS].path,
    )
    # One pass over the ids: how many, and how many have rows in more than one arm.
    unit_ids, multi_arm = (
        int(v or 0)
        for v in _one(
            con,
            "SELECT COUNT(*), COUNT(*) FILTER (WHERE arms > 1) FROM (SELECT id, COUNT(arm) AS arms "
            f"FROM {UNIT_INDEX} WHERE id IS NOT NULL GROUP BY id)",
            tables[UNITS].path,
        )
    )
    # Counts as int: an engine may return a sum of counts as a decimal or a float.
    rows, missing, outside = int(rows or 0), int(missing or 0), int(outside or 0)
    duplicates = rows - missing - distinct_pairs
    checks = [
        duplicate_check(con, plan, tables[UNITS], duplicates),
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
    if units.timestamp and window.bounded:
        checks.append(
            Check(
                "units_outside_window",
                "pass" if outside == 0 else "warn",
                f"{outside} unit rows outside {window.start}..{window.end} (dropped)",
            )
        )
    value_columns = plan.negative_columns
    negatives: dict[tuple[str, str], int] = {}
    for name, source in plan.sources.items():
        found, source_negatives = _source_checks(
            con,
            window,
            tables,
            name,
            source.id,
            source.timestamp,
            value_columns.get(name, []),
            scans.reduced.get(name),
            unit_ids,
        )
        checks.extend(found)
        negatives.update(source_negatives)
    for column in value_columns.get(UNITS, []):
        negatives[(UNITS, column)] = _one(
            con,
            f"SELECT COUNT(*) FROM {view} WHERE CAST({ident(column)} AS DOUBLE) < 0",
            tables[UNITS].path,
        )[0]
    checks.extend(_negative_values(value_columns, negatives))
    checks.extend(dimension_source_checks(con, plan, tables))
    checks.extend(_filtered_rows(con, tables))
    return checks


def _filtered_rows(con: Connection, tables: dict[str, Table]) -> list[Check]:
    """Rows each row filter excluded: the reviewer sees what the audit did not read."""
    checks = []
    for name, table in tables.items():
        if table.where is None:
            continue
        total, excluded = _one(
            con,
            f"SELECT COUNT(*), COUNT(*) FILTER (WHERE ({table.where}) IS NOT TRUE) "
            f"FROM {ident(table.every_row)}",
            table.path,
        )
        if excluded == total:
            raise DataError(
                f"{table.path}: {table.where_key} excludes every one of its {total:,} rows; "
                "nothing is left to analyse. Check the condition."
            )
        checks.append(
            Check(
                f"rows_excluded_{name}",
                "warn" if excluded else "pass",
                f"{excluded:,} of {total:,} rows excluded by {table.where_key}: {table.where}",
            )
        )
    return checks


def _source_checks(
    con: Connection,
    window: Window,
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
    view = ident(tables[name].view)
    cond = window_condition(ts_col, window.start, window.end) if ts_col else "TRUE"
    negative = "".join(f", {negative_count(c)}" for c in value_columns)
    summed = "".join(f", SUM({ident('neg_' + c)})" for c in value_columns)
    src = (
        "SELECT unit_id AS id, n, outside"
        + "".join(f", {ident('neg_' + c)}" for c in value_columns)
        + f" FROM {reduced}"
        if reduced
        else f"SELECT CAST({ident(id_col)} AS VARCHAR) AS id, COUNT(*) AS n, "
        f"COUNT(*) FILTER (WHERE NOT ({cond})) AS outside{negative} FROM {view} "
        f"GROUP BY {group_key(tables[name], id_col)}"
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
    if ts_col and window.bounded:
        checks.append(
            Check(
                f"{name}_outside_window",
                "pass" if outside == 0 else "warn",
                f"{outside} rows outside {window.start}..{window.end} (dropped)",
            )
        )
    return checks, negatives


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
