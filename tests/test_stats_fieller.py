"""Fieller's interval against the test-inversion definition, solved numerically."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import optimize
from scipy import stats as sps

from personalroi.stats.comparison import ArmEstimate, compare_normal
from personalroi.stats.fieller import fieller_g, fieller_ratio_interval


def rejects(rho: float, c: float, vc: float, t: float, vt: float, z: float) -> float:
    """> 0 where the z-test of t - rho c = 0 rejects, < 0 inside the Fieller set."""
    return (t - rho * c) ** 2 - z * z * (vt + rho * rho * vc)


@pytest.mark.parametrize(
    ("c", "vc", "t", "vt"),
    [(10.0, 0.5, 11.0, 0.6), (0.03, 1e-5, 0.036, 1.2e-5), (2.0, 0.4, 1.5, 0.3)],
)
def test_endpoints_are_where_the_test_stops_rejecting(
    c: float, vc: float, t: float, vt: float
) -> None:
    alpha = 0.05
    z = float(sps.norm.ppf(1 - alpha / 2))
    interval = fieller_ratio_interval(c, vc, t, vt, alpha)
    assert interval is not None
    lo, hi = interval
    est = t / c
    ref_lo = optimize.brentq(rejects, est - 100, est, args=(c, vc, t, vt, z), xtol=1e-14)
    ref_hi = optimize.brentq(rejects, est, est + 100, args=(c, vc, t, vt, z), xtol=1e-14)
    assert lo == pytest.approx(ref_lo, rel=1e-9)
    assert hi == pytest.approx(ref_hi, rel=1e-9)
    assert lo < est < hi


def test_unbounded_when_control_is_not_distinguishable_from_zero() -> None:
    assert fieller_g(0.5, 0.2, 0.05) > 1
    assert fieller_ratio_interval(0.5, 0.2, 1.0, 0.1, 0.05) is None
    result = compare_normal("test", ArmEstimate(0.5, 0.2, 50), ArmEstimate(1.0, 0.1, 50), 0.05)
    assert result.relative_ci is None
    assert "Fieller interval unbounded" in result.explanation
    assert result.relative_lift == pytest.approx(1.0)
    assert result.absolute_ci is not None  # the absolute interval is then the one shown


def test_agrees_with_delta_method_when_control_is_precise() -> None:
    result = compare_normal(
        "test", ArmEstimate(100.0, 0.01, 10_000), ArmEstimate(103.0, 0.01, 10_000), 0.05
    )
    z = sps.norm.ppf(0.975)
    delta_se = math.sqrt(0.01 / 100**2 + 1.03**2 * 0.01 / 100**2)
    assert result.relative_ci == pytest.approx((0.03 - z * delta_se, 0.03 + z * delta_se), abs=1e-5)


@pytest.mark.parametrize("df", [None, 12.5])
def test_critical_value_is_the_absolute_tests(df: float | None) -> None:
    """With Welch df the relative interval inverts the t-test: endpoints solved numerically."""
    c, vc, t, vt = 10.0, 0.8, 12.0, 0.9
    result = compare_normal("test", ArmEstimate(c, vc, 40), ArmEstimate(t, vt, 40), 0.05, df=df)
    k = sps.norm.ppf(0.975) if df is None else sps.t.ppf(0.975, df)
    est = t / c
    ref_lo = optimize.brentq(rejects, est - 100, est, args=(c, vc, t, vt, k), xtol=1e-14)
    ref_hi = optimize.brentq(rejects, est, est + 100, args=(c, vc, t, vt, k), xtol=1e-14)
    assert result.relative_ci == pytest.approx((ref_lo - 1, ref_hi - 1), rel=1e-9)


def test_coverage_by_simulation_where_delta_struggles() -> None:
    """Noisy control (g ~ 0.15): Fieller covers the true ratio about 95 % of the time."""
    rng = np.random.default_rng(8)
    c_true, t_true, sd = 1.0, 1.2, 0.2
    hits = total = 0
    for _ in range(4000):
        c, t = rng.normal(c_true, sd), rng.normal(t_true, sd)
        interval = fieller_ratio_interval(c, sd**2, t, sd**2, 0.05)
        if interval is None:
            continue
        total += 1
        hits += interval[0] <= t_true / c_true <= interval[1]
    assert math.isclose(hits / total, 0.95, abs_tol=0.015)
