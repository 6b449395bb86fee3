"""Every test statistic against an independent reference (scipy, statsmodels, closed form)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats as sps
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import confint_proportions_2indep
from statsmodels.stats.proportion import test_proportions_2indep as wald_2indep

from personalroi.stats.binary import compare_proportions
from personalroi.stats.correction import adjust
from personalroi.stats.mean import compare_means
from personalroi.stats.nonparametric import compare_bootstrap, compare_mann_whitney, sample_stats
from personalroi.stats.nps import compare_nps
from personalroi.stats.ratio import compare_ratios
from personalroi.stats.srm import srm_test
from personalroi.stats.sufficient import JointStats, SampleStats

TOL = 1e-9


def joint(x: np.ndarray, y: np.ndarray) -> JointStats:
    return JointStats(len(x), x.sum(), (x * x).sum(), y.sum(), (y * y).sum(), (x * y).sum())


@pytest.mark.parametrize("seed", range(5))
def test_welch_matches_scipy(seed: int) -> None:
    rng = np.random.default_rng(seed)
    c = rng.lognormal(3, 1, 400) * (rng.random(400) < 0.2)
    t = rng.lognormal(3.1, 1, 350) * (rng.random(350) < 0.22)
    ours = compare_means(sample_stats(c), sample_stats(t), alpha=0.05)
    ref = sps.ttest_ind(t, c, equal_var=False)
    ci = ref.confidence_interval(0.95)
    assert ours.p_value == pytest.approx(ref.pvalue, abs=TOL)
    assert ours.absolute_ci == pytest.approx((ci.low, ci.high), abs=TOL)
    assert ours.absolute_lift == pytest.approx(t.mean() - c.mean(), abs=TOL)


@pytest.mark.parametrize(("xc", "nc", "xt", "nt"), [(310, 10012, 352, 9987), (5, 40, 12, 41)])
def test_two_proportions_match_statsmodels(xc: int, nc: int, xt: int, nt: int) -> None:
    ours = compare_proportions(SampleStats(nc, xc, xc), SampleStats(nt, xt, xt), alpha=0.05)
    # Unpooled (Wald) SE for the p-value too, so that it agrees with the Wald interval.
    p_unpooled = wald_2indep(xt, nt, xc, nc, method="wald", compare="diff").pvalue
    low, high = confint_proportions_2indep(xt, nt, xc, nc, method="wald", compare="diff")
    assert ours.p_value == pytest.approx(p_unpooled, abs=TOL)
    assert ours.absolute_ci == pytest.approx((low, high), abs=TOL)


def test_ratio_delta_method_matches_hand_reference() -> None:
    rng = np.random.default_rng(3)
    orders_c = rng.poisson(0.3, 5000)
    orders_t = rng.poisson(0.33, 5000)
    amount_c = orders_c * rng.lognormal(4, 0.5, 5000)
    amount_t = orders_t * rng.lognormal(4.05, 0.5, 5000)
    ours = compare_ratios(joint(amount_c, orders_c), joint(amount_t, orders_t), alpha=0.05)

    def delta_var(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
        n = len(x)
        r = x.sum() / y.sum()
        cov = np.cov(x, y, ddof=1)
        grad = np.array([1 / y.mean(), -x.mean() / y.mean() ** 2])
        return r, float(grad @ cov @ grad) / n

    rc, vc = delta_var(amount_c, orders_c)
    rt, vt = delta_var(amount_t, orders_t)
    # Student t, Welch-Satterthwaite df with (units carrying the denominator - 1) per arm.
    kc = orders_c.sum() ** 2 / (orders_c**2).sum()
    kt = orders_t.sum() ** 2 / (orders_t**2).sum()
    df = (vc + vt) ** 2 / (vc**2 / (kc - 1) + vt**2 / (kt - 1))
    t_stat = (rt - rc) / math.sqrt(vc + vt)
    assert ours.control_value == pytest.approx(rc, rel=TOL)
    assert ours.p_value == pytest.approx(2 * sps.t.sf(abs(t_stat), df), abs=TOL)
    crit = sps.t.ppf(0.975, df)
    half = crit * math.sqrt(vc + vt)
    assert ours.absolute_ci == pytest.approx((rt - rc - half, rt - rc + half), abs=TOL)
    rel_se = math.sqrt(vt / rc**2 + rt**2 * vc / rc**4)
    assert ours.relative_se == pytest.approx(rel_se, rel=TOL)
    # Relative CI: Fieller, the closed-form roots of (rt - q rc)^2 = crit^2 (vt + q^2 vc).
    a, b, cc = rc**2 - crit**2 * vc, -2 * rt * rc, rt**2 - crit**2 * vt
    roots = sorted(np.roots([a, b, cc]).real)
    assert ours.relative_ci == pytest.approx((roots[0] - 1, roots[1] - 1), abs=TOL)


def test_ratio_df_counts_the_units_with_a_denominator() -> None:
    """One order per buyer: Welch-Satterthwaite df with each arm's buyers - 1, whatever n is."""
    rng = np.random.default_rng(4)
    buyers_c, buyers_t, n = 40, 55, 4000
    orders_c = np.r_[np.ones(buyers_c), np.zeros(n - buyers_c)]
    orders_t = np.r_[np.ones(buyers_t), np.zeros(n - buyers_t)]
    amount_c = orders_c * rng.lognormal(3.5, 0.8, n)
    amount_t = orders_t * rng.lognormal(3.5, 0.8, n)
    ours = compare_ratios(joint(amount_c, orders_c), joint(amount_t, orders_t), alpha=0.05)

    # Among buyers the ratio is their mean order value; the delta-method variance of
    # it is sum((x - mean)^2) / B^2 * n / (n - 1), computed here from the buyers alone.
    def buyers_only(x: np.ndarray) -> tuple[float, float, int]:
        b = x[x > 0]
        return float(b.mean()), float(((b - b.mean()) ** 2).sum()) / b.size**2 * n / (n - 1), b.size

    mc, vc, bc = buyers_only(amount_c)
    mt, vt, bt = buyers_only(amount_t)
    df = (vc + vt) ** 2 / (vc**2 / (bc - 1) + vt**2 / (bt - 1))
    t_stat = (mt - mc) / math.sqrt(vc + vt)
    assert ours.p_value == pytest.approx(2 * sps.t.sf(abs(t_stat), df), abs=TOL)
    half = sps.t.ppf(0.975, df) * math.sqrt(vc + vt)
    assert ours.absolute_ci == pytest.approx((mt - mc - half, mt - mc + half), abs=TOL)


def test_nps_multinomial_variance() -> None:
    # 50 promoters, 20 detractors, 30 passives vs 40 / 30 / 30.
    def stats(pro: int, det: int, n: int) -> SampleStats:
        return SampleStats(n, pro - det, pro + det)

    ours = compare_nps(stats(50, 20, 100), stats(40, 30, 100), alpha=0.05)
    var_c = (0.5 + 0.2 - 0.3**2) / 100 * 100**2
    var_t = (0.4 + 0.3 - 0.1**2) / 100 * 100**2
    assert ours.control_value == pytest.approx(30.0)
    assert ours.treatment_value == pytest.approx(10.0)
    z = -20 / math.sqrt(var_c + var_t)
    assert ours.p_value == pytest.approx(2 * sps.norm.sf(abs(z)), abs=TOL)


@pytest.mark.parametrize("method,sm", [("holm", "holm"), ("bh", "fdr_bh")])
def test_corrections_match_statsmodels(method: str, sm: str) -> None:
    p = list(np.random.default_rng(1).random(17) ** 3)
    ours = adjust(p, method)  # type: ignore[arg-type]
    ref = multipletests(p, method=sm)[1]
    assert ours == pytest.approx(list(ref), abs=TOL)


def test_correction_skips_untestable_metrics() -> None:
    assert adjust([0.01, None, 0.04], "holm") == [pytest.approx(0.02), None, pytest.approx(0.04)]


def test_srm_matches_scipy_chisquare() -> None:
    observed = {"generic": 10012, "subtle": 9600, "extreme": 9987}
    share = {"generic": 0.34, "subtle": 0.33, "extreme": 0.33}
    ours = srm_test(observed, share)
    n = sum(observed.values())
    ref = sps.chisquare(list(observed.values()), [n * s for s in share.values()])
    assert ours.p_value == pytest.approx(ref.pvalue, abs=TOL)
    assert ours.ok == (ref.pvalue >= 0.001)


def test_mann_whitney_matches_scipy() -> None:
    rng = np.random.default_rng(5)
    c, t = rng.exponential(1, 300), rng.exponential(1.2, 280)
    ours = compare_mann_whitney(c, t, 0.05)
    ref = sps.mannwhitneyu(t, c, method="asymptotic")
    assert ours.p_value == pytest.approx(ref.pvalue, abs=TOL)
    assert "Mann-Whitney" in ours.method
    # The interval is the set of shifts d where scipy's test of (t - d, c) does not reject,
    # with the null SD held at d = 0 (no ties here, so it is scipy's SD at every d).
    assert ours.absolute_ci is not None and ours.relative_ci is None
    lo, hi = ours.absolute_ci
    for d, inside in [(lo, True), (hi, True), (lo - 1e-9, False), (hi + 1e-9, False)]:
        assert (sps.mannwhitneyu(t - d, c, method="asymptotic").pvalue >= 0.05) == inside


def test_bootstrap_is_seeded_and_close_to_welch() -> None:
    rng = np.random.default_rng(9)
    c, t = rng.normal(10, 2, 500), rng.normal(10.5, 2, 500)
    first = compare_bootstrap(c, t, 0.05, seed=1)
    assert first == compare_bootstrap(c, t, 0.05, seed=1)
    welch = compare_means(sample_stats(c), sample_stats(t), 0.05)
    assert first.absolute_ci is not None and welch.absolute_ci is not None
    # Percentile bootstrap of a mean difference agrees with Welch for normal data.
    assert first.absolute_ci == pytest.approx(welch.absolute_ci, abs=0.05)
    # The ends are the 50th smallest and largest resampled differences (2000 resamples):
    # within one step of numpy's alpha/2 quantile.
    rng = np.random.default_rng(1)
    means = [
        np.array([v[rng.integers(0, v.size, v.size)].mean() for _ in range(2000)]) for v in (c, t)
    ]
    diff = np.sort(means[1] - means[0])
    assert first.absolute_ci == pytest.approx((diff[49], diff[1950]), abs=TOL)


def test_degenerate_cases_are_results_not_errors() -> None:
    zero = SampleStats(100, 0, 0)
    assert compare_proportions(zero, zero, 0.05).code == "no_conversions"
    assert compare_means(SampleStats(50, 500, 5000), SampleStats(50, 500, 5000), 0.05).code == (
        "zero_variance"
    )
    assert compare_means(SampleStats(1, 1, 1), SampleStats(50, 5, 5), 0.05).code == "empty_arm"
    no_orders = JointStats(10, 0, 0, 0, 0, 0)
    assert compare_ratios(no_orders, no_orders, 0.05).code == "zero_denominator"


values = st.lists(st.floats(0, 1e4, allow_nan=False), min_size=3, max_size=60)


@settings(max_examples=60, deadline=None)
@given(values, values)
def test_ci_contains_estimate_and_swapping_arms_flips_sign(c: list[float], t: list[float]) -> None:
    a, b = sample_stats(np.array(c)), sample_stats(np.array(t))
    forward, backward = compare_means(a, b, 0.05), compare_means(b, a, 0.05)
    if not forward.ok:
        return
    assert forward.absolute_ci is not None and forward.absolute_lift is not None
    lo, hi = forward.absolute_ci
    assert lo - 1e-9 <= forward.absolute_lift <= hi + 1e-9
    assert backward.absolute_lift == pytest.approx(-forward.absolute_lift, abs=1e-9)
    assert backward.p_value == pytest.approx(forward.p_value, abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(values, values)
def test_pooling_strata_equals_pooling_rows(a: list[float], b: list[float]) -> None:
    pooled = sample_stats(np.array(a)) + sample_stats(np.array(b))
    direct = sample_stats(np.array(a + b))
    assert pooled.n == direct.n
    assert pooled.sum == pytest.approx(direct.sum)
    assert pooled.variance == pytest.approx(direct.variance, rel=1e-6, abs=1e-6)
