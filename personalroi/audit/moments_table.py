"""The ROI moments section's table: one writer (the query) and one reader.

Per arm, one row of moments of the values the ROI's lifts are read from (the
revenue metric, the conversion metric, the revenue metric's covariate): their
count, sums and sums of products over the units with every value, and (with a
covariate) those of the units with revenue and covariate, which CUPED's theta is
estimated on. Then one row per buyer (a unit with a row in the CLV source) with
its values, to add the CLV forecast's moments once the forecast is fitted. The
audit runs the query on its unit table; the by-hand path saves it
(`units.aggregated.moments`); both read it with `read_moments`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations_with_replacement
from pathlib import Path
from typing import Any

import numpy as np

from personalroi.audit.roi_inputs import RevenueMetrics
from personalroi.config.model import Config
from personalroi.data.sources import duckdb_errors, ident, register, sql_string
from personalroi.errors import DataError
from personalroi.roi.joint import Moments

FILE_KEY = "units.aggregated.moments"
PAIR = ("revenue", "covariate")


def moment_columns(config: Config, names: RevenueMetrics) -> dict[str, str]:
    """The unit table's column of each value the ROI's correlations read, by key; empty
    when they cannot be lined up (no revenue metric, or a ratio one)."""
    revenue = names.revenue
    if revenue is None or config.metrics[revenue].type not in ("mean", "binary"):
        return {}
    columns = {"revenue": revenue}
    if names.conversion is not None and names.conversion != revenue:
        columns["conversion"] = names.conversion
    if isinstance(config.units.covariates.get(revenue), str):
        columns["covariate"] = f"{revenue}__cov"
    return columns


def _products(count: int) -> list[tuple[int, int]]:
    return list(combinations_with_replacement(range(count), 2))


def table_columns(keys: Sequence[str]) -> list[str]:
    """The table's columns after arm and unit_id."""
    out = ["n", *(f"sum_{k}" for k in keys)]
    out += [f"prod_{keys[i]}_{keys[j]}" for i, j in _products(len(keys))]
    if "covariate" in keys:
        out += ["pair_n", *(f"pair_sum_{k}" for k in PAIR)]
        out += [f"pair_prod_{PAIR[i]}_{PAIR[j]}" for i, j in _products(2)]
    return out + [f"value_{k}" for k in keys]


def moments_query(
    columns: dict[str, str],
    units: str,
    arms: Sequence[str] | None,
    buyers: tuple[str, str] | None,
) -> str:
    """DuckDB SQL over `units` (unit_id, arm and the value columns): the arms' moment rows,
    then (with `buyers`: the CLV source's table and id column) each buyer's values."""
    keys = list(columns)
    value = {k: f"CAST({ident(c)} AS DOUBLE)" for k, c in columns.items()}
    complete = " AND ".join(f"{ident(c)} IS NOT NULL" for c in columns.values())
    items = [f"COUNT(*) FILTER (WHERE {complete})"]
    items += [f"SUM({value[k]}) FILTER (WHERE {complete})" for k in keys]
    items += [
        f"SUM({value[keys[i]]} * {value[keys[j]]}) FILTER (WHERE {complete})"
        for i, j in _products(len(keys))
    ]
    if "covariate" in columns:
        both = " AND ".join(f"{ident(columns[k])} IS NOT NULL" for k in PAIR)
        items += [f"COUNT(*) FILTER (WHERE {both})"]
        items += [f"SUM({value[k]}) FILTER (WHERE {both})" for k in PAIR]
        items += [
            f"SUM({value[PAIR[i]]} * {value[PAIR[j]]}) FILTER (WHERE {both})"
            for i, j in _products(2)
        ]
    names = table_columns(keys)
    none = "CAST(NULL AS DOUBLE)"
    moments = [*items, *([none] * len(keys))]
    kept = f" WHERE arm IN ({', '.join(sql_string(a) for a in arms)})" if arms else ""
    select = ", ".join(f"{e} AS {ident(n)}" for e, n in zip(moments, names, strict=True))
    sql = (
        f"SELECT arm, CAST(NULL AS VARCHAR) AS unit_id, {select}\nFROM {units}{kept}\nGROUP BY arm"
    )
    if buyers is not None:
        table, id_column = buyers
        per_unit = [none] * (len(names) - len(keys)) + [value[k] for k in keys]
        row = ", ".join(f"{e} AS {ident(n)}" for e, n in zip(per_unit, names, strict=True))
        sql += (
            f"\nUNION ALL\nSELECT arm, unit_id, {row}\nFROM {units}\n"
            f"WHERE unit_id IN (SELECT CAST({ident(id_column)} AS VARCHAR) FROM {table})"
            + (f" AND arm IN ({', '.join(sql_string(a) for a in arms)})" if arms else "")
        )
    return sql


@dataclass(frozen=True)
class ArmMoments:
    """One arm's moments, its CUPED pair's (with a covariate), and its buyers' values."""

    main: Moments
    pair: Moments | None
    buyers: list[tuple[Any, ...]]


def read_moments(
    keys: Sequence[str], names: Sequence[str], rows: Sequence[Sequence[Any]]
) -> dict[str, ArmMoments]:
    """The table's rows (columns `names`) as each arm's moments."""
    at = {n: i for i, n in enumerate(names)}
    keys = tuple(keys)
    count = len(keys)
    products = _products(count)
    arms: dict[str, tuple[Moments, Moments | None]] = {}
    buyers: dict[str, list[tuple[Any, ...]]] = {}
    for row in rows:
        arm = str(row[at["arm"]])
        if row[at["unit_id"]] is not None:
            values = tuple(row[at[f"value_{k}"]] for k in keys)
            buyers.setdefault(arm, []).append((str(row[at["unit_id"]]), *values))
            continue
        numbers = [_number(row[at[c]]) for c in table_columns(keys)[: -count or None]]
        main = _moments(keys, numbers[: 1 + count + len(products)], products)
        rest = numbers[1 + count + len(products) :]
        arms[arm] = (main, _moments(PAIR, rest, _products(2)) if "covariate" in keys else None)
    return {a: ArmMoments(m, p, buyers.get(a, [])) for a, (m, p) in arms.items()}


def read_moments_file(path: Path, keys: Sequence[str]) -> dict[str, ArmMoments]:
    """The by-hand path: the saved table (CSV or Parquet)."""
    import duckdb

    if not path.is_file():
        raise DataError(
            f"{path}: no such file ({FILE_KEY}); save the moments query's result there."
        )
    con = duckdb.connect()
    table = register(con, "roi__moments", path)
    wanted = ["arm", "unit_id", *table_columns(keys)]
    for column in wanted:
        table.require(column, FILE_KEY)
    for column in wanted[2:]:
        if not table.is_numeric(column):
            raise DataError(
                f"{path}: column {column!r} ({FILE_KEY}) holds text; it must hold numbers."
            )
    casts = ["CAST(arm AS VARCHAR)", "CAST(unit_id AS VARCHAR)"]
    casts += [f"CAST({ident(c)} AS DOUBLE)" for c in wanted[2:]]
    with duckdb_errors(path):
        rows = con.execute(f"SELECT {', '.join(casts)} FROM {ident(table.view)}").fetchall()
    return read_moments(keys, wanted, rows)


def _number(value: Any) -> float:
    return 0.0 if value is None else float(value)


def _moments(
    keys: tuple[str, ...], numbers: list[float], products: list[tuple[int, int]]
) -> Moments:
    n, sums, cross = numbers[0], numbers[1 : 1 + len(keys)], numbers[1 + len(keys) :]
    matrix = np.zeros((len(keys), len(keys)))
    for (i, j), total in zip(products, cross, strict=True):
        matrix[i, j] = matrix[j, i] = total
    return Moments(keys, n, np.asarray(sums, dtype=float), matrix)
