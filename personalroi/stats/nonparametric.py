"""Per-unit methods for heavy-tailed metrics: Mann-Whitney U and the bootstrap.

These are the only tests that need per-unit values rather than sufficient
statistics; the data layer hands them one numpy array per arm.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from personalroi.stats.comparison import Comparison
from personalroi.stats.mean import compare_means
from personalroi.stats.sufficient import SampleStats

BOOTSTRAP_RESAMPLES = 2000


def sample_stats(values: np.ndarray) -> SampleStats:
    return SampleStats(int(values.size), float(values.sum()), float(np.dot(values, values)))


def compare_mann_whitney(control: np.ndarray, treatment: np.ndarray, alpha: float) -> Comparison:
    """p-value from the two-sided Mann-Whitney U test; lift and CIs from Welch."""
    welch = compare_means(sample_stats(control), sample_stats(treatment), alpha)
    method = "Mann-Whitney U (p-value); Welch (lift CI)"
    if not welch.ok:
        return replace(welch, method=method)
    from scipy import stats as sps  # only here: scipy.stats is slow to import

    p_value = float(sps.mannwhitneyu(treatment, control, alternative="two-sided").pvalue)
    return replace(welch, method=method, p_value=p_value)


def compare_bootstrap(
    control: np.ndarray,
    treatment: np.ndarray,
    alpha: float,
    seed: int,
    resamples: int = BOOTSTRAP_RESAMPLES,
) -> Comparison:
    """Percentile bootstrap of the difference and ratio of means, resampling units per arm.

    The p-value is the two-sided bootstrap p: twice the smaller tail share of
    resampled differences on either side of 0 (floored at 1/resamples).
    """
    welch = compare_means(sample_stats(control), sample_stats(treatment), alpha)
    method = f"bootstrap ({resamples} resamples, percentile CI, seed {seed})"
    if not welch.ok:
        return replace(welch, method=method)
    rng = np.random.default_rng(seed)
    boot_c = _resampled_means(control, resamples, rng)
    boot_t = _resampled_means(treatment, resamples, rng)
    diff = boot_t - boot_c
    lo, hi = np.quantile(diff, [alpha / 2, 1 - alpha / 2])
    tail = min(float(np.mean(diff <= 0)), float(np.mean(diff >= 0)))
    p_value = min(1.0, max(2 * tail, 1 / resamples))
    result = replace(
        welch,
        method=method,
        absolute_ci=(float(lo), float(hi)),
        absolute_se=float(np.std(diff, ddof=1)),
        p_value=p_value,
    )
    if welch.relative_lift is None or np.any(boot_c == 0):
        return result
    rel = boot_t / boot_c - 1
    rlo, rhi = np.quantile(rel, [alpha / 2, 1 - alpha / 2])
    return replace(
        result, relative_ci=(float(rlo), float(rhi)), relative_se=float(np.std(rel, ddof=1))
    )


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
