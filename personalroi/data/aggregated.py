"""Aggregated input: a file of per-arm sufficient statistics instead of raw rows.

The file is what `personalroi sql` computes (CSV or Parquet): a column `arm`
(or `units.arm`), the config's dimension columns, optional `n_units`, and per
metric `<m>__n, <m>__sum, <m>__sum_sq` (+ `__sum_y, __sum_y_sq, __sum_xy` for
ratio metrics and metrics with a covariate, + the nine `__sum_px...` pre-period sums
of arm_sql.PRE_SUFFIXES for a ratio metric with a covariate). Unit-level methods cannot run on
it: Mann-Whitney and bootstrap fall back to Welch, and winsorization must
already be in the statistics (the query applies it); both are noted as checks.
"""

from __future__ import annotations

from personalroi.config.model import Config
from personalroi.data.arm_sql import stat_suffixes
from personalroi.data.arms import find_arms
from personalroi.data.check import Check
from personalroi.data.dataset import Dataset
from personalroi.data.grouped import split_rows
from personalroi.data.progress import connect
from personalroi.data.sources import duckdb_errors, ident, register
from personalroi.errors import DataError


def required_columns(config: Config) -> dict[str, list[str]]:
    """The statistic columns each metric needs in the aggregated file."""
    return {name: [f"{name}__{s}" for s in stat_suffixes(config, name)] for name in config.metrics}


def load_aggregated(config: Config) -> Dataset:
    path = config.units.aggregated
    assert path is not None
    con = connect()
    table = register(con, "src__aggregated", path)
    if config.units.arm not in table.columns and "arm" in table.columns:
        # `personalroi sql` names the column arm whatever the raw column was: a config
        # copied from the raw audit (units.arm: variant) reads its output as it is.
        config = config.model_copy(update={"units": config.units.model_copy(update={"arm": "arm"})})
    table.require(config.units.arm, "units.arm")
    for dim in config.units.dimensions:
        table.require(dim, "units.dimensions")
    for metric, columns in required_columns(config).items():
        for column in columns:
            table.require(column, f"metrics.{metric}")
            if not table.is_numeric(column):
                raise DataError(
                    f"{path}: column {column!r} (metrics.{metric}) holds text "
                    f"({table.columns[column]}); statistics must be numbers."
                )
    control, treatments = find_arms(con, config, table)
    arms = [control, *treatments]
    with duckdb_errors(path):
        cursor = con.execute(
            f"SELECT * REPLACE (CAST({ident(config.units.arm)} AS VARCHAR) AS "
            f"{ident(config.units.arm)}) FROM {ident(table.view)}"
        )
        names = [d[0] for d in cursor.description or []]
        records = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    grouped = split_rows(config, records, arms, where=str(path), arm_column=config.units.arm)
    for arm in arms:
        if arm not in grouped.overall:
            raise DataError(
                f"{path}: arm {arm!r} has no overall row (every dimension column empty); "
                "produce the file with `personalroi sql`, which writes one per arm."
            )
    return Dataset(
        con=con,
        control=control,
        treatments=treatments,
        units_per_arm={a: grouped.units_per_arm[a] for a in arms},
        stats=grouped.overall,
        by_dimension=grouped.by_dimension,
        checks=_notes(config, str(path)),
        has_unit_values=False,
    )


def _notes(config: Config, path: str) -> list[Check]:
    checks = [
        Check(
            "aggregated_input",
            "pass",
            f"per-arm statistics read from {path}; unit-level checks (duplicates, "
            "window, join coverage) belong where they were computed",
        )
    ]
    fallback = [n for n, m in config.metrics.items() if m.test != "default"]
    if fallback:
        checks.append(
            Check(
                "unit_level_tests",
                "warn",
                f"{', '.join(fallback)}: Mann-Whitney/bootstrap need unit values; "
                "Welch t-test used on aggregated input",
            )
        )
    capped = [n for n, m in config.metrics.items() if m.winsorize is not None]
    if capped:
        checks.append(
            Check(
                "winsorized_upstream",
                "pass",
                f"{', '.join(capped)}: winsorization is taken as applied by the aggregation "
                "query (`personalroi sql` does); it cannot be applied to sums",
            )
        )
    return checks
