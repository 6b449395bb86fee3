"""Coverage of the CLV forecast lift and of the ROI with it (issue 16 item 1).

Simulated experiments with a known CLV effect (tests/calibration_clv.py: BG/NBD and
Gamma-Gamma customers with known parameters, the treatment buying more often and
converting more) go through the audit's CLV path (clv.run.arm_forecasts,
clv.forecast.compare_forecasts) and its ROI interval (roi.uncertainty with the lifts'
correlation from the units). The truths are closed forms under the generating
parameters (docs/roi.md, "CLV in the ROI: measured coverage").
"""

from __future__ import annotations

import time
from dataclasses import replace

import numpy as np
import pytest
from calibration_clv import (
    TIME_UNIT,
    Design,
    Outcome,
    run_experiment,
    simulate_history,
    true_values,
)

from personalroi.clv import bgnbd, gamma_gamma
from personalroi.clv.forecast import Customers, compare_forecasts, horizon_in_units
from personalroi.clv.run import arm_forecasts

SLOW_EXPERIMENTS = 1_000
BAND = (0.93, 0.97)


def test_closed_form_truth_equals_the_forecast_under_the_true_parameters() -> None:
    """The truth is the expected forecast under each arm's generating parameters: the
    closed form agrees with the forecast of a very large simulated arm (300,000 units)."""
    design = replace(Design(), units=300_000)
    for model in (design.control, design.treatment):
        history = simulate_history(np.random.default_rng(5), model, design, "arm")
        c = Customers.from_history(history, "week")
        horizon = horizon_in_units(design.horizon_months, "week")
        purchases = bgnbd.conditional_expected_purchases(
            bgnbd.BgNbd(model.r, model.alpha, model.a, model.b), horizon, c.x, c.t_x, c.big_t
        )
        spend = gamma_gamma.conditional_expected_spend(
            gamma_gamma.GammaGamma(model.p_s, model.q, model.v), c.x, c.mean_spend
        )
        revenue, clv = true_values(model, design)
        assert float(np.sum(purchases * spend)) / history.units == pytest.approx(clv, rel=0.02)
        assert float(history.revenue.mean()) == pytest.approx(revenue, rel=0.02)


def coverage(experiments: int, first_seed: int) -> dict[str, float]:
    """Share of experiments whose 95 % intervals cover the true CLV lift and ROI (one
    process: the machines these run on are shared)."""
    seeds = range(first_seed, first_seed + experiments)
    outcomes: list[Outcome] = [run_experiment(Design(), seed) for seed in seeds]
    clv = [o.clv_covered for o in outcomes if o.clv_covered is not None]
    roi = [o.roi_covered for o in outcomes if o.roi_covered is not None]
    return {
        "experiments": float(len(outcomes)),
        "clv": float(np.mean(clv)),
        "roi": float(np.mean(roi)),
        "clv_tested": len(clv) / len(outcomes),
        "roi_tested": len(roi) / len(outcomes),
    }


def test_clv_and_roi_intervals_cover_a_few_experiments() -> None:
    found = coverage(12, first_seed=100)
    assert found["clv_tested"] == 1.0
    assert found["clv"] >= 0.75 and found["roi"] >= 0.75


@pytest.mark.slow
def test_clv_and_roi_intervals_cover_the_truth() -> None:
    """docs/roi.md quotes these figures."""
    start = time.perf_counter()
    found = coverage(SLOW_EXPERIMENTS, first_seed=10_000)
    print(f"CLV coverage {found}, {time.perf_counter() - start:.0f} s")
    assert found["clv_tested"] > 0.99
    assert BAND[0] <= found["clv"] <= BAND[1]
    assert BAND[0] <= found["roi"] <= BAND[1]


@pytest.mark.parametrize("seed", [100, 103, 105])  # p 0.35, 0.05 (a tie at 0.05), 0.13
def test_clv_interval_and_p_come_from_one_distribution(seed: int) -> None:
    """At every alpha the interval excludes 0 exactly when p < alpha (both read off the
    same bootstrap replicates), for the absolute and the relative lift; p itself is the
    two-sided tail share of the replicates, so it does not depend on alpha."""
    design = Design()
    rng = np.random.default_rng(seed)
    histories = {
        arm: simulate_history(rng, model, design, arm)
        for arm, model in (("control", design.control), ("treat", design.treatment))
    }
    forecasts = arm_forecasts(histories, TIME_UNIT, design.horizon_months)
    control, treat = forecasts["control"], forecasts["treat"]
    p_values, excluded = set(), 0
    for alpha in (0.01, 0.05, 0.1, 0.2, 0.3, 0.5, 0.8):
        c = compare_forecasts(control, treat, alpha, seed)
        assert c.p_value is not None and c.absolute_ci is not None
        assert c.relative_ci is not None and c.absolute_lift is not None
        p_values.add(c.p_value)
        for low, high in (c.absolute_ci, c.relative_ci):
            assert (low > 0 or high < 0) == (c.p_value < alpha), (alpha, c)
            excluded += low > 0 or high < 0
        assert c.absolute_ci[0] <= c.absolute_lift <= c.absolute_ci[1]
    assert len(p_values) == 1
    assert 0 < excluded < 14  # some alphas on each side of p: the check is not vacuous
