"""The ROI interval and P(ROI > 0): against Monte Carlo propagation and whole simulated
experiments with a known true ROI."""

from __future__ import annotations

import numpy as np
import pytest

from personalroi.roi.money import CashItem, Economics, UnitLift, arm_money, roi_slope
from personalroi.roi.uncertainty import roi_interval
from personalroi.stats.mean import compare_means
from personalroi.stats.sufficient import SampleStats

ECON = Economics(eligible_units_per_month=50_000, horizon_months=12, gross_margin=0.4)
COSTS = (CashItem("engine", "technology", monthly=3_000, one_off=20_000),)
SAVINGS = (CashItem("emails", "marketing", monthly=500),)
CONTROL_RPV = 3.0
TRUE_LIFT = 0.15  # per visitor


def roi_of(lift: float) -> float:
    money = arm_money(UnitLift(lift, lift, CONTROL_RPV), ECON, COSTS, SAVINGS)
    assert money.roi is not None
    return money.roi


def test_interval_matches_monte_carlo_propagation() -> None:
    """Sampling the lift from its normal distribution and pushing every draw through the
    money model gives the same interval and P(ROI > 0) as the closed form."""
    lift, se = 0.06, 0.05
    roi = roi_of(lift)
    investment = sum(c.total(12) for c in COSTS)
    closed = roi_interval(roi, roi_slope(ECON, investment), se, alpha=0.05)
    draws = np.random.default_rng(3).normal(lift, se, 200_000)
    rois = np.array([roi_of(d) for d in draws[:2_000]])
    # The model is affine, so the full draw set can be mapped with two points.
    a = (roi_of(1.0) - roi_of(0.0)) / 1.0
    rois_all = roi_of(0.0) + a * draws
    np.testing.assert_allclose(rois, rois_all[:2_000], rtol=1e-9, atol=1e-9)
    low, high = np.quantile(rois_all, [0.025, 0.975])
    assert closed.ci[0] == pytest.approx(low, abs=0.02 * closed.se)
    assert closed.ci[1] == pytest.approx(high, abs=0.02 * closed.se)
    assert closed.probability_positive == pytest.approx(np.mean(rois_all > 0), abs=0.005)


def test_zero_standard_error_is_certain() -> None:
    assert roi_interval(0.3, 1.0, 0.0, 0.05).probability_positive == 1.0
    assert roi_interval(-0.3, 1.0, 0.0, 0.05).ci == (-0.3, -0.3)


def coverage(reps: int, n: int, seed: int) -> float:
    """Share of simulated experiments whose 95 % ROI interval covers the true ROI.

    Revenue per visitor is zero-inflated log-normal (5 % buy; mean order 60); the
    treatment multiplies conversion so the true RPV lift is TRUE_LIFT.
    """
    rng = np.random.default_rng(seed)
    p_c = 0.05
    mean_order = 60.0
    p_t = p_c * (1 + TRUE_LIFT / (p_c * mean_order))
    sigma = 0.8
    mu = np.log(mean_order) - sigma**2 / 2
    true_roi = roi_of(TRUE_LIFT)
    investment = sum(c.total(12) for c in COSTS)
    slope = roi_slope(ECON, investment)
    hits = 0
    for _ in range(reps):
        arms = []
        for p in (p_c, p_t):
            buys = rng.random(n) < p
            y = np.where(buys, rng.lognormal(mu, sigma, n), 0.0)
            arms.append(SampleStats(n, float(y.sum()), float((y * y).sum())))
        comparison = compare_means(arms[0], arms[1], 0.05)
        assert comparison.absolute_lift is not None and comparison.absolute_se is not None
        roi = roi_of(comparison.absolute_lift)
        low, high = roi_interval(roi, slope, comparison.absolute_se, 0.05).ci
        hits += low <= true_roi <= high
    return hits / reps


def test_roi_interval_covers_true_roi_fast() -> None:
    # 300 reps: the standard error of a 95 % coverage estimate is 1.3 points.
    assert 0.91 <= coverage(300, 4_000, seed=11) <= 0.99


@pytest.mark.slow
def test_roi_interval_covers_true_roi_slow() -> None:
    # 2,000 reps: standard error 0.5 points.
    rate = coverage(2_000, 4_000, seed=12)
    print(f"ROI interval coverage over 2,000 simulated experiments: {rate:.3f}")
    assert 0.935 <= rate <= 0.965
