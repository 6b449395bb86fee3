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


@dataclass(frozen=True)
class Moments:
    """One arm's units as sufficient statistics of their values' covariance: the count,
    the sum of each value and the sum of each product of two values.

    The engine computes them per arm in one pass, so no per-unit values leave it;
    sums of two arms' moments are the pooled moments.
    """

    keys: tuple[str, ...]
    n: float
    sums: np.ndarray  # (k,)
    products: np.ndarray  # (k, k)

    @classmethod
    def of(cls, values: dict[str, np.ndarray]) -> Moments:
        """From per-unit values (aligned by unit); units missing any value are left out."""
        keys = tuple(values)
        rows = np.column_stack([np.asarray(values[k], dtype=float) for k in keys])
        rows = rows[np.all(np.isfinite(rows), axis=1)]
        return cls(keys, float(rows.shape[0]), rows.sum(axis=0), rows.T @ rows)

    def __add__(self, other: Moments) -> Moments:
        assert self.keys == other.keys
        return Moments(
            self.keys, self.n + other.n, self.sums + other.sums, self.products + other.products
        )

    def covariance(self) -> np.ndarray:
        """Sample covariance of the values (ddof 1); NaN below two units."""
        k = len(self.keys)
        if self.n < 2:
            return np.full((k, k), np.nan)
        return (self.products - np.outer(self.sums, self.sums) / self.n) / (self.n - 1)

    def mean(self, key: str) -> float:
        return float(self.sums[self.keys.index(key)] / self.n) if self.n else float("nan")

    def transformed(self, keys: tuple[str, ...], a: np.ndarray, b: np.ndarray) -> Moments:
        """The moments of the values a @ v + b (one row of `a` per new key)."""
        s, p, n = self.sums, self.products, self.n
        sums = a @ s + n * b
        products = a @ p @ a.T + np.outer(a @ s, b) + np.outer(b, a @ s) + n * np.outer(b, b)
        return Moments(keys, n, sums, products)


def cuped_coefficients(pooled: Moments, value: str, covariate: str) -> tuple[float, float]:
    """theta = cov(value, covariate) / var(covariate) over both arms pooled, and the
    pooled covariate mean: the estimator of stats/cuped.py, so the linearized lift is
    the one that test reports. (0, 0) when the covariate does not vary."""
    cov = pooled.covariance()
    i, j = pooled.keys.index(value), pooled.keys.index(covariate)
    var = float(cov[j, j])
    if not np.isfinite(var) or var == 0:
        return 0.0, 0.0
    return float(cov[i, j]) / var, pooled.mean(covariate)


def cuped_adjusted(
    moments: Moments, value: str, covariate: str, theta: float, center: float
) -> Moments:
    """The moments with `value` replaced by value - theta (covariate - center), the
    covariate dropped."""
    keys = tuple(k for k in moments.keys if k != covariate)
    a = np.zeros((len(keys), len(moments.keys)))
    b = np.zeros(len(keys))
    for row, key in enumerate(keys):
        a[row, moments.keys.index(key)] = 1.0
    row = keys.index(value)
    a[row, moments.keys.index(covariate)] = -theta
    b[row] = theta * center
    return moments.transformed(keys, a, b)


def lift_covariance(control: Moments, treatment: Moments) -> np.ndarray:
    """Covariance matrix of the differences in mean values, treatment minus control:
    each arm's covariance over its units, divided by its units (independent arms)."""
    assert control.keys == treatment.keys
    return np.asarray(control.covariance() / control.n + treatment.covariance() / treatment.n)


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


def lift_correlation(control: Moments, treatment: Moments) -> LiftCorrelation:
    """From the arms' moments of "conversion", "revenue", "clv" (any subset)."""
    keys = [k for k in ("conversion", "revenue", "clv") if k in control.keys]
    if "revenue" not in keys or len(keys) < 2:
        return LiftCorrelation()
    order = [control.keys.index(k) for k in keys]
    corr = correlation(lift_covariance(control, treatment)[np.ix_(order, order)])

    def pick(a: str, b: str) -> float | None:
        if a not in keys or b not in keys:
            return None
        value = float(corr[keys.index(a), keys.index(b)])
        return value if np.isfinite(value) else None

    return LiftCorrelation(
        pick("conversion", "revenue"), pick("revenue", "clv"), pick("conversion", "clv")
    )
