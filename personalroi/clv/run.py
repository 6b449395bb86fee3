"""`personalroi clv` as a library call: histories, fits, forecasts and comparisons per arm."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from personalroi.clv.arms import fit_arms
from personalroi.clv.forecast import (
    MIN_REPEAT_BUYERS,
    ArmForecast,
    Customers,
    Fits,
    arm_problem,
    compare_forecasts,
    fit_models,
    forecast_arm,
    pooled_customers,
)
from personalroi.clv.history import HistoryStats, compare_history, history_stats
from personalroi.clv.summary import DAYS_PER_UNIT, AnalysedUnits, History, load_histories
from personalroi.data.progress import connect
from personalroi.i18n.phrase import Phrase
from personalroi.plan.query_plan import QueryPlan
from personalroi.stats.comparison import Comparison

HOLDOUT_SHARE = 1 / 3
# Warn when the holdout's predicted repeat purchases miss the actual count by more than this.
HOLDOUT_TOLERANCE = 0.25


@dataclass(frozen=True)
class Holdout:
    """Calibrate on the first two thirds of the window, predict the last third."""

    calibration_end: dt.date
    predicted: float
    actual: float

    @property
    def error(self) -> float | None:
        return (self.predicted - self.actual) / self.actual if self.actual > 0 else None

    @property
    def ok(self) -> bool:
        err = self.error
        return err is None or abs(err) <= HOLDOUT_TOLERANCE or abs(self.predicted - self.actual) < 5


@dataclass(frozen=True)
class ClvResult:
    time_unit: str
    horizon_months: int
    observation_end: dt.date
    control: str | None
    history: dict[str, HistoryStats]
    forecasts: dict[str, ArmForecast]  # under the fit on all arms (clv/arms.py)
    arm_fits: dict[str, Fits | Phrase]  # each arm's own fits, for diagnosis
    comparisons: dict[str, dict[str, Comparison]]  # arm -> metric -> comparison
    holdout: dict[str, Holdout] = field(default_factory=dict)

    @property
    def warnings(self) -> list[Phrase]:
        out = [arm_problem(a, f.problem) for a, f in self.forecasts.items() if f.problem]
        out += [arm_problem(a, f) for a, f in self.arm_fits.items() if isinstance(f, Phrase)]
        for arm, h in self.holdout.items():
            if not h.ok:
                misses = Phrase.of(
                    "clv_check.holdout",
                    predicted=h.predicted,
                    end=h.calibration_end.isoformat(),
                    actual=h.actual,
                )
                out.append(arm_problem(arm, misses))
        return out


def run_clv(
    plan: QueryPlan,
    horizon_months: int,
    seed: int = 0,
    holdout: bool = True,
    arm_fits: bool = True,
    analysed: AnalysedUnits | None = None,
) -> ClvResult:
    """History per arm, forecasts under one fit on all arms, and comparisons.

    Sharing the shapes across arms keeps a short experiment's forecast from
    swinging on one arm's barely identified drop-out parameters; each arm's own
    scales and each customer's own history let a change in how often or how
    much customers buy show (clv/arms.py). Per-arm fits (`arm_fits`) are
    reported alongside to show whether the arms differ.
    """
    assert plan.clv is not None
    clv, horizon = plan.clv, horizon_months
    # The command's own connection when the audit lends none: DuckDB under the memory limit.
    histories = load_histories(plan, con=None if analysed else connect(), analysed=analysed)
    with_categories = clv.category is not None
    stats = {a: history_stats(h, with_categories) for a, h in histories.by_arm.items()}
    by_arm = histories.by_arm
    forecasts = arm_forecasts(by_arm, clv.time_unit, horizon)
    own: dict[str, Fits | Phrase] = {}
    if arm_fits:
        own = {a: fit_models(Customers.from_history(h, clv.time_unit)) for a, h in by_arm.items()}
    control = plan.arms.control if plan.arms.control in histories.by_arm else None
    comparisons: dict[str, dict[str, Comparison]] = {}
    if control is not None:
        for arm in histories.arms:
            if arm == control:
                continue
            compared = compare_history(stats[control], stats[arm], plan.alpha)
            compared["forecast_clv_per_unit"] = compare_forecasts(
                forecasts[control], forecasts[arm], plan.alpha, seed
            )
            comparisons[arm] = compared
    checks = _holdout(plan, histories.observation_end) if holdout else {}
    return ClvResult(
        clv.time_unit,
        horizon,
        histories.observation_end,
        control,
        stats,
        forecasts,
        own,
        comparisons,
        checks,
    )


def arm_forecasts(
    by_arm: dict[str, History], time_unit: str, horizon: float
) -> dict[str, ArmForecast]:
    """Every arm forecast under the fit on all arms: shared shapes, each arm's scales
    (clv/arms.py). With fewer than MIN_REPEAT_BUYERS repeat buyers in some arm its
    scales cannot be fitted, and every arm falls back on one prior pooled over arms."""
    customers = {a: Customers.from_history(h, time_unit) for a, h in by_arm.items()}
    if len(by_arm) > 1 and all(
        int(np.sum(c.x > 0)) >= MIN_REPEAT_BUYERS for c in customers.values()
    ):
        joint = fit_arms(list(customers.values()))
        return {
            a: forecast_arm(h, time_unit, horizon, joint=(joint, i))
            for i, (a, h) in enumerate(by_arm.items())
        }
    prior = fit_models(pooled_customers(list(by_arm.values()), time_unit))
    return {a: forecast_arm(h, time_unit, horizon, prior) for a, h in by_arm.items()}


def _holdout(plan: QueryPlan, end: dt.date) -> dict[str, Holdout]:
    assert plan.clv is not None
    first = plan.window.start
    full = load_histories(plan, end=end, con=connect())
    ages = [h.age_days[h.customers()] for h in full.by_arm.values()]
    span = max((int(a.max()) for a in ages if a.size), default=0)
    if first is not None:
        span = min(span, (end - first).days)
    holdout_days = int(round(span * HOLDOUT_SHARE))
    if holdout_days < 1:
        return {}
    cal_end = end - dt.timedelta(days=holdout_days)
    calibration = load_histories(plan, end=cal_end, holdout_end=end, con=connect())
    unit = plan.clv.time_unit
    forecasts = arm_forecasts(calibration.by_arm, unit, 0.0)
    out = {}
    for arm, history in calibration.by_arm.items():
        fitted = forecasts[arm]
        if not fitted.ok:
            continue
        assert fitted.bgnbd is not None
        from personalroi.clv.bgnbd import conditional_expected_purchases

        c = fitted.customers
        t = holdout_days / DAYS_PER_UNIT[unit]
        predicted = conditional_expected_purchases(fitted.bgnbd.params, t, c.x, c.t_x, c.big_t)
        actual = history.holdout_days[history.customers()]
        out[arm] = Holdout(cal_end, float(np.sum(predicted)), float(np.sum(actual)))
    return out
