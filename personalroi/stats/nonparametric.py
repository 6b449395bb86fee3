"""Per-unit methods for heavy-tailed metrics: Mann-Whitney U and the bootstrap.

These are the only tests that need per-unit values rather than sufficient
statistics; the data layer hands them one numpy array per arm.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np

from personalroi.stats.comparison import Comparison
from personalroi.stats.mann_whitney import rank_test, shift_interval
from personalroi.stats.mean import compare_means
from personalroi.stats.sufficient import SampleStats

BOOTSTRAP_RESAMPLES = 2000


def sample_stats(values: np.ndarray) -> SampleStats:
    return SampleStats(int(values.size), float(values.sum()), float(np.dot(values, values)))


def compare_mann_whitney(control: np.ndarray, treatment: np.ndarray, alpha: float) -> Comparison:
    """p from the two-sided Mann-Whitney U test; absolute CI inverted from that same test.

    The lifts (and their Welch SEs, for ROI and chance to beat control) are
    differences of means, which the rank test says nothing about, so the interval
    shown is the one for the shift the test itself measures; no relative interval.
    """
    welch = compare_means(sample_stats(control), sample_stats(treatment), alpha)
    method = (
        "difference of means, Welch SE: p from the Mann-Whitney U test (normal approximation, "
        "tie and continuity corrected); absolute CI: the location shifts that test does not "
        "reject (Hodges-Lehmann); no relative CI"
    )
    if not welch.ok:
        return replace(welch, method=method)
    test = rank_test(control, treatment)
    interval = shift_interval(test, alpha)
    note = "" if interval is not None else "the Mann-Whitney shift interval is unbounded or empty"
    return replace(
        welch,
        method=method,
        p_value=test.p(),
        absolute_ci=interval,
        relative_ci=None,
        explanation=note,
    )


def compare_bootstrap(
    control: np.ndarray,
    treatment: np.ndarray,
    alpha: float,
    seed: int,
    resamples: int = BOOTSTRAP_RESAMPLES,
) -> Comparison:
    """Percentile bootstrap of the difference and ratio of means, resampling units per arm.

    The p-value is twice the smaller share of resampled differences on either side
    of 0 (floored at 1/resamples); both intervals are order statistics of the same
    resamples chosen so that each excludes 0 exactly when p < alpha.
    """
    welch = compare_means(sample_stats(control), sample_stats(treatment), alpha)
    method = (
        f"difference of means, bootstrap SE ({resamples} resamples, seed {seed}): p twice the "
        "smaller share of resampled differences on either side of 0; absolute and relative CI "
        "percentile intervals of the same resamples at the matching order statistic"
    )
    if not welch.ok:
        return replace(welch, method=method)
    rng = np.random.default_rng(seed)
    boot_c = _resampled_means(control, resamples, rng)
    boot_t = _resampled_means(treatment, resamples, rng)
    diff = boot_t - boot_c
    result = replace(
        welch,
        method=method,
        absolute_ci=matching_percentile_interval(diff, alpha),
        absolute_se=float(np.std(diff, ddof=1)),
        p_value=bootstrap_p(diff),
        relative_ci=None,
    )
    if welch.relative_lift is None or not (np.all(boot_c > 0) or np.all(boot_c < 0)):
        return result
    # diff / c rather than t / c - 1: its sign is exactly the sign of diff (c of one
    # sign), so the relative interval excludes 0 exactly when the absolute one does.
    with np.errstate(over="ignore", invalid="ignore"):
        rel = diff / boot_c
        rel_se = float(np.std(rel, ddof=1))
    if not math.isfinite(rel_se):  # a control mean so near 0 that the ratios overflow
        return result
    return replace(result, relative_ci=matching_percentile_interval(rel, alpha), relative_se=rel_se)


def bootstrap_p(draws: np.ndarray) -> float:
    """Two-sided bootstrap p of "no difference", floored at 1 / resamples."""
    below = int(np.count_nonzero(draws <= 0))
    above = int(np.count_nonzero(draws >= 0))
    return _p_from_tail(min(below, above), draws.size)


def _p_from_tail(tail: int, resamples: int) -> float:
    return min(1.0, max(2 * tail / resamples, 1 / resamples))


def matching_percentile_interval(draws: np.ndarray, alpha: float) -> tuple[float, float] | None:
    """The percentile interval whose ends are the j-th smallest and largest draws.

    j is the largest tail count with a p-value still below alpha, so the lower end
    is > 0 exactly when fewer than j + 1 draws are <= 0, i.e. when p < alpha (and
    likewise above). Close to numpy's alpha/2 quantile, without its interpolation.
    None when p can never be below alpha (too few resamples).
    """
    size = draws.size
    j = -1
    while j + 1 <= size // 2 and _p_from_tail(j + 1, size) < alpha:
        j += 1
    if j < 0:
        return None
    ordered = np.sort(draws)
    return float(ordered[j]), float(ordered[size - 1 - j])


def _resampled_means(values: np.ndarray, resamples: int, rng: np.random.Generator) -> np.ndarray:
    """Means of `resamples` bootstrap samples, in chunks to bound memory."""
    n = values.size
    out = np.empty(resamples)
    chunk = max(1, min(resamples, 20_000_000 // max(n, 1)))
    for start in range(0, resamples, chunk):
        stop = min(resamples, start + chunk)
        idx = rng.integers(0, n, size=(stop - start, n))
        out[start:stop] = values[idx].mean(axis=1)
    return out
