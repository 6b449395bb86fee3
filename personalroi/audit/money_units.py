"""Sufficient statistics behind the ROI's joint uncertainty: the moments table.

The revenue metric (CUPED-adjusted when it has a covariate), the conversion
metric and each unit's CLV forecast move together; roi/joint.py turns their
per-arm moments into the correlations of the lifts. The engine sums the moments
of the unit table's columns per arm; only the buyers' rows (whose forecast is not
zero) come back, to add the forecast's moments (audit/moments_table.py: the same
table the by-hand path saves as units.aggregated.moments). Where the values cannot
be lined up (aggregated input without that table, a ratio revenue metric, a CLV
history of other units) the correlation is left unknown and the ROI falls back on
the conservative one (docs/roi.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np

from personalroi.audit.moments_table import (
    ArmMoments,
    Buyers,
    buyers_query,
    moments_query,
    read_buyers,
    read_moments,
)
from personalroi.data.sources import ident
from personalroi.roi.joint import (
    LiftCorrelation,
    Moments,
    cuped_adjusted,
    cuped_coefficients,
    lift_correlation,
)

if TYPE_CHECKING:
    from personalroi.clv.forecast import UnitForecasts
    from personalroi.engines.base import Connection


def _with_forecasts(moments: Moments, buyers: Buyers, forecasts: UnitForecasts) -> Moments | None:
    """`moments` with the CLV forecast added as one more value: zero for every unit but
    the `buyers` (their values in the moments' order). None when a unit with a forecast
    is not among them (the forecast describes other units)."""
    row_of = dict(zip(buyers.unit_ids.tolist(), range(buyers.unit_ids.size), strict=True))
    rows = np.fromiter(
        (row_of.get(unit, -1) for unit in forecasts.unit_ids.tolist()),
        dtype=np.int64,
        count=forecasts.unit_ids.size,
    )
    if (rows < 0).any():
        return None
    # A forecast of 0 adds nothing; a unit with a missing value is not among the
    # moments' complete units.
    kept = (forecasts.values != 0) & buyers.complete[rows]
    clv = np.asarray(forecasts.values, dtype=float)[kept]
    values = buyers.values[rows[kept]]
    k = len(moments.keys)
    sums, products = np.zeros(k + 1), np.zeros((k + 1, k + 1))
    sums[:k], products[:k, :k] = moments.sums, moments.products
    if clv.size:
        # cumsum adds one buyer at a time in the forecasts' order: the same bits on every
        # machine and numpy version (np.sum adds pairwise, blockwise).
        products[k, :] = np.cumsum(clv[:, None] * np.column_stack([values, clv]), axis=0)[-1]
        sums[k] = np.cumsum(clv)[-1]
        products[:k, k] = products[k, :k]
    return Moments((*moments.keys, "clv"), moments.n, sums, products)


def engine_moments(
    columns: dict[str, str],
    con: Connection,
    table: str,
    arms: list[str],
    orders: tuple[str, str] | None,
) -> tuple[dict[str, ArmMoments], dict[str, Buyers]]:
    """The moments table from the audit's unit table (`orders`: the CLV source's view and
    id column, whose units are the buyers): the arms' moments, and the buyers' values as
    arrays."""
    cursor = con.execute(moments_query(columns, ident(table), arms, None))
    names = [d[0] for d in cursor.description or []]
    found = read_moments(list(columns), names, cursor.fetchall())
    if orders is None:
        return found, {}
    buyers = buyers_query(columns, ident(table), arms, (ident(orders[0]), orders[1]))
    return found, read_buyers(list(columns), con.execute(buyers).fetchnumpy())


def unit_correlations(
    columns: dict[str, str],
    found: Mapping[str, ArmMoments],
    buyers: Mapping[str, Buyers],
    control: str,
    treatments: list[str],
    forecasts: Mapping[str, UnitForecasts] | None,
) -> dict[str, LiftCorrelation]:
    """Per treatment arm, the correlations of the conversion, revenue and CLV lifts, from
    the moments table (`columns`: `moment_columns`, which chose its values)."""
    if not columns:
        return {}
    arms = [control, *treatments]
    moments: dict[str, Moments] = {a: m.main for a, m in found.items()}
    clv = forecasts or {}
    for arm in arms:
        if arm in clv and arm in moments and arm in buyers and buyers[arm].unit_ids.size:
            with_clv = _with_forecasts(moments[arm], buyers[arm], clv[arm])
            moments[arm] = with_clv or moments[arm]
    out = {}
    for arm in treatments:
        if control not in moments or arm not in moments:
            continue
        c, t = moments[control], moments[arm]
        if c.keys != t.keys:  # the forecast lines up with one arm's units only
            c, t = _drop(c, "clv"), _drop(t, "clv")
        if "covariate" in columns:
            pairs = found[control].pair, found[arm].pair
            assert pairs[0] is not None and pairs[1] is not None
            theta, center = cuped_coefficients(pairs[0] + pairs[1], "revenue", "covariate")
            c = cuped_adjusted(c, "revenue", "covariate", theta, center)
            t = cuped_adjusted(t, "revenue", "covariate", theta, center)
        out[arm] = lift_correlation(c, t)
    return out


def _drop(moments: Moments, key: str) -> Moments:
    if key not in moments.keys:
        return moments
    keep = [i for i, k in enumerate(moments.keys) if k != key]
    return Moments(
        tuple(moments.keys[i] for i in keep),
        moments.n,
        moments.sums[keep],
        moments.products[np.ix_(keep, keep)],
    )
