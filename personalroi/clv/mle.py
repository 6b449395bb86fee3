"""Maximum likelihood on log-parameters: the optimizer call and its standard errors.

Fitting on the log scale keeps every parameter positive without constraints,
and the bounds (e^-12 .. e^12) stop the search from running off to a
degenerate corner when the data carry little information.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy import optimize

LOG_BOUND = 12.0


@dataclass(frozen=True)
class LogFit:
    """An MLE on log-parameters: the estimate, its covariance and the fit's health."""

    log_params: np.ndarray
    covariance: np.ndarray | None  # of the log-parameters; None if the Hessian is singular
    log_likelihood: float
    converged: bool
    at_bound: bool


def fit_log_params(negative_ll: Callable[[np.ndarray], float], start: np.ndarray, n: int) -> LogFit:
    """Minimize the mean negative log-likelihood of `n` observations from `start`.

    Dividing by n keeps the objective's scale independent of the sample size,
    so one tolerance suits a hundred customers and a million alike.
    """

    def objective(theta: np.ndarray) -> float:
        value = negative_ll(theta) / n
        return value if np.isfinite(value) else 1e12

    bounds = [(-LOG_BOUND, LOG_BOUND)] * start.size
    best = optimize.minimize(
        objective,
        start,
        method="L-BFGS-B",
        bounds=bounds,
        options={"ftol": 1e-11, "gtol": 1e-7, "maxiter": 2_000},
    )
    # Polish with a short Nelder-Mead: L-BFGS-B's finite-difference gradient can
    # stop a little early on the flat ridges these likelihoods have.
    polished = optimize.minimize(
        objective,
        np.clip(best.x, -LOG_BOUND, LOG_BOUND),
        method="Nelder-Mead",
        options={"xatol": 1e-7, "fatol": 1e-11, "maxfev": 100 * start.size},
    )
    theta = polished.x if polished.fun <= best.fun else best.x
    theta = np.clip(theta, -LOG_BOUND, LOG_BOUND)
    total = negative_ll(theta)
    covariance = _inverse_hessian(negative_ll, theta)
    return LogFit(
        log_params=theta,
        covariance=covariance,
        log_likelihood=-float(total),
        converged=bool(best.success),
        at_bound=bool(np.any(np.abs(theta) >= LOG_BOUND - 1e-6)),
    )


def inverse_hessian(
    f: Callable[[np.ndarray], float], x: np.ndarray, free: np.ndarray
) -> np.ndarray | None:
    """The covariance of the parameters where `free` is true; 0 for the others (held fixed).

    A parameter at its bound has no curvature worth the name (the likelihood is
    flat towards the limit), so its row would make the Hessian singular.
    """
    index = np.flatnonzero(free)
    if index.size == 0:
        return None

    def partial(sub: np.ndarray) -> float:
        full = x.copy()
        full[index] = sub
        return f(full)

    sub = _inverse_hessian(partial, x[index])
    if sub is None:
        return None
    out = np.zeros((x.size, x.size))
    out[np.ix_(index, index)] = sub
    return out


def _inverse_hessian(f: Callable[[np.ndarray], float], x: np.ndarray) -> np.ndarray | None:
    """Covariance of the MLE: the inverse of the central-difference Hessian of -LL."""
    k = x.size
    h = 1e-4
    hess = np.empty((k, k))
    f0 = f(x)
    for i in range(k):
        for j in range(i, k):
            if i == j:
                e = np.zeros(k)
                e[i] = h
                hess[i, i] = (f(x + e) - 2 * f0 + f(x - e)) / h**2
            else:
                ei, ej = np.zeros(k), np.zeros(k)
                ei[i], ej[j] = h, h
                hess[i, j] = hess[j, i] = (
                    f(x + ei + ej) - f(x + ei - ej) - f(x - ei + ej) + f(x - ei - ej)
                ) / (4 * h**2)
    if not np.all(np.isfinite(hess)):
        return None
    try:
        cov = np.linalg.inv(hess)
    except np.linalg.LinAlgError:
        return None
    if np.any(np.diag(cov) <= 0):
        return None
    return np.asarray(cov)
