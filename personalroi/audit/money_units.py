"""Sufficient statistics behind the ROI's joint uncertainty, from the audit's unit table.

The revenue metric (CUPED-adjusted when it has a covariate), the conversion
metric and each unit's CLV forecast move together; roi/joint.py turns their
per-arm moments into the correlations of the lifts. The engine sums the moments
of the unit table's columns per arm; only the buyers' rows (whose forecast is not
zero) come back, to add the forecast's moments. Where the values cannot be lined
up (aggregated input, a ratio revenue metric, a CLV history of other units) the
correlation is left unknown and the ROI falls back on the conservative one
(docs/roi.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import combinations_with_replacement
from typing import TYPE_CHECKING

import numpy as np

from personalroi.audit.roi_inputs import RevenueMetrics
from personalroi.config.model import Config
from personalroi.data.sources import ident, sql_string
from personalroi.roi.joint import (
    LiftCorrelation,
    Moments,
    cuped_adjusted,
    cuped_coefficients,
    lift_correlation,
)

if TYPE_CHECKING:
    from personalroi.engines.base import Connection


def _value(column: str) -> str:
    return f"CAST({ident(column)} AS DOUBLE)"


def _arm_moments(
    con: Connection, table: str, arms: list[str], columns: dict[str, str]
) -> dict[str, tuple[Moments, Moments | None]]:
    """Per arm: the moments of the units with every value, and (with a covariate) those
    of the units with revenue and covariate, which CUPED's theta is estimated on."""
    keys = tuple(columns)
    value = {k: _value(c) for k, c in columns.items()}
    complete = " AND ".join(f"{ident(c)} IS NOT NULL" for c in columns.values())
    with_covariate = "covariate" in columns
    items = [f"COUNT(*) FILTER (WHERE {complete})"]
    items += [f"SUM({value[k]}) FILTER (WHERE {complete})" for k in keys]
    products = list(combinations_with_replacement(range(len(keys)), 2))
    items += [
        f"SUM({value[keys[i]]} * {value[keys[j]]}) FILTER (WHERE {complete})" for i, j in products
    ]
    pair_keys = ("revenue", "covariate")
    pair_products = list(combinations_with_replacement(range(2), 2))
    if with_covariate:
        both = " AND ".join(f"{ident(columns[k])} IS NOT NULL" for k in pair_keys)
        items += [f"COUNT(*) FILTER (WHERE {both})"]
        items += [f"SUM({value[k]}) FILTER (WHERE {both})" for k in pair_keys]
        items += [
            f"SUM({value[pair_keys[i]]} * {value[pair_keys[j]]}) FILTER (WHERE {both})"
            for i, j in pair_products
        ]
    listed = ", ".join(sql_string(a) for a in arms)
    rows = con.execute(
        f"SELECT arm, {', '.join(items)} FROM {ident(table)} WHERE arm IN ({listed}) GROUP BY arm"
    ).fetchall()
    out = {}
    for row in rows:
        numbers = [0.0 if v is None else float(v) for v in row[1:]]
        main = _moments(keys, numbers[: 1 + len(keys) + len(products)], products)
        rest = numbers[1 + len(keys) + len(products) :]
        out[str(row[0])] = (
            main,
            _moments(pair_keys, rest, pair_products) if with_covariate else None,
        )
    return out


def _moments(
    keys: tuple[str, ...], numbers: list[float], products: list[tuple[int, int]]
) -> Moments:
    n, sums, cross = numbers[0], numbers[1 : 1 + len(keys)], numbers[1 + len(keys) :]
    matrix = np.zeros((len(keys), len(keys)))
    for (i, j), total in zip(products, cross, strict=True):
        matrix[i, j] = matrix[j, i] = total
    return Moments(keys, n, np.asarray(sums, dtype=float), matrix)


def _with_forecasts(
    moments: Moments, rows: list[tuple], by_unit: Mapping[str, float]
) -> Moments | None:
    """`moments` with the CLV forecast added as one more value: zero for every unit but
    the buyers in `rows` (unit_id, then the values in the moments' order). None when a
    unit with a forecast is not among them (the forecast describes other units)."""
    found = {str(r[0]): r[1:] for r in rows}
    if not set(by_unit) <= set(found):
        return None
    k = len(moments.keys)
    sums, products = np.zeros(k + 1), np.zeros((k + 1, k + 1))
    sums[:k], products[:k, :k] = moments.sums, moments.products
    for unit, clv in by_unit.items():
        values = found[unit]
        if clv == 0 or any(v is None for v in values):
            continue  # contributes nothing, or is not among the moments' complete units
        v = np.append(np.asarray(values, dtype=float), clv)
        sums[k] += clv
        products[k, :] += clv * v
        products[:k, k] = products[k, :k]
    return Moments((*moments.keys, "clv"), moments.n, sums, products)


def _buyer_rows(
    con: Connection,
    table: str,
    arm: str,
    columns: dict[str, str],
    orders: tuple[str, str],
) -> list[tuple]:
    """Each unit with an order row: its id and values (the forecast is zero elsewhere)."""
    view, id_column = orders
    values = ", ".join(_value(c) for c in columns.values())
    return con.execute(
        f"SELECT unit_id, {values} FROM {ident(table)} WHERE arm = {sql_string(arm)} AND "
        f"unit_id IN (SELECT CAST({ident(id_column)} AS VARCHAR) FROM {ident(view)})"
    ).fetchall()


def unit_correlations(
    config: Config,
    names: RevenueMetrics,
    con: Connection,
    table: str,
    control: str,
    treatments: list[str],
    clv_values: Mapping[str, Mapping[str, float]] | None,
    orders: tuple[str, str] | None = None,
) -> dict[str, LiftCorrelation]:
    """Per treatment arm, the correlations of the conversion, revenue and CLV lifts.

    `orders`: the view of the CLV source and its id column (whose units are the buyers).
    """
    revenue = names.revenue
    if revenue is None or config.metrics[revenue].type not in ("mean", "binary"):
        return {}
    columns = {"revenue": revenue}
    if names.conversion is not None and names.conversion != revenue:
        columns["conversion"] = names.conversion
    covariate = config.units.covariates.get(revenue)
    if isinstance(covariate, str):
        columns["covariate"] = f"{revenue}__cov"
    arms = [control, *treatments]
    found = _arm_moments(con, table, arms, columns)
    moments: dict[str, Moments] = {a: m for a, (m, _) in found.items()}
    clv = clv_values or {}
    if orders is not None:
        for arm in arms:
            if arm in clv and arm in moments:
                rows = _buyer_rows(con, table, arm, columns, orders)
                with_clv = _with_forecasts(moments[arm], rows, clv[arm])
                moments[arm] = with_clv or moments[arm]
    out = {}
    for arm in treatments:
        if control not in moments or arm not in moments:
            continue
        c, t = moments[control], moments[arm]
        if c.keys != t.keys:  # the forecast lines up with one arm's units only
            c, t = _drop(c, "clv"), _drop(t, "clv")
        if "covariate" in columns:
            pairs = found[control][1], found[arm][1]
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
