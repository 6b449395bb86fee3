"""`plan` as a library: a metric's baseline from the data, and the plan as a JSON-ready dict."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from personalroi.config.model import Config
from personalroi.errors import ConfigError, did_you_mean
from personalroi.stats.binary import proportion_estimate
from personalroi.stats.mean import mean_estimate
from personalroi.stats.nps import nps_estimate
from personalroi.stats.planning import Baseline, days_needed, effect_for_units, units_for_effect
from personalroi.stats.ratio import ratio_estimate
from personalroi.stats.sufficient import JointStats, value_stats

if TYPE_CHECKING:
    from personalroi.document.plan import PlanJson

DAYS_PER_MONTH = 365.25 / 12


def baseline_from_data(config: Config, metric: str) -> Baseline:
    """The control arm's value and per-unit SD for `metric` (ratio: delta-method SD)."""
    from personalroi.data.load import load_dataset
    from personalroi.plan.compile import compile_plan

    if metric not in config.metrics:
        raise ConfigError(
            f"--metric {metric!r} is not a metric in the config"
            f"{did_you_mean(metric, config.metrics)}."
        )
    kind = config.metrics[metric].type
    data = load_dataset(compile_plan(config))
    stats = data.stats[data.control][metric]
    if kind == "ratio":
        assert isinstance(stats, JointStats)
        est = ratio_estimate(stats)
    else:
        values = value_stats(stats)
        est = {"binary": proportion_estimate, "nps": nps_estimate}.get(kind, mean_estimate)(values)
    sd = math.sqrt(est.variance * est.n) if est.n and math.isfinite(est.variance) else math.nan
    if not (math.isfinite(est.value) and math.isfinite(sd) and sd > 0 and est.value != 0):
        raise ConfigError(
            f"metric {metric!r}: the control arm gives no usable baseline "
            f"(value {est.value:g}, SD {sd:g}); pass --baseline and --sd instead."
        )
    return Baseline(kind, est.value, sd)


def plan_dict(
    baseline: Baseline,
    *,
    mde: float | None,
    units_per_arm: int | None,
    alpha: float,
    power: float,
    arms: int,
    metrics: int,
    correction: str,
    units_per_day: float | None,
) -> PlanJson:
    """Solve for units (given mde) or for the mde (given units); add the duration."""
    comparisons = 1 if correction == "none" else (arms - 1) * metrics
    if mde is not None:
        plan = units_for_effect(baseline, mde, alpha, power, comparisons)
    else:
        assert units_per_arm is not None
        plan = effect_for_units(baseline, units_per_arm, alpha, power, comparisons)
    days = days_needed(plan.units_per_arm, arms, units_per_day) if units_per_day else None
    return {
        "schema_version": 1,
        "type": baseline.kind,
        "baseline": baseline.value,
        "sd": baseline.sd,
        "alpha": alpha,
        "power": power,
        "arms": arms,
        "comparisons": comparisons,
        "correction": correction,
        "alpha_per_comparison": plan.alpha_per_comparison,
        "relative_mde": plan.relative_mde,
        "absolute_mde": plan.absolute_mde,
        "units_per_arm": plan.units_per_arm,
        "total_units": plan.units_per_arm * arms,
        "units_per_day": units_per_day,
        "days": days,
        "solved_for": "units_per_arm" if mde is not None else "relative_mde",
    }
