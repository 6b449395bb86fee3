"""A fit's parameters in a bootstrap replicate: one scoring step from the fit.

A replicate that resamples units should refit the model on the units it drew; for
the joint BG/NBD and Gamma-Gamma fit (clv/arms.py) at about 0.3 s a fit, that is two
minutes a comparison. Instead each replicate moves the fitted parameters one step:
with w_i the number of times customer i was drawn and s_i the gradient of their
log-likelihood at the fit,

    theta* = theta_hat + B sum_i (w_i - 1) s_i,    B = (sum_i s_i s_i')^-1

(B is the parameters' covariance from the scores' outer product). The parameters then
move with the very customers the replicate drew, so the replicate carries how a
sample's values and its fitted parameters move together.

A parameter whose fit sits on a floor (a boundary of the model, not a failed fit)
keeps its full-sample score: the likelihood still rises beyond the floor, and the
replicate's maximum is found from there. A step that ends below the floor is put
back on it, the other parameters moved to the quadratic's maximum on the floor.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

STEP = 1e-6  # central differences of the log-likelihoods
FLOOR_STEP = 1e-4  # forward difference from a floor

LogLikelihoods = Callable[[np.ndarray, int], np.ndarray]  # (parameters, arm) -> per customer


@dataclass(frozen=True)
class Step:
    """One model's scoring step: its fit, its customers' scores per arm, and B."""

    center: np.ndarray
    scores: tuple[np.ndarray, ...]  # per arm: customers x parameters
    covariance: np.ndarray  # B
    kept: np.ndarray  # the full sample's score where the fit sits on a floor, else 0
    floor: np.ndarray  # per parameter: its floor (-inf where none)

    def moved(self, counts: dict[int, np.ndarray]) -> np.ndarray:
        """The parameters of each replicate (replicates x parameters). `counts[arm]` is
        replicates x customers, how often each customer was drawn; arms left out of
        `counts` keep their customers as they are."""
        size = next(iter(counts.values())).shape[0]
        score = np.tile(self.kept, (size, 1))
        for arm, weights in counts.items():
            score += (weights - 1.0) @ self.scores[arm]
        moved = np.asarray(self.center + score @ self.covariance)
        b = self.covariance
        for j in np.flatnonzero(np.isfinite(self.floor)):
            below = moved[:, j] < self.floor[j]
            if below.any() and b[j, j] > 0:
                # The quadratic's maximum with parameter j held on its floor.
                moved[below] -= np.outer(moved[below, j] - self.floor[j], b[j] / b[j, j])
                moved[below, j] = self.floor[j]
        return moved


def scoring_step(
    log_likelihoods: LogLikelihoods,
    center: np.ndarray,
    arms: int,
    fixed: np.ndarray,
    floor: np.ndarray,
) -> Step | None:
    """The step at `center`; `fixed` parameters (at a box bound) do not move, and a
    parameter within a difference step of its `floor` is treated as on it. None if a
    score is not finite."""
    center = np.asarray(center, dtype=float)
    on_floor = center - STEP < floor
    scores = []
    for arm in range(arms):
        columns = []
        for j in range(center.size):
            e = np.zeros(center.size)
            if on_floor[j]:
                e[j] = FLOOR_STEP
                diff = log_likelihoods(center + e, arm) - log_likelihoods(center, arm)
                columns.append(diff / FLOOR_STEP)
            else:
                e[j] = STEP
                diff = log_likelihoods(center + e, arm) - log_likelihoods(center - e, arm)
                columns.append(diff / (2 * STEP))
        scores.append(np.where(fixed, 0.0, np.column_stack(columns)))
    if not all(np.all(np.isfinite(s)) for s in scores):
        return None
    stacked = np.vstack(scores)
    covariance = np.linalg.pinv(stacked.T @ stacked, hermitian=True)
    kept = np.where(on_floor & ~fixed, stacked.sum(axis=0), 0.0)
    return Step(center, tuple(scores), np.asarray(covariance), kept, np.asarray(floor, float))
