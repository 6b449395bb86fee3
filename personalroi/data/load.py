"""Load an experiment: open the engine, check the inputs, reduce them to sufficient statistics."""

from __future__ import annotations

from typing import TYPE_CHECKING

from personalroi.data.arms import find_arms
from personalroi.data.column_checks import validate_columns
from personalroi.data.dataset import UNIT_TABLE, Dataset
from personalroi.data.duplicates import refuse_repeats
from personalroi.data.engagement_sums import carried_sums, check_columns
from personalroi.data.grouped import split_rows
from personalroi.data.inputs import audit_inputs, input_bytes
from personalroi.data.progress import connect, execute, records
from personalroi.data.quality import quality_checks
from personalroi.data.scan import UNIT_INDEX, build_unit_index, rows_to_drop, scan_once
from personalroi.data.sources import Table, duckdb_errors, ident, register_all
from personalroi.data.unit_sql import numbered_units, unit_query
from personalroi.data.warehouse_sql import stats_over
from personalroi.errors import DataError
from personalroi.plan.query_plan import QueryPlan
from personalroi.plan.refs import UNITS

if TYPE_CHECKING:
    from personalroi.engines.base import Connection


def load_dataset(plan: QueryPlan) -> Dataset:
    if plan.units.aggregated is not None:
        from personalroi.data.aggregated import load_aggregated

        return load_aggregated(plan)
    con, tables = open_inputs(plan)
    if plan.engagement is not None:
        # Before the scan that also sums them: a bad engagement column is named here.
        check_columns(con, plan.engagement, tables)
    scans = scan_once(con, plan, tables)
    validate_columns(con, plan, tables, scans.bad_values)
    index = UNIT_INDEX if scans.unit_index else None
    control, treatments = find_arms(con, plan, tables[UNITS], index)
    arms = [control, *treatments]
    if plan.units.duplicates == "error":
        # Refused before anything is computed, naming the first repeated line: the
        # checks' table counts repeated rows but has no line numbers.
        refuse_repeats(con, plan.units, tables[UNITS])
    if index is None:
        # Without the unit columns (its scan failed ahead of the column checks): the
        # checks read it, and it says whether the unit table has repeats to drop.
        build_unit_index(con, plan, tables)
    views = {name: ident(t.view) for name, t in tables.items()}
    with duckdb_errors(plan.units.path):
        # Sorted by unit, then summed on one thread: parallel float sums add in a
        # different order each run, and --seed promises byte-identical results. The
        # expensive part (scanning and joining the sources) stays parallel.
        per_unit = unit_query(
            plan,
            views,
            arms,
            deduplicate=rows_to_drop(con, picked=index is not None),
            exposure=bool(plan.units.timestamp),
            reduced=scans.reduced,
            carry=carried_sums(plan),
            unit_index=index,
        )
        sql = f"CREATE TEMP TABLE {UNIT_TABLE} AS {numbered_units(per_unit)}"
        execute(con, sql, "Reducing to units")
        con.execute("SET threads = 1")
        checks, tail_shifts = quality_checks(
            con, plan, tables, scans, UNIT_TABLE, control, treatments
        )
        # Free the checks' tables as soon as they are read: less for later passes to spill.
        for table in [*scans.reduced.values(), UNIT_INDEX]:
            con.execute(f"DROP TABLE IF EXISTS {table}")
        stats = records(con, stats_over(plan, UNIT_TABLE), "Aggregating")
    grouped = split_rows(plan, stats, arms)
    counts = grouped.units_per_arm
    for arm in arms:
        if counts.get(arm, 0) == 0:
            raise DataError(
                f"{plan.units.path}: arm {arm!r} has no units left after the window and "
                "contamination filters; nothing to compare."
            )
    return Dataset(
        con=con,
        control=control,
        treatments=treatments,
        units_per_arm={a: int(counts.get(a, 0)) for a in arms},
        stats=grouped.overall,
        by_dimension=grouped.by_dimension,
        checks=checks,
        has_unit_values=True,
        tables=tables,
        caps=_caps(con, plan),
        tail_shifts=tail_shifts,
    )


def open_inputs(plan: QueryPlan) -> tuple[Connection, dict[str, Table]]:
    """The engine the config names, with 'units' and each source visible to queries."""
    inputs = audit_inputs(plan)
    if plan.engine.remote_engine:
        from personalroi.data.engine_tables import register_remote
        from personalroi.engines import open_engine

        remote = open_engine(plan.engine)
        return remote, register_remote(remote, inputs)
    con = connect(input_bytes(plan))
    files = {name: (i.view, i.path) for name, i in inputs.items()}
    filters = {name: i.row_filter for name, i in inputs.items() if i.row_filter}
    return con, register_all(con, files, filters)


def _caps(con: Connection, plan: QueryPlan) -> dict[str, float]:
    """The winsorization cap of each winsorized mean metric, as arm_sql computes it."""
    winsorized = {
        n: m.winsorize for n, m in plan.metrics.items() if m.winsorize and m.type == "mean"
    }
    if not winsorized:
        return {}
    items = ", ".join(f"quantile_cont({ident(n)}, {q})" for n, q in winsorized.items())
    row = con.execute(f"SELECT {items} FROM {UNIT_TABLE}").fetchone()
    assert row is not None
    return {n: float(v) for n, v in zip(winsorized, row, strict=True) if v is not None}
