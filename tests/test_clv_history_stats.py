"""Each arm's purchase-history statistics (clv/history.py) from buyers-only histories.

The reader keeps the buyers and the arm's unit count; the non-buyers are implied zeros.
The statistics must be those of the full per-unit arrays (numpy on every unit).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import astuple

import numpy as np
import pytest

from personalroi.clv.history import history_stats
from personalroi.clv.history_table import COLUMNS, History, histories_from_columns


def _buyers(rng: np.random.Generator, buyers: int) -> dict[str, np.ndarray]:
    days = rng.integers(1, 6, buyers).astype(float)
    revenue = rng.lognormal(3, 1, buyers) * days
    return {
        "purchase_days": days,
        "orders": days + rng.integers(0, 3, buyers),
        "revenue": revenue,
        "repeat_spend": revenue * (days - 1) / days,
        "span_days": (days - 1) * rng.integers(1, 9, buyers),
        "age_days": rng.integers(10, 60, buyers).astype(float),
        "categories": rng.integers(1, 4, buyers).astype(float),
        "holdout_days": np.zeros(buyers),
    }


def test_buyers_only_history_gives_the_statistics_of_every_unit() -> None:
    rng = np.random.default_rng(5)
    units, buyers = 5000, 730
    values = _buyers(rng, buyers)
    short = History("a", *(values[c] for c in COLUMNS), n_units=units)
    padded = History("a", *(np.concatenate([values[c], np.zeros(units - buyers)]) for c in COLUMNS))
    got, full = history_stats(short, True), history_stats(padded, True)
    assert (got.units, got.customers) == (full.units, full.customers) == (units, buyers)
    for name, stats in full.stats.items():
        assert astuple(got.stats[name]) == pytest.approx(astuple(stats), rel=1e-12), name
    every = padded.revenue
    per_unit = got.stats["historical_clv_per_unit"]
    assert (per_unit.n, per_unit.sum, per_unit.sum_sq) == pytest.approx(
        (units, every.sum(), float(np.sum(every**2))), rel=1e-12
    )


def test_the_table_reader_keeps_the_buyers_in_id_order_and_the_unit_count() -> None:
    table = {
        "arm": np.array(["c", "c", "c", "t"], dtype=object),
        "arm_units": np.array([10, 10, 10, 4]),
        "unit_id": np.array(["u2", "u10", "u1", None], dtype=object),
        **{c: np.array([2.0, 1.0, 3.0, 0.0]) for c in COLUMNS},
        "observation_end": np.array([dt.date(2026, 3, 1)] * 4, dtype=object),
    }
    found = histories_from_columns(table, ["c", "t"], "test")
    control, treat = found.by_arm["c"], found.by_arm["t"]
    assert control.units == 10 and treat.units == 4
    assert control.ids is not None and control.ids.tolist() == ["u1", "u10", "u2"]
    assert control.revenue.tolist() == [3.0, 1.0, 2.0]
    assert treat.revenue.size == 0 and history_stats(treat, False).customers == 0
