"""Coverage of the CLV forecast lift and of the ROI with it (issue 16 item 1).

Simulated experiments with a known CLV effect (tests/calibration_clv.py: BG/NBD and
Gamma-Gamma customers with known parameters, the treatment buying more often and
converting more) go through the audit's CLV path (clv.run.arm_forecasts,
clv.forecast.compare_forecasts) and its ROI interval (roi.uncertainty with the lifts'
correlation from the units). The truths are closed forms under the generating
parameters (docs/roi.md, "CLV in the ROI: measured coverage").
"""

from __future__ import annotations

import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace

import numpy as np
import pytest
from calibration_clv import Design, Outcome, run_experiment, simulate_history, true_values

from personalroi.clv import bgnbd, gamma_gamma
from personalroi.clv.forecast import Customers, horizon_in_units

SLOW_EXPERIMENTS = 1_000
BAND = (0.93, 0.97)
# Measured 90.3 % for the CLV lift over these 1,000 experiments: below the 93 % target
# (docs/roi.md says why); held here so that a regression shows.
CLV_FLOOR = 0.88


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


def _run(seeds: list[int]) -> list[Outcome]:
    return [run_experiment(Design(), seed) for seed in seeds]


def coverage(experiments: int, first_seed: int) -> dict[str, float]:
    """Share of experiments whose 95 % intervals cover the true CLV lift and ROI (2 cores)."""
    seeds = list(range(first_seed, first_seed + experiments))
    workers = min(2, os.cpu_count() or 1)
    chunks = [seeds[i::workers] for i in range(workers)]
    with ProcessPoolExecutor(workers) as pool:
        outcomes = [o for part in pool.map(_run, chunks) for o in part]
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
    assert CLV_FLOOR <= found["clv"] <= BAND[1]
    assert BAND[0] <= found["roi"] <= BAND[1]
