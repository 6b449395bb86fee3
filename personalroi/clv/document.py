"""The `personalroi clv --format json` document (SPEC section 3), also the audit's `clv`
section, as frozen dataclasses built once from a `ClvResult`.

Field names and their order are the JSON keys: the JSON encoder writes a dataclass
field by field (the fitted `BgNbd` and `GammaGamma` parameters included), so renaming
or reordering a field changes the document.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from personalroi.clv.bgnbd import BgNbd
from personalroi.clv.forecast import Fits, horizon_in_units
from personalroi.clv.gamma_gamma import GammaGamma
from personalroi.clv.history import LOWER_IS_BETTER
from personalroi.i18n.phrase import Phrase
from personalroi.stats.comparison import Comparison, Interval

if TYPE_CHECKING:
    from personalroi.clv.run import ClvResult

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class HoldoutCheck:
    calibration_end: str
    predicted_repeat_purchases: float
    actual_repeat_purchases: float
    relative_error: float | None
    ok: bool


@dataclass(frozen=True)
class ArmClv:
    """One arm's history, its own fits (None: too few repeat buyers) and the forecast."""

    arm: str
    units: int
    customers: int
    repeat_rate: float | None
    purchase_frequency: float | None
    mean_days_between_purchases: float | None
    categories_per_customer: float | None  # None without clv.category
    revenue_per_customer: float | None
    historical_clv_per_unit: float | None
    bgnbd: BgNbd | None
    gamma_gamma: GammaGamma | None
    expected_purchases: float | None
    expected_clv: float | None
    expected_clv_per_unit: float | None
    holdout: HoldoutCheck | None
    problem: str | None


@dataclass(frozen=True)
class ClvComparison:
    metric: str
    arm: str
    n_control: int
    n_treatment: int
    control_value: float | None
    treatment_value: float | None
    absolute_lift: float | None
    absolute_ci: Interval | None
    relative_lift: float | None
    relative_ci: Interval | None
    p_value: float | None
    method: str
    code: str
    explanation: str | None
    better: str  # "higher" or "lower": which direction is good for the customer's value
    # "better", "worse", "no significant difference" (the interval holds 0) or "not tested".
    reading: str

    @classmethod
    def of(cls, metric: str, arm: str, c: Comparison) -> ClvComparison:
        better = "lower" if metric in LOWER_IS_BETTER else "higher"
        return cls(metric, arm, c.n_control, c.n_treatment, c.control_value, c.treatment_value,
                   c.absolute_lift, c.absolute_ci, c.relative_lift, c.relative_ci, c.p_value,
                   c.method, c.code, c.explanation or None, better,
                   _reading(c, better))  # fmt: skip


def _reading(c: Comparison, better: str) -> str:
    """The comparison in words; the interval decides (it agrees with the p-value)."""
    if c.absolute_ci is None or c.absolute_lift is None or c.p_value is None:
        return "not tested"
    low, high = c.absolute_ci
    if low <= 0 <= high:
        return "no significant difference"
    up = low > 0
    return "better" if up == (better == "higher") else "worse"


@dataclass(frozen=True)
class PooledFits:
    """The fit on all arms (clv/arms.py) with the first (control) arm's scales."""

    bgnbd: BgNbd | None
    gamma_gamma: GammaGamma | None


@dataclass(frozen=True)
class ClvDocument:
    schema_version: int
    time_unit: str
    pooled: PooledFits
    horizon_months: int
    horizon_time_units: float
    observation_end: str
    control: str | None
    arms: tuple[ArmClv, ...]
    comparisons: tuple[ClvComparison, ...]
    warnings: tuple[str, ...]
    # `warnings` as catalogue phrases, for reports in other languages.
    warning_phrases: tuple[Phrase, ...] = ()


def _num(x: float | None) -> float | None:
    return None if x is None or not np.isfinite(x) else float(x)


def _fits(fits: Fits | Phrase | None) -> tuple[BgNbd | None, GammaGamma | None]:
    if fits is None or isinstance(fits, Phrase):
        return None, None
    return fits[0].params, fits[1].params


def _arm(result: ClvResult, arm: str) -> ArmClv:
    s, forecast, h = result.history[arm], result.forecasts[arm], result.holdout.get(arm)
    holdout = None
    if h is not None:
        holdout = HoldoutCheck(h.calibration_end.isoformat(), h.predicted, h.actual, h.error, h.ok)
    purchases = None
    if forecast.ok and forecast.expected_purchases.size:
        purchases = _num(float(forecast.expected_purchases.mean()))
    has_categories = "categories_per_customer" in s.stats
    return ArmClv(
        arm,
        s.units,
        s.customers,
        s.value("repeat_rate"),
        s.value("purchase_frequency"),
        s.value("mean_days_between_purchases"),
        s.value("categories_per_customer") if has_categories else None,
        s.value("revenue_per_customer"),
        s.value("historical_clv_per_unit"),
        *_fits(result.arm_fits.get(arm)),
        purchases,
        _num(forecast.value_per_customer),
        _num(forecast.value_per_unit),
        holdout,
        None if forecast.problem is None else forecast.problem.text(),
    )


def clv_document(result: ClvResult) -> ClvDocument:
    """The document of SPEC section 3, plus extra fields."""
    first = next(iter(result.forecasts.values()), None)
    pooled = PooledFits(None, None)
    if first is not None and first.bgnbd is not None and first.gamma_gamma is not None:
        pooled = PooledFits(first.bgnbd.params, first.gamma_gamma.params)
    return ClvDocument(
        schema_version=SCHEMA_VERSION,
        time_unit=result.time_unit,
        pooled=pooled,
        horizon_months=result.horizon_months,
        horizon_time_units=horizon_in_units(result.horizon_months, result.time_unit),
        observation_end=result.observation_end.isoformat(),
        control=result.control,
        arms=tuple(_arm(result, arm) for arm in result.forecasts),
        comparisons=tuple(
            ClvComparison.of(metric, arm, c)
            for arm, by_metric in result.comparisons.items()
            for metric, c in by_metric.items()
        ),
        warnings=tuple(p.text() for p in result.warnings),
        warning_phrases=tuple(result.warnings),
    )
