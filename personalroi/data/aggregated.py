"""Aggregated input: a file of per-arm sufficient statistics instead of raw rows.

The file is what `personalroi sql` computes (CSV or Parquet): a column `arm`
(or `units.arm`), the config's dimension columns, optional `n_units`, and per
metric `<m>__n, <m>__sum, <m>__sum_sq` (+ `__sum_y, __sum_y_sq, __sum_xy` for
ratio metrics and metrics with a covariate, + the nine `__sum_px...` pre-period sums
of plan/metrics.py PRE_SUFFIXES for a ratio metric with a covariate). Unit-level methods
cannot run on it: Mann-Whitney and bootstrap fall back to Welch, and winsorization must
already be in the statistics (the query applies it); both are noted as checks.
"""

from __future__ import annotations

from dataclasses import replace

from personalroi.data.arms import find_arms
from personalroi.data.check import Check
from personalroi.data.checks_read import read_checks_file
from personalroi.data.dataset import Dataset
from personalroi.data.grouped import split_rows
from personalroi.data.heavy_tail import TailShift
from personalroi.data.progress import connect, records
from personalroi.data.sources import duckdb_errors, ident, register
from personalroi.errors import DataError
from personalroi.i18n.phrase import Phrase
from personalroi.plan.query_plan import QueryPlan


def load_aggregated(plan: QueryPlan) -> Dataset:
    units = plan.units
    path = units.aggregated
    assert path is not None
    con = connect()
    table = register(con, "src__aggregated", path)
    if units.arm not in table.columns and "arm" in table.columns:
        # `personalroi sql` names the column arm whatever the raw column was: a config
        # copied from the raw audit (units.arm: variant) reads its output as it is.
        units = replace(units, arm="arm")
        plan = replace(plan, units=units)
    table.require(units.arm, "units.arm")
    for dim in units.dimension_names:
        table.require(dim, "units.dimensions")
    for metric in plan.metrics.values():
        for column in metric.statistic_columns:
            table.require(column, f"metrics.{metric.name}")
            if not table.is_numeric(column):
                raise DataError(
                    f"{path}: column {column!r} (metrics.{metric.name}) holds text "
                    f"({table.columns[column]}); statistics must be numbers."
                )
    control, treatments = find_arms(con, plan, table)
    arms = [control, *treatments]
    with duckdb_errors(path):
        rows = records(
            con,
            f"SELECT * REPLACE (CAST({ident(units.arm)} AS VARCHAR) AS "
            f"{ident(units.arm)}) FROM {ident(table.view)}",
            "Reading the aggregated units",
        )
    grouped = split_rows(plan, rows, arms, where=str(path), arm_column=units.arm)
    for arm in arms:
        if arm not in grouped.overall:
            raise DataError(
                f"{path}: arm {arm!r} has no overall row (every dimension column empty); "
                "produce the file with `personalroi sql`, which writes one per arm."
            )
    saved = plan.units.section_files.get("checks")
    shifts: tuple[TailShift, ...] = ()
    if saved is not None:
        checks, shifts = read_checks_file(saved, control, treatments, plan.alpha)
    else:
        checks = _stand_in(str(path))
    return Dataset(
        con=con,
        control=control,
        treatments=treatments,
        units_per_arm={a: grouped.units_per_arm[a] for a in arms},
        stats=grouped.overall,
        by_dimension=grouped.by_dimension,
        checks=[*checks, *_notes(plan, upstream=saved is None)],
        has_unit_values=False,
        tail_shifts=shifts,
    )


def _stand_in(path: str) -> list[Check]:
    """Without the checks' table: a note that the unit-level checks ran elsewhere."""
    return [Check.said("aggregated_input", "pass", Phrase.of("dq.aggregated_input", path=path))]


def _notes(plan: QueryPlan, upstream: bool) -> list[Check]:
    """What aggregated input cannot do as the raw rows would. `upstream`: say that the
    winsorization is taken as applied (with the checks' table, the files come from
    `personalroi sql`, whose statistics apply it as the audit does)."""
    checks = []
    fallback = [n for n, m in plan.metrics.items() if m.test != "default"]
    if fallback:
        said = Phrase.of("dq.unit_level_tests", metrics=", ".join(fallback))
        checks.append(Check.said("unit_level_tests", "warn", said))
    capped = [n for n, m in plan.metrics.items() if m.winsorize is not None]
    if capped and upstream:
        said = Phrase.of("dq.winsorized_upstream", metrics=", ".join(capped))
        checks.append(Check.said("winsorized_upstream", "pass", said))
    return checks
