"""The CLV forecast added to an arm's moments (audit/money_units.py `_with_forecasts`)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from personalroi.audit.moments_table import Buyers
from personalroi.audit.money_units import _with_forecasts
from personalroi.clv.forecast import UnitForecasts
from personalroi.roi.joint import Moments

unit = st.tuples(
    st.floats(0, 500, allow_nan=False),  # revenue
    st.sampled_from([0.0, 1.0]),  # conversion
    st.one_of(st.none(), st.just(0.0), st.floats(0.01, 900, allow_nan=False)),  # forecast
    st.booleans(),  # the conversion value is missing
)


def _added(moments: Moments, rows: list[tuple], by_unit: dict[str, float]) -> Moments | None:
    """`_with_forecasts` on buyer rows (unit id, then values; None: missing) and forecasts
    by unit id, put into the arrays the audit reads them as."""
    ids = np.array([r[0] for r in rows], dtype=object)
    values = np.array([[0.0 if v is None else v for v in r[1:]] for r in rows], dtype=float)
    complete = np.array([None not in r[1:] for r in rows], dtype=bool)
    forecasts = UnitForecasts(
        np.array(list(by_unit), dtype=object), np.array(list(by_unit.values()))
    )
    k = len(moments.keys)
    return _with_forecasts(moments, Buyers(ids, values.reshape(len(rows), k), complete), forecasts)


def _running_sums(moments: Moments, rows: list[tuple], by_unit: dict[str, float]) -> Moments:
    """The reference order: each buyer's forecast added one at a time, by_unit's order."""
    found = {r[0]: r[1:] for r in rows}
    k = len(moments.keys)
    sums, products = np.zeros(k + 1), np.zeros((k + 1, k + 1))
    sums[:k], products[:k, :k] = moments.sums, moments.products
    for name, clv in by_unit.items():
        if clv == 0 or None in found[name]:
            continue
        v = np.append(np.asarray(found[name], dtype=float), clv)
        sums[k] += clv
        products[k, :] += clv * v
    products[:k, k] = products[k, :k]
    return Moments((*moments.keys, "clv"), moments.n, sums, products)


@settings(max_examples=200, deadline=None)
@given(st.lists(unit, min_size=1, max_size=40))
def test_forecast_moments_are_those_of_every_units_values(units: list[tuple]) -> None:
    revenue = np.array([u[0] for u in units])
    conversion = np.array([np.nan if u[3] else u[1] for u in units])
    forecast = np.array([u[2] or 0.0 for u in units])
    moments = Moments.of({"revenue": revenue, "conversion": conversion})
    names = [f"u{i}" for i in range(len(units))]
    buyers = [i for i, u in enumerate(units) if u[2] is not None]
    rows = [(names[i], revenue[i], None if units[i][3] else units[i][1]) for i in buyers]
    by_unit = {names[i]: float(forecast[i]) for i in buyers}

    got = _added(moments, rows, by_unit)

    assert got is not None and got.keys == ("revenue", "conversion", "clv")
    every = Moments.of({"revenue": revenue, "conversion": conversion, "clv": forecast})
    assert got.n == every.n
    np.testing.assert_allclose(got.sums, every.sums, rtol=1e-12, atol=1e-9)
    np.testing.assert_allclose(got.products, every.products, rtol=1e-12, atol=1e-6)
    running = _running_sums(moments, rows, by_unit)
    assert got.sums.tobytes() == running.sums.tobytes()
    assert got.products.tobytes() == running.products.tobytes()


def test_a_forecast_of_a_unit_outside_the_moments_gives_none() -> None:
    moments = Moments.of({"revenue": np.array([1.0, 2.0])})
    assert _added(moments, [("a", 1.0)], {"a": 3.0, "b": 4.0}) is None


def test_many_buyers_are_added_in_order_to_the_bit() -> None:
    rng = np.random.default_rng(7)
    n = 5000
    revenue = rng.lognormal(3, 1.2, n) * (rng.random(n) < 0.3)
    conversion = (revenue > 0).astype(float)
    moments = Moments.of({"revenue": revenue, "conversion": conversion})
    buyers = np.flatnonzero(revenue > 0)
    rows = [(f"u{i}", revenue[i], conversion[i]) for i in buyers]
    by_unit = {f"u{i}": float(rng.lognormal(4, 1)) for i in buyers}

    got = _added(moments, rows, by_unit)

    running = _running_sums(moments, rows, by_unit)
    assert got is not None
    assert got.sums.tobytes() == running.sums.tobytes()
    assert got.products.tobytes() == running.products.tobytes()
