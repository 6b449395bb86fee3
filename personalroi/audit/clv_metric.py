"""Metrics of `type: clv`: the forecast future value per unit, compared arm by arm.

They are not per-unit columns of the data layer: the BG/NBD and Gamma-Gamma
fits need each customer's purchase history, so this module splits them off
the config and turns `personalroi.clv.run` comparisons into metric rows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from personalroi.audit.metric_row import MetricRow
from personalroi.audit.metrics import unadjusted_row
from personalroi.config.model import Config

if TYPE_CHECKING:
    from personalroi.clv.document import ClvDocument
    from personalroi.clv.forecast import UnitForecasts
    from personalroi.clv.summary import AnalysedUnits
    from personalroi.plan.query_plan import QueryPlan


def clv_metric_rows(
    config: Config,
    plan: QueryPlan,
    treatments: list[str],
    seed: int,
    analysed: AnalysedUnits | None = None,
) -> tuple[list[MetricRow], ClvDocument | None, dict[str, UnitForecasts]]:
    """Unadjusted rows for each clv metric x treatment arm, the `clv` section, and each
    arm's forecasts by unit id (for the ROI's joint uncertainty).

    `analysed`: the audit's unit table, so the units file is not read again.
    """
    names = [n for n, m in config.metrics.items() if m.type == "clv"]
    if not names or config.clv is None:
        return [], None, {}
    from personalroi.clv.document import clv_document
    from personalroi.clv.run import run_clv

    horizon = config.economics.horizon_months
    result = run_clv(plan, horizon, seed=seed, holdout=False, arm_fits=False, analysed=analysed)
    rows = []
    for name in names:
        metric = config.metrics[name]
        for arm in treatments:
            comparison = result.comparisons[arm]["forecast_clv_per_unit"]
            rows.append(unadjusted_row(name, metric, arm, comparison))
    forecasts = {arm: f.unit_forecasts() for arm, f in result.forecasts.items()}
    per_unit = {arm: v for arm, v in forecasts.items() if v is not None}
    return rows, clv_document(result), per_unit
