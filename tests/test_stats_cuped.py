"""CUPED against a brute-force per-unit adjustment, and by simulation."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats as sps

from personalroi.stats.cuped import compare_cuped, cuped_theta
from personalroi.stats.mean import compare_means
from personalroi.stats.sufficient import JointStats, SampleStats


def joint(x: np.ndarray, y: np.ndarray) -> JointStats:
    return JointStats(
        int(x.size),
        float(x.sum()),
        float(x @ x),
        float(y.sum()),
        float(y @ y),
        float(x @ y),
    )


def test_matches_brute_force_adjustment() -> None:
    rng = np.random.default_rng(1)
    yc, yt = rng.gamma(2, 10, 800), rng.gamma(2, 10, 900)
    xc = 5 + 0.8 * yc + rng.normal(0, 6, 800)
    xt = 6 + 0.8 * yt + rng.normal(0, 6, 900)
    result = compare_cuped(joint(xc, yc), joint(xt, yt), 0.05)

    # Reference: adjust each unit, then an unpooled z-test on the adjusted values.
    x_all, y_all = np.concatenate([xc, xt]), np.concatenate([yc, yt])
    theta = np.cov(x_all, y_all, ddof=1)[0, 1] / np.var(y_all, ddof=1)
    assert cuped_theta(joint(xc, yc), joint(xt, yt)) == pytest.approx(theta, rel=1e-9)
    ac, at = xc - theta * (yc - y_all.mean()), xt - theta * (yt - y_all.mean())
    diff = at.mean() - ac.mean()
    se = np.sqrt(ac.var(ddof=1) / ac.size + at.var(ddof=1) / at.size)
    assert result.absolute_lift == pytest.approx(diff, rel=1e-9)
    assert result.absolute_se == pytest.approx(se, rel=1e-9)
    assert result.p_value == pytest.approx(2 * sps.norm.sf(abs(diff) / se), rel=1e-9)
    assert result.control_value == pytest.approx(ac.mean(), rel=1e-9)
    raw_var = xc.var(ddof=1) / xc.size + xt.var(ddof=1) / xt.size
    assert result.variance_reduction == pytest.approx(1 - se**2 / raw_var, rel=1e-9)


def test_reduction_is_about_rho_squared_and_zero_without_correlation() -> None:
    rng = np.random.default_rng(2)
    n = 20_000
    y = rng.normal(size=(2, n))
    x = 0.6 * y + 0.8 * rng.normal(size=(2, n))  # corr(x, y) = 0.6
    correlated = compare_cuped(joint(x[0], y[0]), joint(x[1], y[1]), 0.05)
    assert correlated.variance_reduction == pytest.approx(0.36, abs=0.02)
    noise = rng.normal(size=(2, n))
    unrelated = compare_cuped(joint(x[0], noise[0]), joint(x[1], noise[1]), 0.05)
    assert unrelated.variance_reduction == pytest.approx(0.0, abs=0.002)


def test_constant_covariate_falls_back_to_unadjusted() -> None:
    rng = np.random.default_rng(3)
    xc, xt = rng.normal(size=300), rng.normal(size=300)
    zeros = np.zeros(300)
    result = compare_cuped(joint(xc, zeros), joint(xt, zeros), 0.05)
    welch = compare_means(
        SampleStats(300, xc.sum(), xc @ xc), SampleStats(300, xt.sum(), xt @ xt), 0.05
    )
    assert result.absolute_lift == pytest.approx(welch.absolute_lift, rel=1e-12)
    assert result.absolute_se == pytest.approx(welch.absolute_se, rel=1e-12)
    assert result.variance_reduction == pytest.approx(0.0, abs=1e-12)


def test_empty_arm_is_degenerate() -> None:
    one = JointStats(1, 1.0, 1.0, 1.0, 1.0, 1.0)
    assert compare_cuped(one, one, 0.05).code == "empty_arm"


def test_coverage_kept_and_intervals_narrower_binary() -> None:
    """Seeded simulation with a known true lift: coverage stays near 95 %, CIs shrink."""
    rng = np.random.default_rng(4)
    n, sims, covered, ratio = 4000, 300, 0, []
    q = (0.08, 0.10)  # conversion chance without a pre-period conversion, per arm
    truth = 0.85 * (q[1] - q[0])  # 15 % converted before and convert again at 30 %
    for _ in range(sims):
        pre = rng.random((2, n)) < 0.15
        chance = np.where(pre, 0.3, np.array(q)[:, None])
        x = (rng.random((2, n)) < chance).astype(float)
        result = compare_cuped(joint(x[0], pre[0] * 1.0), joint(x[1], pre[1] * 1.0), 0.05)
        lo, hi = result.absolute_ci  # type: ignore[misc]
        covered += lo <= truth <= hi
        ratio.append(1 - result.variance_reduction)  # type: ignore[operator]
    assert 0.92 <= covered / sims <= 0.98
    assert np.mean(ratio) < 0.97
