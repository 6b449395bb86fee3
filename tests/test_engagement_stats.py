"""Engagement statistics against independent references: scipy and hand-worked examples."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from personalroi.engagement.aggregates import GroupSums, WindowCell
from personalroi.engagement.bounce_ctr import bounce_rows, click_rows
from personalroi.engagement.time_pages import best_windows
from personalroi.stats.association import chi_square_independence, pearson, wilson_interval
from personalroi.stats.sufficient import JointStats


def joint(x: np.ndarray, y: np.ndarray) -> JointStats:
    return JointStats(
        len(x), x.sum(), (x * x).sum(), y.sum(), (y * y).sum(), (x * y).sum()
    )  # fmt: skip


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_pearson_matches_scipy(seed: int) -> None:
    rng = np.random.default_rng(seed)
    time = rng.lognormal(5, 1, 500)
    converted = (rng.random(500) < 0.02 + time / time.max() * 0.3).astype(float)
    ours = pearson(joint(time, converted), alpha=0.05)
    ref = stats.pearsonr(time, converted)
    ci = ref.confidence_interval(0.95)
    assert ours is not None
    assert ours.r == pytest.approx(ref.statistic, abs=1e-9)
    assert ours.p_value == pytest.approx(ref.pvalue, rel=1e-7)
    assert ours.ci == pytest.approx((ci.low, ci.high), abs=1e-9)


def test_pearson_degenerate_cases_are_none() -> None:
    assert pearson(joint(np.ones(10), np.arange(10.0)), 0.05) is None  # constant x
    assert pearson(joint(np.arange(3.0), np.arange(3.0)), 0.05) is None  # n < 4


@pytest.mark.parametrize(("k", "n"), [(0, 20), (3, 40), (17, 60), (60, 60)])
def test_wilson_matches_scipy(k: int, n: int) -> None:
    ci = stats.binomtest(k, n).proportion_ci(0.95, method="wilson")
    assert wilson_interval(k, n, 0.05) == pytest.approx((ci.low, ci.high), abs=1e-12)
    assert wilson_interval(0, 0, 0.05) is None


def test_chi_square_matches_scipy_and_drops_empty_rows_and_columns() -> None:
    table = [[120, 40, 33, 9], [100, 52, 41, 18], [80, 30, 30, 12]]
    ref = stats.chi2_contingency(np.array(table), correction=False)
    ours = chi_square_independence(table)
    assert ours is not None
    assert ours.statistic == pytest.approx(ref.statistic, rel=1e-12)
    assert ours.df == ref.dof
    assert ours.p_value == pytest.approx(ref.pvalue, rel=1e-9)
    padded = chi_square_independence([[120, 0, 40], [0, 0, 0], [100, 0, 52]])
    two = stats.chi2_contingency(np.array([[120, 40], [100, 52]]), correction=False)
    assert padded is not None and padded.statistic == pytest.approx(two.statistic)
    assert chi_square_independence([[5, 0], [7, 0]]) is None


def group(arm: str, bounces: list[int], sessions: list[int], orders: int, revenue: float,
          segment: str | None = None) -> GroupSums:  # fmt: skip
    b, s = np.array(bounces, float), np.array(sessions, float)
    zero = JointStats(len(b), 0, 0, 0, 0, 0)
    counts = dict.fromkeys(("with_sessions", "conversions", "seen", "seen_converted"), 0)
    counts.update(dict.fromkeys(("clicked", "clicked_converted"), 0))
    counts.update({f"pages_{i}": 0 for i in range(4)})
    counts.update(units=len(b), orders=orders)
    return GroupSums(arm, segment, counts, revenue, zero, joint(b, s), zero, zero, zero)


def test_bounce_value_worked_by_hand() -> None:
    # Control: 4 visitors, 10 sessions, 5 bounced -> rate 0.5; 5 engaged sessions, 2 orders
    # worth 150 -> conversion of engaged sessions 0.4, AOV 75, value per engaged session 30.
    # Treatment: 4 visitors, 12 sessions, 3 bounced -> rate 0.25; 3 sessions per visitor.
    # Prevented per visitor = (0.5 - 0.25) x 3 = 0.75; x 1,000 visitors a month = 750;
    # worth 750 x 30 = 22,500 a month.
    control = group("c", [1, 2, 1, 1], [2, 3, 2, 3], orders=2, revenue=150.0)
    treated = group("t", [1, 0, 1, 1], [3, 3, 3, 3], orders=3, revenue=200.0)
    groups = {("c", None): control, ("t", None): treated}
    (row,) = bounce_rows(groups, "c", ["t"], [None], 0.05, 1000.0, has_value=True)
    assert row.control_value == pytest.approx(0.5)
    assert row.treatment_value == pytest.approx(0.25)
    assert row.conversion_rate_engaged == pytest.approx(0.4)
    assert row.aov == pytest.approx(75.0)
    assert row.prevented_per_month == pytest.approx(750.0)
    assert row.value_per_month == pytest.approx(22_500.0)
    assert row.value_per_month_ci is not None and row.absolute_ci is not None
    low, high = row.value_per_month_ci
    lift_low, lift_high = row.absolute_ci
    assert (low, high) == pytest.approx((-lift_high * 3 * 1000 * 30, -lift_low * 3 * 1000 * 30))
    (no_money,) = bounce_rows(groups, "c", ["t"], [None], 0.05, 0.0, has_value=True)
    assert no_money.value_per_month is None and no_money.prevented_per_unit == 0.75
    # Without engagement.value the money fields are there, and null.
    (plain,) = bounce_rows(groups, "c", ["t"], [None], 0.05, 1000.0, has_value=False)
    assert (plain.aov, plain.value_per_engaged_session, plain.value_per_month) == (None,) * 3


def test_clicks_to_conversion_is_a_two_proportion_test_of_clickers() -> None:
    g = group("t", [0, 0], [1, 1], orders=0, revenue=0.0)
    g.counts.update(seen=1000, seen_converted=80, clicked=200, clicked_converted=40)
    (row,) = click_rows({("t", None): g}, ["t"], [None], 0.05)
    # clicked 40/200 = 0.2 vs saw-not-clicked 40/800 = 0.05
    assert row.treatment_value == pytest.approx(0.2)
    assert row.control_value == pytest.approx(0.05)
    # Unpooled (Wald) SE, as the interval uses: p and interval agree.
    z = 0.15 / np.sqrt(0.2 * 0.8 / 200 + 0.05 * 0.95 / 800)
    assert row.p_value == pytest.approx(2 * stats.norm.sf(z), rel=1e-9)
    assert row.observational is True


def test_best_window_pools_arms_and_needs_enough_units() -> None:
    edges = (0.0, 10.0, 20.0, 30.0)
    cells = [
        WindowCell("a", "new", 0, 100, 2), WindowCell("b", "new", 0, 100, 4),
        WindowCell("a", "new", 1, 100, 10), WindowCell("b", "new", 1, 100, 12),
        WindowCell("a", "new", 2, 10, 9), WindowCell("b", "new", 2, 10, 1),
    ]  # fmt: skip
    (seg,) = best_windows(cells, edges, ["a", "b"], 0.05)
    assert [w.units for w in seg.windows] == [200, 200, 20]
    assert seg.best_window == 1  # window 2 has the top rate but only 20 units
    ref = stats.chi2_contingency(np.array([[6, 194], [22, 178], [10, 10]]), correction=False)
    assert seg.chi2 == pytest.approx(ref.statistic) and seg.df == 2
    assert [a.best_window for a in seg.by_arm] == [1, 1]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 5000), st.booleans()), min_size=5, max_size=60),
    st.sampled_from([0.01, 0.05, 0.2]),
)
def test_correlation_properties(rows: list[tuple[int, bool]], alpha: float) -> None:
    """The interval holds r; swapping the two values or flipping conversion keeps |r|."""
    x = np.array([float(r[0]) for r in rows])
    y = np.array([float(r[1]) for r in rows])
    ours = pearson(joint(x, y), alpha)
    if ours is None:
        return
    assert ours.ci[0] <= ours.r <= ours.ci[1]
    assert 0.0 <= ours.p_value <= 1.0
    swapped = pearson(joint(y, x), alpha)
    flipped = pearson(joint(x, 1.0 - y), alpha)
    assert swapped is not None and swapped.r == pytest.approx(ours.r, abs=1e-9)
    assert flipped is not None and flipped.r == pytest.approx(-ours.r, abs=1e-9)


@given(st.integers(0, 500), st.integers(1, 500))
def test_wilson_interval_holds_the_proportion(k: int, n: int) -> None:
    k = min(k, n)
    low, high = wilson_interval(k, n, 0.05) or (None, None)
    assert low is not None and high is not None
    assert 0.0 <= low <= k / n + 1e-12 and k / n - 1e-12 <= high <= 1.0
