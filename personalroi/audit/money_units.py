"""Per-unit values behind the ROI's joint uncertainty, read from the audit's unit table.

The revenue metric (CUPED-adjusted when it has a covariate), the conversion
metric and each unit's CLV forecast are lined up by unit id, and
roi/joint.py turns them into the correlations of the lifts. Where the values
cannot be lined up (aggregated input, a ratio revenue metric, a CLV history
of another size) the correlation is left unknown and the ROI falls back on the
conservative one (docs/roi.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np

from personalroi.audit.roi_inputs import RevenueMetrics
from personalroi.config.model import Config
from personalroi.data.sources import ident, sql_string
from personalroi.roi.joint import LiftCorrelation, cuped_adjusted, lift_correlation

if TYPE_CHECKING:
    from personalroi.engines.base import Connection


def _arm_columns(
    con: Connection, table: str, arm: str, columns: dict[str, str]
) -> dict[str, np.ndarray]:
    select = ", ".join(
        f"CAST({ident(col)} AS DOUBLE) AS {ident(key)}" for key, col in columns.items()
    )
    sql = f"SELECT unit_id, {select} FROM {ident(table)} WHERE arm = {sql_string(arm)}"
    found = con.execute(sql).fetchnumpy()
    out = {"unit_id": np.asarray(found.pop("unit_id"), dtype=object)}
    # NULL (no value for a mean metric) becomes NaN: lift_covariance drops those units.
    for key, values in found.items():
        out[key] = np.asarray(np.ma.filled(np.ma.asarray(values, dtype=float), np.nan))
    return out


def _forecasts(ids: np.ndarray, by_unit: Mapping[str, float]) -> np.ndarray | None:
    """Each unit's forecast, in the order of `ids` (0 for non-buyers); None if a buyer
    of the forecast is missing from `ids` (the two do not describe the same units)."""
    listed = ids.tolist()
    if not set(by_unit) <= set(listed):
        return None
    return np.fromiter((by_unit.get(i, 0.0) for i in listed), float, count=len(listed))


def unit_correlations(
    config: Config,
    names: RevenueMetrics,
    con: Connection,
    table: str,
    control: str,
    treatments: list[str],
    clv_values: Mapping[str, Mapping[str, float]] | None,
) -> dict[str, LiftCorrelation]:
    """Per treatment arm, the correlations of the conversion, revenue and CLV lifts."""
    revenue = names.revenue
    if revenue is None or config.metrics[revenue].type not in ("mean", "binary"):
        return {}
    columns = {"revenue": revenue}
    if names.conversion is not None and names.conversion != revenue:
        columns["conversion"] = names.conversion
    covariate = config.units.covariates.get(revenue)
    if isinstance(covariate, str):
        columns["covariate"] = f"{revenue}__cov"
    values = {arm: _arm_columns(con, table, arm, columns) for arm in [control, *treatments]}
    clv = clv_values or {}
    for arm, found in values.items():
        ids = found.pop("unit_id")
        forecast = None if arm not in clv else _forecasts(ids, clv[arm])
        if forecast is not None:
            found["clv"] = forecast
    out = {}
    for arm in treatments:
        c, t = dict(values[control]), dict(values[arm])
        if "covariate" in columns:
            c["revenue"], t["revenue"] = cuped_adjusted(
                (c["revenue"], t["revenue"]), (c.pop("covariate"), t.pop("covariate"))
            )
        out[arm] = lift_correlation(c, t)
    return out
