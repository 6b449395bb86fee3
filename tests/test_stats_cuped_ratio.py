"""CUPED for ratio metrics: per-unit linearization (numpy, statsmodels OLS), simulation."""

from __future__ import annotations

import numpy as np
import pytest
import statsmodels.api as sm
from scipy import stats as sps

from personalroi.stats.cuped_ratio import compare_ratio_cuped
from personalroi.stats.ratio import compare_ratios
from personalroi.stats.sufficient import JointStats, RatioCovariateStats

Arm = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def stats_of(x: np.ndarray, y: np.ndarray, px: np.ndarray, py: np.ndarray) -> RatioCovariateStats:
    return RatioCovariateStats(
        int(x.size),
        *(float(v) for v in (x.sum(), x @ x, y.sum(), y @ y, x @ y)),
        *(float(v) for v in (px.sum(), px @ px, py.sum(), py @ py, px @ py)),
        *(float(v) for v in (x @ px, x @ py, y @ px, y @ py)),
    )


def simulate(rng: np.random.Generator, n: int, lift: float = 0.0, rho: float = 1.0) -> Arm:
    """Orders and revenue per unit, pre and post, sharing a per-unit propensity and basket size."""
    propensity = rng.gamma(1.5, 1.0, n)
    basket = rng.lognormal(3.5, 0.5, n)
    py = rng.poisson(propensity)
    px = py * basket * rng.lognormal(0, 0.3, n)
    y = rng.poisson(propensity)
    keep = rho * basket + (1 - rho) * rng.lognormal(3.5, 0.5, n)
    x = y * keep * (1 + lift) * rng.lognormal(0, 0.3, n)
    return x, y.astype(float), px, py.astype(float)


def linearized(arm: Arm) -> tuple[np.ndarray, np.ndarray]:
    """Per-unit delta-method linearizations of the post- and the pre-period ratio."""
    x, y, px, py = arm
    r, rp = x.sum() / y.sum(), px.sum() / py.sum()
    return (x - r * y) / y.mean(), (px - rp * py) / py.mean()


def reference(c: Arm, t: Arm, theta: float) -> tuple[float, float, float, float]:
    """Adjusted lift, its SE, the variance reduction and the t-test's df, from per-unit values.

    The df are Welch-Satterthwaite's with (sum y)^2 / sum y^2 - 1 per arm: the units
    carrying the denominator, as for the unadjusted ratio.
    """
    center = (c[2].sum() + t[2].sum()) / (c[3].sum() + t[3].sum())
    values, variances, raw = [], [], []
    for arm in (c, t):
        lin, pre = linearized(arm)
        r, rp = arm[0].sum() / arm[1].sum(), arm[2].sum() / arm[3].sum()
        values.append(r - theta * (rp - center))
        variances.append(np.var(lin - theta * pre, ddof=1) / lin.size)
        raw.append(np.var(lin, ddof=1) / lin.size)
    se = float(np.sqrt(sum(variances)))
    dfs = [arm[1].sum() ** 2 / (arm[1] ** 2).sum() - 1 for arm in (c, t)]
    df = sum(variances) ** 2 / sum(v * v / d for v, d in zip(variances, dfs, strict=True))
    return values[1] - values[0], se, 1 - sum(variances) / sum(raw), float(df)


def test_theta_is_the_ols_slope_with_arm_effects_for_equal_arms() -> None:
    rng = np.random.default_rng(11)
    c, t = simulate(rng, 3000), simulate(rng, 3000, lift=0.05)
    result = compare_ratio_cuped(stats_of(*c), stats_of(*t), 0.05)
    (lc, pc), (lt, pt) = linearized(c), linearized(t)
    arm = np.r_[np.zeros(lc.size), np.ones(lt.size)]
    design = sm.add_constant(np.column_stack([np.r_[pc, pt], arm]))
    theta = sm.OLS(np.r_[lc, lt], design).fit().params[1]
    lift, se, reduction, df = reference(c, t, theta)
    assert result.absolute_lift == pytest.approx(lift, rel=1e-9)
    assert result.absolute_se == pytest.approx(se, rel=1e-9)
    assert result.variance_reduction == pytest.approx(reduction, rel=1e-9)
    assert result.p_value == pytest.approx(2 * sps.t.sf(abs(lift) / se, df), rel=1e-9)
    assert result.variance_reduction > 0.2


def test_unequal_arms_use_the_variance_minimizing_theta() -> None:
    rng = np.random.default_rng(12)
    c, t = simulate(rng, 1500), simulate(rng, 4000, lift=0.1)
    (lc, pc), (lt, pt) = linearized(c), linearized(t)
    cov = np.cov(lc, pc)[0, 1] / lc.size + np.cov(lt, pt)[0, 1] / lt.size
    theta = cov / (np.var(pc, ddof=1) / pc.size + np.var(pt, ddof=1) / pt.size)
    result = compare_ratio_cuped(stats_of(*c), stats_of(*t), 0.05)
    lift, se, reduction, _ = reference(c, t, theta)
    assert result.absolute_lift == pytest.approx(lift, rel=1e-9)
    assert result.absolute_se == pytest.approx(se, rel=1e-9)
    assert result.variance_reduction == pytest.approx(reduction, rel=1e-9)
    # The unadjusted values are the delta method's.
    plain = compare_ratios(stats_of(*c), stats_of(*t), 0.05)
    assert plain.absolute_se is not None and result.absolute_se < plain.absolute_se


def test_single_pre_period_column_is_the_ratio_over_one() -> None:
    """covariates: {aov: pre_revenue}: P = z - mean(z), the plain CUPED regressor."""
    rng = np.random.default_rng(13)
    c, t = simulate(rng, 2000), simulate(rng, 2000, lift=0.05)
    c1 = (c[0], c[1], c[2], np.ones(c[0].size))
    t1 = (t[0], t[1], t[2], np.ones(t[0].size))
    (lc, pc), (lt, pt) = linearized(c1), linearized(t1)
    assert pc == pytest.approx(c[2] - c[2].mean())
    design = sm.add_constant(np.column_stack([np.r_[pc, pt], np.r_[np.zeros(2000), np.ones(2000)]]))
    theta = sm.OLS(np.r_[lc, lt], design).fit().params[1]
    result = compare_ratio_cuped(stats_of(*c1), stats_of(*t1), 0.05)
    lift, se, _, _ = reference(c1, t1, theta)
    assert result.absolute_lift == pytest.approx(lift, rel=1e-9)
    assert result.absolute_se == pytest.approx(se, rel=1e-9)


def test_no_pre_period_denominator_falls_back_to_the_delta_method() -> None:
    rng = np.random.default_rng(14)
    c, t = simulate(rng, 500), simulate(rng, 500)
    zero = np.zeros(500)
    result = compare_ratio_cuped(stats_of(c[0], c[1], zero, zero), stats_of(*t), 0.05)
    plain = compare_ratios(stats_of(*c), stats_of(*t), 0.05)
    assert result.absolute_lift == plain.absolute_lift
    assert result.absolute_se == plain.absolute_se
    assert result.variance_reduction == 0.0


def test_degenerate_arm_keeps_its_code() -> None:
    one = stats_of(*(np.ones(1),) * 4)
    assert compare_ratio_cuped(one, one, 0.05).code == "empty_arm"


def test_stats_add_like_pooled_rows_and_stay_ratio_stats() -> None:
    rng = np.random.default_rng(15)
    a, b = simulate(rng, 100), simulate(rng, 150)
    both = tuple(np.r_[u, v] for u, v in zip(a, b, strict=True))
    pooled = stats_of(*a) + stats_of(*b)
    assert isinstance(pooled, RatioCovariateStats)
    expected = stats_of(*both)
    for field in expected.__dataclass_fields__:
        assert getattr(pooled, field) == pytest.approx(getattr(expected, field), rel=1e-12)
    assert isinstance(pooled, JointStats) and pooled.pre.n == 250


def _coverage(sims: int, n: int, seed: int) -> tuple[float, float]:
    """Share of CUPED intervals covering the true relative lift, and mean width ratio."""
    rng = np.random.default_rng(seed)
    lift, covered, widths = 0.05, 0, []
    for _ in range(sims):
        c, t = simulate(rng, n), simulate(rng, n, lift=lift)
        adjusted = compare_ratio_cuped(stats_of(*c), stats_of(*t), 0.05)
        plain = compare_ratios(stats_of(*c), stats_of(*t), 0.05)
        assert adjusted.relative_ci is not None and plain.relative_ci is not None
        low, high = adjusted.relative_ci
        covered += low <= lift <= high
        widths.append((high - low) / (plain.relative_ci[1] - plain.relative_ci[0]))
    return covered / sims, float(np.mean(widths))


def test_coverage_of_a_known_lift_and_narrower_intervals_fast() -> None:
    coverage, width = _coverage(300, 2000, seed=16)
    assert 0.92 <= coverage <= 0.98
    assert width < 0.9


@pytest.mark.slow
def test_coverage_of_a_known_lift_slow() -> None:
    coverage, width = _coverage(4000, 3000, seed=17)
    print(f"ratio CUPED coverage {coverage:.4f}, CI width vs delta method {width:.3f}")
    assert 0.94 <= coverage <= 0.96
    assert width < 0.9
