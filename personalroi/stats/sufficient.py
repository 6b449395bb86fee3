"""Sufficient statistics: everything a test needs from one arm, in a few numbers.

Per-unit values are reduced to these in SQL (DuckDB or a warehouse), so the
statistics never see rows.
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class SampleStats:
    """n, sum and sum of squares of one per-unit value in one arm."""

    n: int
    sum: float
    sum_sq: float

    @property
    def mean(self) -> float:
        return self.sum / self.n if self.n else float("nan")

    @property
    def variance(self) -> float:
        """Unbiased sample variance (ddof=1); 0 for n < 2 is never returned: NaN instead."""
        if self.n < 2:
            return float("nan")
        # Clamp: cancellation can leave a tiny negative number for constant data.
        return max((self.sum_sq - self.sum * self.sum / self.n) / (self.n - 1), 0.0)

    @property
    def effective_units(self) -> float:
        """How many units carry the value: sum^2 / sum of squares (0 when it is all 0).

        Equal to the count of units with a non-zero value when they share one value,
        less when their values differ (Cauchy-Schwarz), so never an overcount: for
        revenue, the number of buyers if their spend were spread evenly, so a few big
        spenders among many buyers count as a few.
        """
        return self.sum**2 / self.sum_sq if self.sum_sq > 0 else 0.0

    def __add__(self, other: SampleStats) -> SampleStats:
        return SampleStats(self.n + other.n, self.sum + other.sum, self.sum_sq + other.sum_sq)


@dataclass(frozen=True)
class JointStats:
    """Sufficient statistics of a pair (x, y) per unit: ratio metrics (x/y) and CUPED."""

    n: int
    sum_x: float
    sum_x_sq: float
    sum_y: float
    sum_y_sq: float
    sum_xy: float

    @property
    def x(self) -> SampleStats:
        return SampleStats(self.n, self.sum_x, self.sum_x_sq)

    @property
    def y(self) -> SampleStats:
        return SampleStats(self.n, self.sum_y, self.sum_y_sq)

    @property
    def covariance(self) -> float:
        if self.n < 2:
            return float("nan")
        return (self.sum_xy - self.sum_x * self.sum_y / self.n) / (self.n - 1)

    def __add__(self, other: JointStats) -> JointStats:
        return JointStats(
            self.n + other.n,
            self.sum_x + other.sum_x,
            self.sum_x_sq + other.sum_x_sq,
            self.sum_y + other.sum_y,
            self.sum_y_sq + other.sum_y_sq,
            self.sum_xy + other.sum_xy,
        )


def value_stats(stats: SampleStats | JointStats) -> SampleStats:
    """The metric's own per-unit value: a pair's x (a ratio's numerator, a CUPED
    metric's value beside its covariate)."""
    return stats.x if isinstance(stats, JointStats) else stats


@dataclass(frozen=True)
class RatioCovariateStats(JointStats):
    """A ratio metric x/y with a pre-period ratio px/py per unit (CUPED for ratios).

    The inherited fields are the post-period pair (x, y); the rest are the
    pre-period pair's sums and the four cross sums between the periods.
    """

    sum_px: float
    sum_px_sq: float
    sum_py: float
    sum_py_sq: float
    sum_px_py: float
    sum_x_px: float
    sum_x_py: float
    sum_y_px: float
    sum_y_py: float

    @property
    def pre(self) -> JointStats:
        return JointStats(
            self.n, self.sum_px, self.sum_px_sq, self.sum_py, self.sum_py_sq, self.sum_px_py
        )

    def cov(self, sum_ab: float, sum_a: float, sum_b: float) -> float:
        """Sample covariance (ddof=1) of two per-unit values from their sums."""
        if self.n < 2:
            return float("nan")
        return (sum_ab - sum_a * sum_b / self.n) / (self.n - 1)

    def __add__(self, other: JointStats) -> RatioCovariateStats:
        assert isinstance(other, RatioCovariateStats)
        return RatioCovariateStats(
            *(a + b for a, b in zip(_sums(self), _sums(other), strict=True))  # type: ignore[arg-type]
        )


def _sums(s: RatioCovariateStats) -> tuple[float, ...]:
    return tuple(getattr(s, f.name) for f in fields(s))
