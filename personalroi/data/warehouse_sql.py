"""One query from raw exports to per-arm sufficient statistics, in any SQL dialect.

The embedded engine and `personalroi sql` run the same text: the per-unit
query (unit_sql) as CTEs, then one GROUPING SETS pass (arm_sql) giving every
arm's statistics overall and per dimension level. It is written in DuckDB SQL
and transpiled with sqlglot, so the warehouse computes what the embedded
engine would; its result is the aggregated-input file `audit` reads.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from personalroi.config.where import where_sql
from personalroi.data.arm_sql import grouped_stats_query, stat_columns
from personalroi.data.inputs import audit_inputs
from personalroi.data.sources import ident, scan_expression, with_ctes
from personalroi.data.unit_sql import unit_query
from personalroi.errors import PersonalroiError, did_you_mean
from personalroi.plan.inputs import UnitsInput
from personalroi.plan.query_plan import QueryPlan

UNIT_CTE = "unit_values"
CAPS_CTE = "caps"


def stats_ctes(plan: QueryPlan, unit_table: str) -> tuple[list[str], str]:
    """The caps CTE (if a metric is winsorized) and the final GROUPING SETS select."""
    _, caps = stat_columns(plan)
    ctes = [f"{CAPS_CTE} AS (\n  SELECT {', '.join(caps)}\n  FROM {unit_table}\n)"] if caps else []
    return ctes, grouped_stats_query(plan, unit_table, CAPS_CTE if caps else None)


def stats_over(plan: QueryPlan, unit_table: str) -> str:
    """Grouped statistics over an existing per-unit table."""
    ctes, select = stats_ctes(plan, unit_table)
    return with_ctes(ctes, select)


def composed_query(
    plan: QueryPlan,
    tables: Mapping[str, str],
    arms: Sequence[str] | None = None,
    deduplicate: bool = True,
) -> str:
    """DuckDB SQL: raw tables -> one row per unit (CTE) -> statistics per arm and level."""
    caps, select = stats_ctes(plan, UNIT_CTE)
    return over_unit_values(plan, tables, caps, select, arms, deduplicate)


def over_unit_values(
    plan: QueryPlan,
    tables: Mapping[str, str],
    ctes: Sequence[str],
    select: str,
    arms: Sequence[str] | None = None,
    deduplicate: bool = True,
    exposure: bool = False,
    carry: Mapping[str, Mapping[str, str]] | None = None,
) -> str:
    """DuckDB SQL: raw tables -> one row per unit (the CTE UNIT_CTE, the audit's unit
    table; `exposure`: with the first exposure; `carry`: with more per-unit columns, as
    unit_query's) -> `ctes` and `select`, which read it."""
    units = unit_query(plan, tables, arms, deduplicate, exposure=exposure, carry=carry)
    # unit_query is "WITH <ctes>\nSELECT ..."; its CTE bodies are indented, so the
    # last unindented SELECT is the per-unit select, which becomes one more CTE.
    head, sep, tail = units.rpartition("\nSELECT ")
    assert head.startswith("WITH ") and sep, "unit_query layout changed"
    per_unit = f"{UNIT_CTE} AS (\nSELECT {tail}\n)"
    return ",\n".join([head, per_unit, *ctes]) + "\n" + select


def table_overrides(pairs: Sequence[str], names: Sequence[str]) -> dict[str, str]:
    """Parse `--table NAME=TABLE` options; NAME is 'units' or a source name."""
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, table = pair.partition("=")
        name, table = name.strip(), table.strip()
        if not sep or not name or not table:
            raise PersonalroiError(
                f"--table {pair!r}: expected NAME=TABLE, "
                "e.g. --table units=project.dataset.visitors."
            )
        if name not in names:
            raise PersonalroiError(
                f"--table {pair!r}: no source {name!r}{did_you_mean(name, names)}; "
                f"names: {', '.join(names)}."
            )
        out[name] = table
    return out


def raw_tables(plan: QueryPlan, dialect: str, overrides: Sequence[str] = ()) -> dict[str, str]:
    """What the printed queries read 'units' and each source from: --table, the config's
    table, the file itself (DuckDB), else a table named like the file; row filters applied."""
    tables = unfiltered_tables(plan, dialect, overrides)
    # The row filters as the embedded engine applies them (data/sources.py `filtered`).
    for name, (text, _) in plan.row_filters.items():
        tables[name] = f"(SELECT * FROM {tables[name]} WHERE {where_sql(text)})"
    return tables


def unfiltered_tables(
    plan: QueryPlan, dialect: str, overrides: Sequence[str] = ()
) -> dict[str, str]:
    """`raw_tables` before the row filters: every row of each input."""
    if plan.units.aggregated is not None:
        raise PersonalroiError(
            "this config reads aggregated input (units.aggregated); "
            "`personalroi sql` needs the per-unit config that describes the raw exports."
        )
    inputs = audit_inputs(plan)
    custom = table_overrides(overrides, list(inputs))
    tables = {}
    for name, spec in inputs.items():
        path = spec.path
        if name in custom:
            tables[name] = _table_name(custom[name])
        elif spec.table is not None:
            tables[name] = _table_name(spec.table)
        elif dialect == "duckdb" and path.exists():
            # Runs as printed in the duckdb CLI: read the files with the sniffed dialect.
            tables[name] = scan_expression(path)
        else:
            tables[name] = ident(_stem(path))
    return tables


def configured_arms(plan: QueryPlan) -> list[str] | None:
    """The arms the config names, or None: the data decides."""
    chosen = plan.arms
    return [chosen.control, *chosen.treatments] if chosen.treatments else None


def duplicates_note(units: UnitsInput) -> str:
    """What the query does with a unit's repeated rows (units.duplicates)."""
    from personalroi.data.duplicates import policy_text

    if units.duplicates == "error":
        # A query cannot stop with a message in every dialect: it keeps the first row.
        return (
            "units.duplicates: error is checked by `personalroi audit` on the files; this "
            "query keeps each unit's first row (by time, then table order)."
        )
    note = f"Repeated unit rows: {policy_text(units)}."
    if not units.timestamp:
        note += " A warehouse table has no row order: set units.timestamp to choose reproducibly."
    return note


def _stem(path: Path) -> str:
    name = path.name
    for suffix in (".gz", ".csv", ".tsv", ".txt", ".parquet", ".pq"):
        name = name.removesuffix(suffix)
    return name or path.name


def _table_name(dotted: str) -> str:
    """`project.dataset.table`, quoting parts that are not plain identifiers (my-project)."""
    return ".".join(
        part if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", part) else ident(part)
        for part in dotted.split(".")
    )
