"""Joint ROI uncertainty (issue 16 items 1, 2, 5): the lifts' covariance from the units,
variance shares, units to prove, the sequential ROI interval; hand-worked numbers and a
simulation with known truth."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from test_roi_money import CONFIG, write_round_experiment

from personalroi.audit.roi_section import driver_sentence
from personalroi.audit.run import run_audit
from personalroi.config import load_config
from personalroi.report.json_format import result_to_dict
from personalroi.roi.joint import (
    Moments,
    cuped_adjusted,
    cuped_coefficients,
    lift_correlation,
    lift_covariance,
)
from personalroi.roi.uncertainty import LiftErrors, roi_uncertainty, units_to_prove
from personalroi.stats.distributions import norm_ppf
from personalroi.stats.sequential import halfwidth

Z = float(norm_ppf(0.975))


def _correlation(c: dict[str, np.ndarray], t: dict[str, np.ndarray]) -> object:
    return lift_correlation(Moments.of(c), Moments.of(t))


def test_lift_covariance_by_hand() -> None:
    control = {"x": np.array([1.0, 3.0, 5.0]), "y": np.array([2.0, 4.0, 9.0])}
    treatment = {"x": np.array([0.0, 2.0, np.nan]), "y": np.array([1.0, 2.0, 7.0])}
    # control: var x 4, cov 7, var y 13 over 3 units; treatment (NaN row dropped): 2, 1, 0.5
    # over 2 units.
    expected = np.array([[4 / 3 + 1, 7 / 3 + 0.5], [7 / 3 + 0.5, 13 / 3 + 0.25]])
    covariance = lift_covariance(Moments.of(control), Moments.of(treatment))
    assert covariance == pytest.approx(expected)


def test_moments_give_numpys_covariance_of_the_units() -> None:
    rng = np.random.default_rng(3)
    values = {"a": rng.lognormal(2, 1, 4000), "b": rng.normal(size=4000)}
    values["c"] = values["a"] * 0.3 + rng.normal(size=4000)
    reference = np.cov(np.column_stack(list(values.values())), rowvar=False, ddof=1)
    assert Moments.of(values).covariance() == pytest.approx(reference, rel=1e-10)


def test_lift_correlation_of_a_value_with_itself_is_one() -> None:
    rng = np.random.default_rng(1)
    c, t = rng.exponential(size=500), rng.exponential(size=400)
    corr = _correlation({"revenue": c, "clv": 2 * c}, {"revenue": t, "clv": 2 * t})
    assert corr.revenue_clv == pytest.approx(1.0)  # type: ignore[attr-defined]
    assert corr.conversion_revenue is None  # type: ignore[attr-defined]


def test_cuped_adjustment_matches_theta_by_hand() -> None:
    # Pooled x = [1, 2, 3, 4], y = [1, 2, 3, 5]: cov 2.1667, var y 2.9167, theta 0.742857.
    c = Moments.of({"x": np.array([1.0, 2.0]), "y": np.array([1.0, 2.0])})
    t = Moments.of({"x": np.array([3.0, 4.0]), "y": np.array([3.0, 5.0])})
    theta, center = cuped_coefficients(c + t, "x", "y")
    assert theta == pytest.approx((6.5 / 3) / (8.75 / 3))
    assert center == pytest.approx(2.75)
    adjusted = cuped_adjusted(t, "x", "y", theta, center)
    by_hand = np.array([3 - theta * (3 - center), 4 - theta * (5 - center)])
    assert adjusted.keys == ("x",)
    assert adjusted.sums == pytest.approx([by_hand.sum()])
    assert adjusted.products[0, 0] == pytest.approx(by_hand @ by_hand)


def test_adjusted_moments_equal_the_moments_of_adjusted_units() -> None:
    rng = np.random.default_rng(5)
    y = rng.lognormal(1, 0.8, 3000)
    values = {"revenue": y * 1.1 + rng.normal(size=3000), "covariate": y, "clv": y * 2.0}
    moments = cuped_adjusted(Moments.of(values), "revenue", "covariate", 0.7, 3.2)
    units = {"revenue": values["revenue"] - 0.7 * (y - 3.2), "clv": values["clv"]}
    reference = Moments.of(units)
    assert moments.keys == reference.keys
    assert moments.sums == pytest.approx(reference.sums, rel=1e-12)
    assert moments.products == pytest.approx(reference.products, rel=1e-10)


def test_covariance_shares_and_interval_by_hand() -> None:
    # SEs: conversion part 1, revenue 2, CLV 3; rho(conv, rev) 0.5, rho(rev, clv) 0.25.
    errors = LiftErrors(
        revenue=2.0, conversion=1.0, clv=3.0, rho_conversion_revenue=0.5, rho_revenue_clv=0.25
    )
    # conv: 1; order value: 4 - 2 x 1 + 1 = 3; cov(conv, ov) = 1 - 1 = 0; cov(ov, clv) = 1.5.
    assert errors.covariance() == pytest.approx(
        np.array([[1.0, 0.0, 0.0], [0.0, 3.0, 1.5], [0.0, 1.5, 9.0]])
    )
    # slope 0.1: lifts 0.01 x (1, 4.5, 10.5); costs (1.5^2) x 40,000 / 1,000^2 = 0.09;
    # savings 10,000 / 1,000^2 = 0.01; total 0.26.
    out = roi_uncertainty(
        0.5, 0.1, errors, 0.05, investment_variance=40_000, savings_variance=10_000, investment=1e3
    )
    assert out.se == pytest.approx(math.sqrt(0.26))
    assert out.ci == pytest.approx((0.5 - Z * math.sqrt(0.26), 0.5 + Z * math.sqrt(0.26)))
    assert out.shares == pytest.approx(
        {
            "conversion": 0.01 / 0.26,
            "order_value": 0.045 / 0.26,
            "clv": 0.105 / 0.26,
            "costs": 0.09 / 0.26,
            "savings": 0.01 / 0.26,
        }
    )
    assert sum(out.shares.values()) == pytest.approx(1.0)
    assert out.lift_variance == pytest.approx(0.16)


def test_correlation_one_fallback_adds_standard_errors() -> None:
    out = roi_uncertainty(0.2, 0.5, LiftErrors(revenue=0.3, clv=0.4), 0.05)
    assert out.se == pytest.approx(0.5 * (0.3 + 0.4))
    assert out.shares is not None and out.shares["order_value"] == pytest.approx(0.0)


def test_units_to_prove_with_and_without_fixed_variance() -> None:
    # No ranges: n (z se / roi)^2 - n = 1,000 x 3.8415 - 1,000.
    assert units_to_prove(1.0, 1.0, 0.05, 1_000) == math.ceil(1_000 * Z**2) - 1_000
    # 0.04 of the variance is cost ranges: n x 0.96 / ((1 / z)^2 - 0.04) - n.
    expected = math.ceil(1_000 * 0.96 / (1 / Z**2 - 0.04)) - 1_000
    assert units_to_prove(1.0, 1.0, 0.05, 1_000, fixed_variance=0.04) == expected == 3_358
    # The ranges alone keep the interval over 0: no amount of units settles it.
    assert units_to_prove(0.3, 1.0, 0.05, 1_000, fixed_variance=0.05) is None
    assert units_to_prove(-0.1, 1.0, 0.05, 1_000) is None
    assert units_to_prove(3.0, 1.0, 0.05, 1_000) == 0


def test_driver_sentence() -> None:
    shares = {"conversion": 0.1, "order_value": 0.1, "clv": 0.8, "costs": 0.0, "savings": 0.0}
    assert driver_sentence(shares, 0.5, 140_000) == (
        "The CLV forecast is 80% of the ROI's uncertainty; about 140,000 more units per arm "
        "at the observed lift would settle it."
    )
    assert driver_sentence(shares, -0.5, None).endswith("so more data would not make it pay.")
    assert driver_sentence(shares, 0.5, 0).endswith("the interval already excludes 0.")


def test_sequential_roi_interval_uses_the_always_valid_boundary(tmp_path: Path) -> None:
    path = write_round_experiment(tmp_path)
    fixed = result_to_dict(run_audit(load_config(path)))["roi"][0]
    path.write_text(CONFIG.replace("correction: none}", "correction: none, sequential: true}"))
    seq = result_to_dict(run_audit(load_config(path)))["roi"][0]
    width = halfwidth(fixed["roi_se"], 200, 0.05, 5000)  # 200 units in the revenue test
    assert seq["roi"] == pytest.approx(fixed["roi"])
    assert seq["roi_ci"] == pytest.approx([fixed["roi"] - width, fixed["roi"] + width])
    assert width > Z * fixed["roi_se"]
    assert seq["probability_roi_positive"] < fixed["probability_roi_positive"]
    assert "sequential: always-valid boundary" in seq["roi_method"]


def _experiments(reps: int, n: int, seed: int) -> dict[str, float]:
    """Simulated experiments with known truth: per-unit revenue y and a forecast-like value
    v = 2.5 y + noise (the two lifts correlate about 0.7), both lifted in treatment.
    Returns the coverage of the 95 % ROI interval with the estimated correlation, with
    correlation 1 (errors added) and with correlation 0 (variances added)."""
    rng = np.random.default_rng(seed)
    slope, investment_share = 2.0, 0.3  # roi = slope x (d_y + d_v) - investment_share
    true_dy, true_dv = 0.25, 0.25 * 2.5 + 0.1
    true_roi = slope * (true_dy + true_dv) - investment_share
    hits = {"joint": 0, "one": 0, "zero": 0}
    for _ in range(reps):
        arms = []
        for lift in (0.0, 1.0):
            # 30 % buyers with log-normal spend; treatment adds true_dy to every unit, and
            # its buyers' forecast noise has mean 0.1 / 0.3, so E[v_t - v_c] = true_dv.
            buy = rng.random(n) < 0.3
            y = np.where(buy, rng.lognormal(1.0, 0.8, n), 0.0) + lift * true_dy
            v = 2.5 * y + np.where(buy, rng.normal(lift * 0.1 / 0.3, 10.0, n), 0.0)
            arms.append((y, v))
        (yc, vc), (yt, vt) = arms
        d_y, d_v = yt.mean() - yc.mean(), vt.mean() - vc.mean()
        se_y = math.sqrt(yc.var(ddof=1) / n + yt.var(ddof=1) / n)
        se_v = math.sqrt(vc.var(ddof=1) / n + vt.var(ddof=1) / n)
        rho = lift_correlation(
            Moments.of({"revenue": yc, "clv": vc}), Moments.of({"revenue": yt, "clv": vt})
        ).revenue_clv
        roi = slope * (d_y + d_v) - investment_share
        for name, r in (("joint", rho), ("one", 1.0), ("zero", 0.0)):
            errors = LiftErrors(revenue=se_y, clv=se_v, rho_revenue_clv=r)
            low, high = roi_uncertainty(roi, slope, errors, 0.05).ci
            hits[name] += low <= true_roi <= high
    return {k: v / reps for k, v in hits.items()}


def test_joint_roi_interval_covers_the_true_roi_fast() -> None:
    coverage = _experiments(reps=300, n=1_500, seed=7)
    assert 0.91 <= coverage["joint"] <= 0.99


@pytest.mark.slow
def test_joint_roi_interval_covers_the_true_roi_slow() -> None:
    """docs/roi.md quotes these figures."""
    coverage = _experiments(reps=2_000, n=2_000, seed=11)
    assert 0.93 <= coverage["joint"] <= 0.97
    assert coverage["zero"] < 0.93  # ignoring the covariance is falsely narrow
