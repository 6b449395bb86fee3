"""Sufficient statistics: everything a test needs from one arm, in a few numbers.

Per-unit values are reduced to these in SQL (DuckDB or a warehouse), so the
statistics never see rows.
"""

from __future__ import annotations

from dataclasses import dataclass


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
