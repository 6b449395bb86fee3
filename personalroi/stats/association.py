"""Association between per-unit values: Pearson correlation, Wilson intervals, chi-square.

Pure functions on sufficient statistics and small count tables; degenerate
inputs (too few units, a constant value, an empty table) give None.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from personalroi.stats.distributions import chi2_sf, norm_ppf, t_sf
from personalroi.stats.sufficient import JointStats


@dataclass(frozen=True)
class Correlation:
    """Pearson's r (point-biserial when one value is 0/1) with a Fisher-z interval."""

    n: int
    r: float
    ci: tuple[float, float]
    p_value: float


def pearson(stats: JointStats, alpha: float) -> Correlation | None:
    """r from the sums; p from t = r sqrt((n-2)/(1-r^2)) on n-2 df (as scipy.stats.pearsonr);
    CI tanh(atanh(r) -+ z / sqrt(n-3)). None for n < 4 or a constant value."""
    n = stats.n
    if n < 4:
        return None
    sxx = stats.sum_x_sq - stats.sum_x * stats.sum_x / n
    syy = stats.sum_y_sq - stats.sum_y * stats.sum_y / n
    sxy = stats.sum_xy - stats.sum_x * stats.sum_y / n
    if sxx <= 0 or syy <= 0:
        return None
    r = max(-1.0, min(1.0, sxy / math.sqrt(sxx * syy)))
    if abs(r) == 1.0:
        return Correlation(n, r, (r, r), 0.0)
    t = abs(r) * math.sqrt((n - 2) / (1 - r * r))
    half = norm_ppf(1 - alpha / 2) / math.sqrt(n - 3)
    z = math.atanh(r)
    return Correlation(n, r, (math.tanh(z - half), math.tanh(z + half)), 2 * t_sf(t, n - 2))


def wilson_interval(successes: float, n: float, alpha: float) -> tuple[float, float] | None:
    """Wilson score interval for a proportion; None for n = 0."""
    if n <= 0:
        return None
    z = norm_ppf(1 - alpha / 2)
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class ChiSquare:
    statistic: float
    df: int
    p_value: float


def chi_square_independence(table: Sequence[Sequence[float]]) -> ChiSquare | None:
    """Pearson's chi-square test of independence of an r x c table of counts, without
    Yates' correction (as scipy.stats.chi2_contingency(correction=False)).

    All-zero rows and columns are dropped first; None when fewer than 2 x 2 remain.
    """
    rows = [list(r) for r in table if sum(r) > 0]
    if not rows:
        return None
    keep = [j for j in range(len(rows[0])) if sum(r[j] for r in rows) > 0]
    rows = [[r[j] for j in keep] for r in rows]
    if len(rows) < 2 or len(keep) < 2:
        return None
    total = sum(map(sum, rows))
    col = [sum(r[j] for r in rows) for j in range(len(keep))]
    stat = 0.0
    for r in rows:
        row_total = sum(r)
        for j, observed in enumerate(r):
            expected = row_total * col[j] / total
            stat += (observed - expected) ** 2 / expected
    df = (len(rows) - 1) * (len(keep) - 1)
    return ChiSquare(stat, df, chi2_sf(stat, df))
