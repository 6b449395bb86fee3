"""The ROI moments section's table: one writer (the query) and one reader per part.

Per arm, one row of moments of the values the ROI's lifts are read from (the
revenue metric, the conversion metric, the revenue metric's covariate): their
count, sums and sums of products over the units with every value, and (with a
covariate) those of the units with revenue and covariate, which CUPED's theta is
estimated on. Then one row per buyer (a unit with a row in the CLV source) with
its values, to add the CLV forecast's moments once the forecast is fitted. The
audit runs the query's two parts on its unit table (the buyers come back as arrays);
the by-hand path saves the whole table (`units.aggregated.moments`); both read the
arm rows with `read_moments` and the buyer rows with `read_buyers`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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
NULL = "CAST(NULL AS DOUBLE)"


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
    moments = [*items, *([NULL] * len(keys))]
    select = ", ".join(f"{e} AS {ident(n)}" for e, n in zip(moments, names, strict=True))
    sql = f"SELECT arm, CAST(NULL AS VARCHAR) AS unit_id, {select}\nFROM {units}{_kept(arms)}"
    sql += "\nGROUP BY arm"
    if buyers is not None:
        sql += "\nUNION ALL\n" + buyers_query(columns, units, arms, buyers, every_column=True)
    return sql


def buyers_query(
    columns: dict[str, str],
    units: str,
    arms: Sequence[str] | None,
    buyers: tuple[str, str],
    every_column: bool = False,
) -> str:
    """The moments table's buyer rows: arm, unit_id and the values (`every_column`: with
    the table's moment columns as NULLs, to stand under the arms' rows)."""
    table, id_column = buyers
    keys = list(columns)
    names = table_columns(keys) if every_column else [f"value_{k}" for k in keys]
    per_unit = [NULL] * (len(names) - len(keys))
    per_unit += [f"CAST({ident(c)} AS DOUBLE)" for c in columns.values()]
    row = ", ".join(f"{e} AS {ident(n)}" for e, n in zip(per_unit, names, strict=True))
    ids = f"SELECT CAST({ident(id_column)} AS VARCHAR) FROM {table}"
    kept = _kept(arms).replace(" WHERE ", " AND ")
    return f"SELECT arm, unit_id, {row}\nFROM {units}\nWHERE unit_id IN ({ids}){kept}"


def _kept(arms: Sequence[str] | None) -> str:
    return f" WHERE arm IN ({', '.join(sql_string(a) for a in arms)})" if arms else ""


@dataclass(frozen=True)
class ArmMoments:
    """One arm's moments, and its CUPED pair's (with a covariate)."""

    main: Moments
    pair: Moments | None


@dataclass(frozen=True)
class Buyers:
    """One arm's buyer rows as arrays: unit ids, their values (one column per key, in the
    keys' order) and whether a unit has every value. Arrays, not a row object per buyer:
    a 10 M-unit audit has most of a million buyers."""

    unit_ids: np.ndarray
    values: np.ndarray  # (buyers, keys)
    complete: np.ndarray  # (buyers,) bool


def read_moments(
    keys: Sequence[str], names: Sequence[str], rows: Sequence[Sequence[Any]]
) -> dict[str, ArmMoments]:
    """The table's arm rows (columns `names`; buyer rows are skipped) as each arm's
    moments."""
    at = {n: i for i, n in enumerate(names)}
    keys = tuple(keys)
    count = len(keys)
    products = _products(count)
    arms: dict[str, ArmMoments] = {}
    for row in rows:
        if row[at["unit_id"]] is not None:
            continue
        numbers = [_number(row[at[c]]) for c in table_columns(keys)[: -count or None]]
        main = _moments(keys, numbers[: 1 + count + len(products)], products)
        rest = numbers[1 + count + len(products) :]
        pair = _moments(PAIR, rest, _products(2)) if "covariate" in keys else None
        arms[str(row[at["arm"]])] = ArmMoments(main, pair)
    return arms


def read_buyers(keys: Sequence[str], columns: Mapping[str, Any]) -> dict[str, Buyers]:
    """The buyer rows, fetched as arrays (`fetchnumpy`: arm, unit_id, value_<key>; NULLs
    masked), split by arm."""
    arm = np.asarray(columns["arm"], dtype=object)
    unit_ids = np.asarray(columns["unit_id"], dtype=object)
    values = [columns[f"value_{k}"] for k in keys]
    missing = np.zeros(arm.size, dtype=bool)
    for column in values:
        missing |= np.ma.getmaskarray(column)
    table: np.ndarray = np.column_stack(
        [np.ma.filled(np.ma.asarray(c, dtype=float), 0.0) for c in values]
    )
    out = {}
    for name in dict.fromkeys(arm.tolist()):
        rows = arm == name
        out[str(name)] = Buyers(unit_ids[rows], table[rows], ~missing[rows])
    return out


def read_moments_file(
    path: Path, keys: Sequence[str]
) -> tuple[dict[str, ArmMoments], dict[str, Buyers]]:
    """The by-hand path: the saved table (CSV or Parquet), its arms' moments and buyers."""
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
    casts = [f"CAST({ident(c)} AS VARCHAR) AS {c}" for c in wanted[:2]]
    casts += [f"CAST({ident(c)} AS DOUBLE) AS {ident(c)}" for c in wanted[2:]]
    source = f"(SELECT {', '.join(casts)} FROM {ident(table.view)}) AS saved"
    buyer_columns = ", ".join(["arm", "unit_id", *(ident(f"value_{k}") for k in keys)])
    with duckdb_errors(path):
        rows = con.execute(f"SELECT * FROM {source} WHERE unit_id IS NULL").fetchall()
        found = con.execute(
            f"SELECT {buyer_columns} FROM {source} WHERE unit_id IS NOT NULL"
        ).fetchnumpy()
    return read_moments(keys, wanted, rows), read_buyers(keys, found)


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
