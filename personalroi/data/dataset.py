"""Load an experiment: register files, check them, and reduce them to sufficient statistics."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from personalroi.config.model import Config
from personalroi.data.arm_sql import stat_suffixes
from personalroi.data.column_checks import validate_columns
from personalroi.data.grouped import ArmKey, MetricStats, split_rows
from personalroi.data.heavy_tail import TailShift, heavy_tail_checks
from personalroi.data.progress import connect, execute
from personalroi.data.quality import Check, quality_checks
from personalroi.data.scan import UNIT_INDEX, scan_once
from personalroi.data.sources import Table, duckdb_errors, ident, register_all, sql_string
from personalroi.data.unit_sql import UNIT_ROW, UNITS, row_filters, unit_query
from personalroi.data.warehouse_sql import stats_over
from personalroi.engagement.aggregates import check_columns
from personalroi.engagement.unit_sql import carried_sums
from personalroi.errors import DataError, did_you_mean
from personalroi.stats.sufficient import JointStats, RatioCovariateStats, SampleStats

if TYPE_CHECKING:
    from personalroi.engines.base import Connection

UNIT_TABLE = "unit_values"


@dataclass
class Dataset:
    """The experiment reduced to per-arm sufficient statistics, plus the open engine.

    `con` keeps the per-unit table for the few methods that need unit values
    (Mann-Whitney, bootstrap).
    """

    con: Connection
    control: str
    treatments: list[str]
    units_per_arm: dict[str, int]
    stats: dict[str, MetricStats]
    by_dimension: dict[str, dict[ArmKey, MetricStats]]
    checks: list[Check] = field(default_factory=list)
    # False for aggregated input: Mann-Whitney/bootstrap fall back to Welch.
    has_unit_values: bool = True
    # The registered files by config name ('units' and each source), for extra queries.
    tables: dict[str, Table] = field(default_factory=dict)
    # Lifts that a few extreme units decide (the heavy_tail check's findings).
    tail_shifts: tuple[TailShift, ...] = ()
    # Winsorization caps by metric (the quantile over every unit the sums use), so the
    # unit-level tests (Mann-Whitney, bootstrap) see the same capped values.
    caps: dict[str, float] = field(default_factory=dict)

    def unit_values(self, metric: str, arm: str) -> np.ndarray:
        value = ident(metric)
        if metric in self.caps:
            value = f"LEAST({value}, {self.caps[metric]!r})"
        sql = (
            f"SELECT {value} AS v FROM {UNIT_TABLE} WHERE arm = {sql_string(arm)} "
            f"AND {ident(metric)} IS NOT NULL ORDER BY unit_id"
        )
        return np.asarray(self.con.execute(sql).fetchnumpy()["v"], dtype=float)


def load_dataset(config: Config) -> Dataset:
    if config.units.aggregated is not None:
        from personalroi.data.aggregated import load_aggregated

        return load_aggregated(config)
    config = config.per_unit()
    con, tables = open_inputs(config)
    if config.engagement is not None:
        # Before the scan that also sums them: a bad engagement column is named here.
        check_columns(con, config.engagement, tables)
    scans = scan_once(con, config, tables)
    validate_columns(con, config, tables, scans.bad_values)
    index = UNIT_INDEX if scans.unit_index else None
    control, treatments = _arms(con, config, tables[UNITS], index)
    arms = [control, *treatments]
    checks = quality_checks(con, config, tables, arms, scans)
    views = {name: ident(t.view) for name, t in tables.items()}
    unique = all(
        c.status == "pass" for c in checks if c.name in ("duplicate_ids", "units_in_multiple_arms")
    )
    with duckdb_errors(config.units.path):
        # Sorted by unit, then summed on one thread: parallel float sums add in a
        # different order each run, and --seed promises byte-identical results. The
        # expensive part (scanning and joining the sources) stays parallel.
        per_unit = unit_query(
            config,
            views,
            arms,
            deduplicate=not unique,
            exposure=bool(config.units.timestamp),
            reduced=scans.reduced,
            carry=carried_sums(config),
            unit_index=index,
        )
        sql = (
            f"CREATE TEMP TABLE {UNIT_TABLE} AS SELECT *, ROW_NUMBER() OVER (ORDER BY unit_id) "
            f"AS {ident(UNIT_ROW)} FROM ({per_unit}) ORDER BY unit_id"
        )
        execute(con, sql, "Reducing to units")
        # Free the checks' tables as soon as they are read: less for later passes to spill.
        for table in [*scans.reduced.values(), UNIT_INDEX]:
            con.execute(f"DROP TABLE IF EXISTS {table}")
        con.execute("SET threads = 1")
        tail_checks, tail_shifts = heavy_tail_checks(con, config, UNIT_TABLE, control, treatments)
        checks = [*checks, *tail_checks]
        cursor = execute(con, stats_over(config, UNIT_TABLE), "Aggregating")
        names = [d[0] for d in cursor.description or []]
        records = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    grouped = split_rows(config, records, arms)
    counts = grouped.units_per_arm
    for arm in arms:
        if counts.get(arm, 0) == 0:
            raise DataError(
                f"{config.units.path}: arm {arm!r} has no units left after the window and "
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
        caps=_caps(con, config),
        tail_shifts=tail_shifts,
    )


def open_inputs(config: Config) -> tuple[Connection, dict[str, Table]]:
    """The engine the config names, with 'units' and each source visible to queries."""
    views = {UNITS: "src__units", **{name: f"src_{name}" for name in config.sources}}
    if config.engine.remote_engine:
        from personalroi.data.engine_tables import register_remote
        from personalroi.engines import open_engine

        remote = open_engine(config.engine)
        return remote, register_remote(remote, config, views, row_filters(config))
    con = connect()
    paths = {UNITS: config.units.path, **{n: s.path for n, s in config.sources.items()}}
    files = {name: (view, paths[name]) for name, view in views.items()}
    return con, register_all(con, files, row_filters(config))


def _caps(con: Connection, config: Config) -> dict[str, float]:
    """The winsorization cap of each winsorized mean metric, as arm_sql computes it."""
    winsorized = {
        n: m.winsorize for n, m in config.metrics.items() if m.winsorize and m.type == "mean"
    }
    if not winsorized:
        return {}
    items = ", ".join(f"quantile_cont({ident(n)}, {q})" for n, q in winsorized.items())
    row = con.execute(f"SELECT {items} FROM {UNIT_TABLE}").fetchone()
    assert row is not None
    return {n: float(v) for n, v in zip(winsorized, row, strict=True) if v is not None}


def _arms(
    con: Connection, config: Config, units: Table, index: str | None = None
) -> tuple[str, list[str]]:
    """Control and treatments; `index` (the checks' unit index) is read instead of the file."""
    exp = config.experiment
    arm = "arm" if index else f"CAST({ident(config.units.arm)} AS VARCHAR)"
    source = index or ident(units.view)
    rows = con.execute(
        f"SELECT DISTINCT {arm} FROM {source} WHERE {arm} IS NOT NULL ORDER BY 1"
    ).fetchall()
    present = [r[0] for r in rows]
    if not present:
        raise DataError(
            f"{units.path}: no data rows with an arm in column {config.units.arm!r} "
            "(units.arm); the file has a header but nothing to analyse."
        )
    if exp.control not in present:
        raise DataError(
            f"{units.path}: control arm {exp.control!r} (experiment.control) is not in column "
            f"{config.units.arm!r}{did_you_mean(exp.control, present)}. "
            f"Arms found: {', '.join(present) or 'none'}."
        )
    treatments = exp.treatments or [a for a in present if a != exp.control]
    for arm in treatments:
        if arm not in present:
            raise DataError(
                f"{units.path}: treatment arm {arm!r} (experiment.treatments) is not in column "
                f"{config.units.arm!r}{did_you_mean(arm, present)}. "
                f"Arms found: {', '.join(present)}."
            )
    if not treatments:
        raise DataError(
            f"{units.path}: only the control arm {exp.control!r} is in the data; "
            "a comparison needs at least one personalized arm."
        )
    _check_split(config, units, present, [exp.control, *treatments])
    return exp.control, treatments


def _check_split(config: Config, units: Table, present: list[str], arms: list[str]) -> None:
    """expected_split must give a share to exactly the arms analysed (SRM is silent otherwise)."""
    split = config.experiment.expected_split
    if split is None:
        return
    for arm in split:
        if arm not in present:
            raise DataError(
                f"{units.path}: experiment.expected_split names arm {arm!r}, which is not in "
                f"column {config.units.arm!r}{did_you_mean(arm, present)}. "
                f"Arms found: {', '.join(present)}."
            )
    missing = [a for a in arms if a not in split]
    if missing:
        raise DataError(
            f"{config.units.path}: experiment.expected_split has no share for arm(s) "
            f"{', '.join(map(repr, missing))}; give every analysed arm a share."
        )


def stats_from_record(config: Config, record: dict[str, Any]) -> MetricStats:
    """Build each metric's sufficient statistics from a row of the arm-stats layout."""

    def num(name: str, stat: str) -> float:
        value = record.get(f"{name}__{stat}")
        return (
            0.0
            if value is None or (isinstance(value, float) and math.isnan(value))
            else float(value)
        )

    stats: MetricStats = {}
    for name in config.metrics:
        suffixes = stat_suffixes(config, name)
        n, *sums = [num(name, stat) for stat in suffixes]
        kind = {3: SampleStats, 6: JointStats}.get(len(suffixes), RatioCovariateStats)
        stats[name] = kind(int(n), *sums)
    return stats
