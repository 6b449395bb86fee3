"""Data-quality checks: what a reviewer must know before trusting any lift.

The audit runs the checks' one statement (data/checks_sql.py) over the tables that
data/scan.py read once per file and over its unit table, and reads the result with
data/checks_read.py, as the by-hand path reads the table saved from a warehouse.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from personalroi.data.check import Check
from personalroi.data.checks_read import read_checks
from personalroi.data.checks_sql import CheckInputs, FilteredTable, split_checks
from personalroi.data.heavy_tail import TailShift
from personalroi.data.progress import all_threads, records
from personalroi.data.scan import (
    UNIT_INDEX,
    Scans,
    reduce_source,
    reduced_name,
    repeated_pairs,
)
from personalroi.data.sources import Table, duckdb_errors, ident
from personalroi.plan.query_plan import QueryPlan
from personalroi.plan.refs import UNITS

if TYPE_CHECKING:
    from personalroi.engines.base import Connection


def quality_checks(
    con: Connection,
    plan: QueryPlan,
    tables: dict[str, Table],
    scans: Scans,
    unit_table: str,
    control: str,
    treatments: list[str],
) -> tuple[list[Check], tuple[TailShift, ...]]:
    """The checks, and the heavy-tail shifts (the ROI section prices the revenue metric's).

    UNIT_INDEX must be built (with or without the unit columns).
    """
    for name in plan.sources:
        if name not in scans.reduced:
            # Its scan failed ahead of the column checks: again, to name the problem.
            reduce_source(con, plan, tables, name)
            scans.reduced[name] = reduced_name(name)
    inputs = CheckInputs(
        tables={name: ident(t.view) for name, t in tables.items()},
        unit_table=unit_table,
        filtered={
            name: FilteredTable(ident(t.every_row), t.where, t.where_key)
            for name, t in tables.items()
            if t.where is not None
        },
        index=UNIT_INDEX,
        reduced=scans.reduced,
        repeats=repeated_pairs(con),
    )
    counts, sums = split_checks(plan, inputs)
    with duckdb_errors(tables[UNITS].path):
        # Counts, MINs and quantiles come out the same in any order: every thread.
        with all_threads(con):
            found = records(con, counts, "Checking data quality")
        if sums is not None:
            # Float sums, on one thread over the unit table in unit order: the same bits.
            found += records(con, sums, "Checking heavy tails")
    return read_checks(found, control, treatments, plan.alpha, lambda n: str(tables[n].path))
