"""How the estimated lifts move together: their correlation, estimated from the units.

The ROI adds the revenue metric's lift and the CLV forecast's lift, and splits
the revenue lift into a conversion and an order-value part. All of them are
estimated on the same units, so their sampling errors are correlated: a few
big spenders raise both the revenue and the forecast of the arm they landed in.
Adding standard errors (correlation 1) is safe but can widen the ROI interval
several-fold; adding variances (correlation 0) can make it falsely narrow.

Per-unit linearization gives the covariance directly. Each lift is a difference
of arm means of a per-unit value, and the arms are independent samples, so

    Cov(lift_j, lift_k) = cov_T(x_j, x_k) / n_T + cov_C(x_j, x_k) / n_C

with the sample covariances of the units' values within each arm. The
correlation matrix of that covariance is what the ROI uses; each lift keeps the
standard error of its own test (CUPED, Welch, the forecast's bootstrap with its
parameter draws), so the metric rows and the ROI stay on the same scale.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


def cuped_adjusted(
    values: tuple[np.ndarray, np.ndarray], covariate: tuple[np.ndarray, np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """Control and treatment values minus theta x (covariate - pooled mean), as CUPED does.

    theta is cov(value, covariate) / var(covariate) over both arms pooled, the
    estimator of stats/cuped.py, so the linearized lift is the one that test reports.
    """
    x = np.concatenate(values)
    y = np.concatenate(covariate)
    both = np.isfinite(x) & np.isfinite(y)
    x, y = x[both], y[both]
    var_y = float(np.var(y, ddof=1)) if y.size > 1 else 0.0
    if not np.isfinite(var_y) or var_y == 0:
        return values
    theta = float(np.cov(x, y, ddof=1)[0, 1]) / var_y
    center = float(y.mean())
    return (
        values[0] - theta * (covariate[0] - center),
        values[1] - theta * (covariate[1] - center),
    )


def lift_covariance(control: np.ndarray, treatment: np.ndarray) -> np.ndarray:
    """Covariance matrix of the differences in column means, treatment minus control.

    `control` and `treatment` are (units x k) arrays of per-unit values, one
    column per lift; rows with a missing value are dropped (the unit has no
    value for one of the metrics).
    """
    parts = []
    for arm in (control, treatment):
        rows = arm[np.all(np.isfinite(arm), axis=1)]
        if rows.shape[0] < 2:
            return np.full((arm.shape[1], arm.shape[1]), np.nan)
        parts.append(np.atleast_2d(np.cov(rows, rowvar=False, ddof=1)) / rows.shape[0])
    return np.asarray(parts[0] + parts[1])


def correlation(covariance: np.ndarray) -> np.ndarray:
    """The correlation matrix; NaN where a lift has no variance."""
    sd = np.sqrt(np.diag(covariance))
    with np.errstate(divide="ignore", invalid="ignore"):
        out = covariance / np.outer(sd, sd)
    out[~np.isfinite(out)] = np.nan
    return np.asarray(np.clip(out, -1.0, 1.0))


@dataclass(frozen=True)
class LiftCorrelation:
    """Correlations of the lift estimators; None where the units could not say."""

    conversion_revenue: float | None = None
    revenue_clv: float | None = None
    conversion_clv: float | None = None


def lift_correlation(
    control: dict[str, np.ndarray], treatment: dict[str, np.ndarray]
) -> LiftCorrelation:
    """From per-unit values keyed "conversion", "revenue", "clv" (any subset, aligned by unit)."""
    keys = [k for k in ("conversion", "revenue", "clv") if k in control and k in treatment]
    if "revenue" not in keys or len(keys) < 2:
        return LiftCorrelation()
    corr = correlation(
        lift_covariance(
            np.column_stack([control[k] for k in keys]),
            np.column_stack([treatment[k] for k in keys]),
        )
    )

    def pick(a: str, b: str) -> float | None:
        if a not in keys or b not in keys:
            return None
        value = float(corr[keys.index(a), keys.index(b)])
        return value if np.isfinite(value) else None

    return LiftCorrelation(
        pick("conversion", "revenue"), pick("revenue", "clv"), pick("conversion", "clv")
    )
