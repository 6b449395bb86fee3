"""The bootstrap's scoring step (clv/onestep.py) against refits: closed-form weighted
maximum likelihood, a floor, and the joint BG/NBD x Gamma-Gamma fit refitted on resamples."""

from __future__ import annotations

import numpy as np
import pytest
from calibration_clv import TIME_UNIT, Design, simulate_history

from personalroi.clv import bgnbd, gamma_gamma
from personalroi.clv.arms import KAPPA, PHI_FLOOR, fit_arms, from_phi, to_phi
from personalroi.clv.forecast import Customers, _values, resample_counts
from personalroi.clv.onestep import scoring_step
from personalroi.clv.run import arm_forecasts


def _counts(rng: np.random.Generator, n: int, replicates: int) -> np.ndarray:
    return np.stack([np.bincount(rng.integers(0, n, n), minlength=n) for _ in range(replicates)])


def test_step_follows_the_weighted_refit_of_an_exponential_rate() -> None:
    """Per customer log-likelihood log(lambda) - lambda y on theta = log(lambda): the
    replicate's refit is log(sum w / sum w y) in closed form."""
    rng = np.random.default_rng(3)
    y = rng.exponential(1 / 2.5, 2_000)
    theta = np.array([np.log(1 / y.mean())])

    def ll(t: np.ndarray, arm: int) -> np.ndarray:
        return np.asarray(t[0] - np.exp(t[0]) * y)

    step = scoring_step(ll, theta, 1, np.zeros(1, bool), np.full(1, -np.inf))
    assert step is not None
    counts = _counts(rng, y.size, 300).astype(float)
    moved = step.moved({0: counts})[:, 0]
    refit = np.log(counts.sum(axis=1) / (counts @ y))
    assert np.std(moved) == pytest.approx(np.std(refit), rel=0.1)
    assert np.corrcoef(moved, refit)[0, 1] > 0.99


def test_step_from_a_floor_follows_the_constrained_refit() -> None:
    """A normal mean held at >= 0 by data whose mean is below 0: the fit sits on the
    floor, and a replicate's refit is max(0, weighted mean)."""
    rng = np.random.default_rng(4)
    y = rng.normal(-0.02, 1.0, 2_000)
    y -= y.mean() + 0.02  # the sample's mean exactly -0.02: the fit is on the floor 0

    def ll(t: np.ndarray, arm: int) -> np.ndarray:
        return np.asarray(-0.5 * (y - t[0]) ** 2)

    step = scoring_step(ll, np.zeros(1), 1, np.zeros(1, bool), np.zeros(1))
    assert step is not None and step.kept[0] == pytest.approx(y.sum(), rel=0.01)
    counts = _counts(rng, y.size, 400).astype(float)
    moved = step.moved({0: counts})[:, 0]
    refit = np.maximum(0.0, counts @ y / counts.sum(axis=1))
    on_floor = refit == 0
    assert np.mean(moved == 0) == pytest.approx(np.mean(on_floor), abs=0.02)
    assert np.max(np.abs(moved - refit)) < 0.05 * np.std(counts @ y / counts.sum(axis=1))


def test_phi_is_the_inverse_of_one_plus_kappa() -> None:
    theta = np.array([0.1, -0.5, np.log(5.5), 1.0])
    assert to_phi(theta)[KAPPA] == pytest.approx(1 / 6.5)
    assert from_phi(to_phi(theta)) == pytest.approx(theta)
    assert from_phi(np.array([0.0, 0.0, 0.0, 0.0]))[KAPPA] == pytest.approx(12.0)
    assert 1 / (1 + np.exp(12.0)) == pytest.approx(PHI_FLOOR)


@pytest.mark.parametrize("seed", [10_000, 10_001])  # log kappa inside the box; at its bound
def test_forecast_lift_of_stepped_parameters_follows_refits(seed: int) -> None:
    """The joint fit refitted on 12 resamples of a simulated experiment against the
    scoring step on the same resamples: the replicates' forecast lifts agree (seed
    10,001's fit has kappa at its bound)."""
    design = Design()
    rng = np.random.default_rng(seed)
    histories = {
        arm: simulate_history(rng, model, design, arm)
        for arm, model in (("c", design.control), ("t", design.treatment))
    }
    forecasts = arm_forecasts(histories, TIME_UNIT, design.horizon_months)
    arms = [forecasts["c"], forecasts["t"]]
    assert arms[0].joint is not None
    fitted = arms[0].joint[0]
    at_bound = fitted.purchases.log_params[KAPPA] >= 12 - 1e-6
    assert at_bound == (seed == 10_001)
    replicates = 12
    counts = {
        i: resample_counts(a, replicates, np.random.default_rng(1)) for i, a in enumerate(arms)
    }
    stepped = fitted.resampled(counts)
    assert stepped is not None

    def lift(b: int, params: dict[int, tuple[np.ndarray, np.ndarray]]) -> float:
        total = 0.0
        for i, a in enumerate(arms):
            p, s = params[i]
            purchases, spend = _values(
                bgnbd.BgNbd.from_log(p), gamma_gamma.GammaGamma.from_log(s), a.customers, a.horizon
            )
            total += (1 if i else -1) * float(counts[i][b] @ (purchases * spend)) / a.units
        return total

    one, refit = [], []
    for b in range(replicates):
        drawn = []
        for i, a in enumerate(arms):
            c = a.customers
            idx = np.repeat(np.arange(c.x.size), counts[i][b].astype(int))
            drawn.append(Customers(c.x[idx], c.t_x[idx], c.big_t[idx], c.mean_spend[idx]))
        fits = fit_arms(drawn)
        refit.append(
            lift(
                b,
                {
                    i: (fits.fits(i)[0].fit.log_params, fits.fits(i)[1].fit.log_params)
                    for i in range(2)
                },
            )
        )
        one.append(lift(b, {i: (stepped[i][0][b], stepped[i][1][b]) for i in range(2)}))
    assert np.corrcoef(one, refit)[0, 1] > 0.9
    ratio = np.std(one) / np.std(refit)
    # Measured: 0.98 and 1.06 inside the box; at the bound 0.95 and 0.82 (1.43 over 30
    # replicates: refits there jump between the bound and small kappa, heavy-tailed).
    assert (0.6 <= ratio <= 1.8) if at_bound else (0.8 <= ratio <= 1.25)
