"""The CLV section's result table and its one reader: the buyers' purchase histories per arm.

`summary_query` (clv/summary.py) writes the table; the audit reads it from its
engine and the by-hand path from the saved file (`units.aggregated.clv`), and
both turn it into `Histories` here, so the fits see the same numbers either way.

Layout: one row per arm and buyer (a unit with a purchase day up to the
observation end, or in the holdout): `arm`, `arm_units` (the arm's analysed
units, buyers or not), `unit_id`, the COLUMNS, and `observation_end` (a date).
An arm without buyers has one row with `unit_id` empty. Every other unit of an
arm has zeros in every column: the reader keeps the buyers, in unit_id order, and the
arm's unit count (all-zero units are interchangeable: no statistic needs them one by
one).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from personalroi.data.sources import duckdb_errors, ident, register
from personalroi.errors import DataError

COLUMNS = (
    "purchase_days",
    "orders",
    "revenue",
    "repeat_spend",
    "span_days",
    "age_days",
    "categories",
    "holdout_days",
)
TABLE_COLUMNS = ("arm", "arm_units", "unit_id", *COLUMNS, "observation_end")
FILE_KEY = "units.aggregated.clv"


@dataclass(frozen=True)
class History:
    """Per-unit purchase history of one arm. The arrays hold the units with orders (the
    table's rows) and, if given so, non-buyers as zeros; `n_units` counts the arm's units
    either way (None: the arrays' size)."""

    arm: str
    purchase_days: np.ndarray  # distinct days with a purchase, up to the observation end
    orders: np.ndarray
    revenue: np.ndarray
    repeat_spend: np.ndarray  # spend on purchase days after the first
    span_days: np.ndarray  # first to last purchase day
    age_days: np.ndarray  # first purchase day to the observation end
    categories: np.ndarray  # distinct categories bought (0 without a category column)
    holdout_days: np.ndarray  # purchase days after `end` up to `holdout_end`
    # Unit ids where known (units with orders; None for the rest), to line the
    # forecasts up with the audit's other per-unit values (ROI joint uncertainty).
    ids: np.ndarray | None = None
    n_units: int | None = field(default=None, kw_only=True)

    @property
    def units(self) -> int:
        return int(self.purchase_days.size) if self.n_units is None else self.n_units

    def customers(self) -> np.ndarray:
        return np.asarray(self.purchase_days > 0)


@dataclass(frozen=True)
class Histories:
    arms: list[str]
    by_arm: dict[str, History]
    observation_end: dt.date


def histories_from_columns(
    columns: Mapping[str, Any], arms: Sequence[str], where: str
) -> Histories:
    """The section's table (column arrays in TABLE_COLUMNS) as each arm's histories.

    `where` names the table in messages (the file, or the engine's query)."""
    ends = {_date(v, where) for v in _distinct(columns["observation_end"])}
    columns = _plain(columns)
    arm_of = np.asarray([str(a) for a in columns["arm"]], dtype=object)
    ids = np.asarray(columns["unit_id"], dtype=object)
    if len(ends) != 1:
        found = ", ".join(sorted(str(e) for e in ends)) or "none"
        raise DataError(f"{where}: column 'observation_end' needs one date (found: {found}).")
    by_arm = {}
    for arm in arms:
        rows = np.flatnonzero(arm_of == arm)
        if rows.size == 0:
            raise DataError(
                f"{where}: arm {arm!r} has no row; produce the table with `personalroi sql`, "
                "which writes one per arm."
            )
        size = int(columns["arm_units"][rows[0]])
        buyers = [int(i) for i in rows if ids[i] is not None]
        buyers.sort(key=lambda i: str(ids[i]))
        if len(buyers) > size:
            raise DataError(f"{where}: arm {arm!r} has more buyers than arm_units ({size}).")
        values = [np.asarray(columns[c], dtype=float)[buyers] for c in COLUMNS]
        arm_ids = np.array([str(ids[i]) for i in buyers], dtype=object)
        by_arm[arm] = replace(History(arm, *values), ids=arm_ids, n_units=size)
    return Histories(list(arms), by_arm, ends.pop())


def read_histories_file(path: Path, control: str, treatments: Sequence[str] | None) -> Histories:
    """The by-hand path: the section's table as saved (CSV or Parquet), control first, then
    the configured treatments (else every other arm in the file, sorted)."""
    import duckdb

    if not path.is_file():
        raise DataError(f"{path}: no such file ({FILE_KEY}); save the clv query's result there.")
    con = duckdb.connect()
    table = register(con, "clv__histories", path)
    for column in TABLE_COLUMNS:
        table.require(column, FILE_KEY)
    numeric = [c for c in ("arm_units", *COLUMNS) if not table.is_numeric(c)]
    if numeric:
        raise DataError(
            f"{path}: column {numeric[0]!r} ({FILE_KEY}) holds text; it must hold numbers."
        )
    with duckdb_errors(path):
        cast = {"arm": "VARCHAR", "unit_id": "VARCHAR", "observation_end": "DATE"}
        items = [
            f"CAST({ident(c)} AS {cast.get(c, 'DOUBLE')}) AS {ident(c)}" for c in TABLE_COLUMNS
        ]
        columns = con.execute(f"SELECT {', '.join(items)} FROM {ident(table.view)}").fetchnumpy()
    present = sorted({str(a) for a in columns["arm"] if a is not None})
    wanted = list(treatments or [a for a in present if a != control])
    return histories_from_columns(columns, [control, *wanted], str(path))


def _distinct(values: Any) -> list[Any]:
    """The column's distinct non-NULL values (one per row would cost a conversion each)."""
    if isinstance(values, np.ma.MaskedArray):
        values = values.compressed()
    if isinstance(values, np.ndarray) and values.dtype.kind in "Mm":
        return list(np.unique(values))
    return list({v for v in values if v is not None})


def _plain(columns: Mapping[str, Any]) -> dict[str, Any]:
    """Masked arrays (NULLs) as object arrays holding None."""
    out = {}
    for name, values in columns.items():
        if isinstance(values, np.ma.MaskedArray):
            filled = np.asarray(values.astype(object))
            filled[np.ma.getmaskarray(values)] = None
            out[name] = filled
        else:
            out[name] = values
    return out


def _date(value: object, where: str) -> dt.date:
    if isinstance(value, np.datetime64):
        return dt.date.fromisoformat(str(value.astype("datetime64[D]")))
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value)
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise DataError(f"{where}: observation_end {text!r} is not a date.") from None
