"""Calibration by simulation: A/A false-positive rate and CI coverage of a known true lift.

The slow versions (>= 2000 experiments each, `pytest -m slow`) check the
acceptance bands FPR in [4 %, 6 %] and coverage in [94 %, 96 %]; the fast
versions run in CI with fewer experiments and bands wide enough for their noise.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from personalroi.stats.binary import compare_proportions
from personalroi.stats.comparison import Comparison
from personalroi.stats.cuped import compare_cuped
from personalroi.stats.mean import compare_means
from personalroi.stats.ratio import compare_ratios
from personalroi.stats.sufficient import JointStats, SampleStats

Simulate = Callable[[np.random.Generator, float], tuple[Comparison, float]]


def one(x: np.ndarray) -> SampleStats:
    return SampleStats(int(x.size), float(x.sum()), float(x @ x))


def pair(x: np.ndarray, y: np.ndarray) -> JointStats:
    return JointStats(
        int(x.size), float(x.sum()), float(x @ x), float(y.sum()), float(y @ y), float(x @ y)
    )


def binary(rng: np.random.Generator, lift: float) -> tuple[Comparison, float]:
    n, p = 10_000, 0.05
    c, t = rng.random(n) < p, rng.random(n) < p * (1 + lift)
    return compare_proportions(one(c * 1.0), one(t * 1.0), 0.05), p * lift


def revenue(rng: np.random.Generator, lift: float) -> tuple[Comparison, float]:
    """Log-normal order values, 95 % of visitors spend nothing."""
    n, buy, mu, sigma = 8_000, 0.05, 3.5, 1.0

    def arm(scale: float) -> np.ndarray:
        return (rng.random(n) < buy) * rng.lognormal(mu, sigma, n) * scale

    mean = buy * np.exp(mu + sigma**2 / 2)
    return compare_means(one(arm(1.0)), one(arm(1 + lift)), 0.05), mean * lift


def order_value(rng: np.random.Generator, lift: float) -> tuple[Comparison, float]:
    """Ratio metric: revenue / orders per visitor; amounts Gamma(2, 30) per order."""
    n = 6_000

    def arm(scale: float) -> JointStats:
        orders = rng.poisson(0.4, n).astype(float)
        amount = rng.gamma(2.0 * np.maximum(orders, 1e-12), 30.0 * scale) * (orders > 0)
        return pair(amount, orders)

    return compare_ratios(arm(1.0), arm(1 + lift), 0.05), 60.0 * lift


def revenue_cuped(rng: np.random.Generator, lift: float) -> tuple[Comparison, float]:
    """Revenue with a correlated pre-period value: CUPED must keep coverage."""
    n = 8_000

    def arm(scale: float) -> JointStats:
        habit = rng.lognormal(2.0, 1.0, n)  # a visitor's spending level
        pre = habit * rng.gamma(4.0, 0.25, n)
        post = habit * rng.gamma(4.0, 0.25, n) * scale
        return pair(post, pre)

    truth = np.exp(2.0 + 0.5) * lift
    return compare_cuped(arm(1.0), arm(1 + lift), 0.05), truth


def run(simulate: Simulate, sims: int, lift: float, seed: int) -> tuple[float, float, float]:
    """(share of p < 0.05, share of CIs covering the truth, mean CI width)."""
    rng = np.random.default_rng(seed)
    rejected = covered = 0
    widths = []
    for _ in range(sims):
        result, truth = simulate(rng, lift)
        assert result.ok and result.p_value is not None and result.absolute_ci is not None
        rejected += result.p_value < 0.05
        lo, hi = result.absolute_ci
        covered += lo <= truth <= hi
        widths.append(hi - lo)
    return rejected / sims, covered / sims, float(np.mean(widths))


CASES = {"binary": binary, "mean": revenue, "ratio": order_value, "cuped": revenue_cuped}


@pytest.mark.parametrize("name", list(CASES))
def test_calibration_fast(name: str) -> None:
    fpr, _, _ = run(CASES[name], 250, 0.0, seed=1)
    _, coverage, _ = run(CASES[name], 250, 0.05, seed=2)
    assert 0.02 <= fpr <= 0.09
    assert 0.91 <= coverage <= 0.98


def test_cuped_narrows_intervals() -> None:
    rng_seed = 3
    _, _, cuped_width = run(revenue_cuped, 100, 0.05, seed=rng_seed)

    # Same data without the covariate: Welch on x alone.
    def unadjusted(rng: np.random.Generator, lift: float) -> tuple[Comparison, float]:
        n = 8_000
        habit_c, habit_t = rng.lognormal(2.0, 1.0, n), rng.lognormal(2.0, 1.0, n)
        c = habit_c * rng.gamma(4.0, 0.25, n)
        t = habit_t * rng.gamma(4.0, 0.25, n) * (1 + lift)
        return compare_means(one(c), one(t), 0.05), np.exp(2.5) * lift

    _, _, plain_width = run(unadjusted, 100, 0.05, seed=rng_seed)
    assert cuped_width < 0.75 * plain_width


@pytest.mark.slow
@pytest.mark.parametrize("name", list(CASES))
def test_calibration_slow(name: str) -> None:
    sims = 4000
    fpr, _, _ = run(CASES[name], sims, 0.0, seed=11)
    _, coverage, width = run(CASES[name], sims, 0.05, seed=12)
    print(f"\n{name}: {sims} A/A FPR {fpr:.4f}; {sims} with lift 5 %: coverage {coverage:.4f}")
    assert 0.04 <= fpr <= 0.06
    assert 0.94 <= coverage <= 0.96
