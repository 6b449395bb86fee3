"""BG/NBD and Gamma-Gamma against the published CDNOW fits and a simulation with known truth."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from personalroi.clv import bgnbd, gamma_gamma


def _cdnow(name: str) -> pd.DataFrame:
    # lifetimes ships the CDNOW summaries; we read the files without importing the package.
    spec = importlib.util.find_spec("lifetimes")
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("the lifetimes package (test extra) provides the CDNOW data")
    path = Path(next(iter(spec.submodule_search_locations))) / "datasets" / name
    return pd.read_csv(path)


def test_bgnbd_matches_published_cdnow_fit() -> None:
    # Fader, Hardie and Lee (2005): r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, LL = -9582.4.
    d = _cdnow("cdnow_customers_summary.csv")
    fit = bgnbd.fit(d["frequency"].to_numpy(), d["recency"].to_numpy(), d["T"].to_numpy())
    p = fit.params
    assert (round(p.r, 2), round(p.alpha, 2), round(p.a, 2), round(p.b, 2)) == (
        0.24,
        4.41,
        0.79,
        2.43,
    )
    assert fit.fit.log_likelihood == pytest.approx(-9582.4, abs=0.05)
    # The paper's worked example: x = 2, t_x = 30.43, T = 38.86 expects 1.226 purchases in 39 weeks.
    expected = bgnbd.conditional_expected_purchases(
        p, 39.0, np.array([2.0]), np.array([30.43]), np.array([38.86])
    )
    assert expected[0] == pytest.approx(1.226, abs=5e-4)


def test_gamma_gamma_matches_published_cdnow_fit() -> None:
    # Fader, Hardie and Lee (2005, "RFM and CLV"): p = 6.25, q = 3.74, gamma = 15.44.
    d = _cdnow("cdnow_customers_summary_with_transactions.csv")
    fit = gamma_gamma.fit(d["x"].to_numpy(), d["zbar"].to_numpy())
    p = fit.params
    assert (round(p.p, 2), round(p.q, 2), round(p.v, 2)) == (6.25, 3.74, 15.45)
    assert p.v == pytest.approx(15.44, abs=0.01)
    # The conditional spend is a credibility-weighted mean (closed form, worked here).
    spend = gamma_gamma.conditional_expected_spend(p, np.array([0.0, 3.0]), np.array([0.0, 40.0]))
    assert spend[0] == pytest.approx(p.p * p.v / (p.q - 1))
    assert spend[1] == pytest.approx((p.v + 3 * 40.0) * p.p / (3 * p.p + p.q - 1))


def _simulate(r: float, alpha: float, a: float, b: float, n: int, seed: int) -> tuple:
    """Customers drawn from BG/NBD: no drop-out at the first purchase, then after each repeat."""
    rng = np.random.default_rng(seed)
    lam = rng.gamma(r, 1 / alpha, n)
    p = rng.beta(a, b, n)
    big_t = rng.uniform(30, 40, n)
    x, t_x = np.zeros(n), np.zeros(n)
    clock, alive = np.zeros(n), np.ones(n, dtype=bool)
    while alive.any():
        clock = clock + rng.exponential(1.0, n) / lam
        alive &= clock < big_t
        x[alive] += 1
        t_x[alive] = clock[alive]
        alive &= rng.random(n) >= p
    return x, t_x, big_t


def test_bgnbd_recovers_simulated_parameters_within_their_intervals() -> None:
    truth = {"r": 0.5, "alpha": 5.0, "a": 0.8, "b": 2.5}
    x, t_x, big_t = _simulate(**truth, n=8000, seed=11)
    fit = bgnbd.fit(x, t_x, big_t)
    intervals = fit.interval(z=2.576)  # 99 % Wald intervals on the log scale
    for name, value in truth.items():
        lo, hi = intervals[name]
        assert lo < value < hi, (name, value, intervals[name])
    # And the model's own mean matches the simulated repeat purchases over each T.
    predicted = bgnbd.expected_purchases(fit.params, big_t).mean()
    assert predicted == pytest.approx(x.mean(), rel=0.05)


def test_expected_purchases_is_the_unconditional_closed_form_for_a_new_customer() -> None:
    # A customer with x = 0 and T = 0 has learned nothing yet: conditional = unconditional.
    params = bgnbd.BgNbd(0.243, 4.414, 0.793, 2.426)
    conditional = bgnbd.conditional_expected_purchases(
        params, 10.0, np.array([0.0]), np.array([0.0]), np.array([0.0])
    )
    assert conditional[0] == pytest.approx(float(bgnbd.expected_purchases(params, 10.0)))


def test_log_likelihood_of_a_non_repeater_is_closed_form() -> None:
    # x = 0: L = (alpha / (alpha + T))^r, the Gamma-Poisson chance of no purchase in T.
    params = bgnbd.BgNbd(0.7, 3.0, 1.2, 2.0)
    ll = bgnbd.log_likelihood(params, np.array([0.0]), np.array([0.0]), np.array([12.0]))
    assert ll[0] == pytest.approx(0.7 * np.log(3.0 / 15.0))


def _history(arm: str, units: int, buyers: int, seed: int):
    from personalroi.clv.summary import History

    x, t_x, big_t = _simulate(0.8, 4.0, 1.0, 3.0, n=buyers, seed=seed)
    rng = np.random.default_rng(seed + 100)
    spend = rng.gamma(4.0, 10.0, buyers) * (x + 1)
    zeros = np.zeros(units - buyers)
    pad = lambda v: np.concatenate([v, zeros])  # noqa: E731
    days = pad(x + 1)
    return History(
        arm,
        days,
        days,
        pad(spend),
        pad(spend * x / (x + 1)),
        pad(t_x * 7),
        pad(big_t * 7),
        np.zeros(units),
        np.zeros(units),
    )


def test_forecast_lift_is_zero_for_twin_arms_and_found_for_more_buyers() -> None:
    from personalroi.clv.forecast import (
        compare_forecasts,
        fit_models,
        forecast_arm,
        pooled_customers,
    )

    control = _history("c", 20_000, 1000, 1)
    twin = _history("t", 20_000, 1000, 2)
    more = _history("m", 20_000, 2000, 3)  # twice the buyers, same behaviour
    prior = fit_models(pooled_customers([control, twin, more], "week"))
    f_c, f_t, f_m = (forecast_arm(h, "week", 12, prior) for h in (control, twin, more))
    same = compare_forecasts(f_c, f_t, 0.05, seed=1)
    assert same.absolute_ci is not None and same.absolute_ci[0] < 0 < same.absolute_ci[1]
    doubled = compare_forecasts(f_c, f_m, 0.05, seed=1)
    assert doubled.absolute_ci is not None and doubled.absolute_ci[0] > 0
    assert doubled.relative_lift == pytest.approx(1.0, abs=0.25)
    assert doubled.absolute_lift == pytest.approx(f_m.value_per_unit - f_c.value_per_unit)
