"""A metric as the data layer computes it: its per-unit values and its statistics."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from personalroi.plan.refs import PrePeriod, ValueRef

MetricType = Literal["binary", "mean", "ratio", "nps"]

STAT_SUFFIXES = ("n", "sum", "sum_sq", "sum_y", "sum_y_sq", "sum_xy")
# A ratio metric with a CUPED covariate: the pre-period pair (px, py) and the cross sums.
PRE_SUFFIXES = (
    "sum_px",
    "sum_px_sq",
    "sum_py",
    "sum_py_sq",
    "sum_px_py",
    "sum_x_px",
    "sum_x_py",
    "sum_y_px",
    "sum_y_py",
)
# The config key of each per-unit value's role, for messages naming it.
ROLE_KEYS = {"value": "value", "num": "numerator", "den": "denominator"}


@dataclass(frozen=True)
class MetricPlan:
    """A per-unit metric: the values it reads by role (value | num | den) and how they are
    summed per arm."""

    name: str
    type: MetricType
    refs: Mapping[str, ValueRef]
    pre_period: PrePeriod | None = None
    winsorize: float | None = None
    # A unit-level test (mann-whitney, bootstrap) needs unit values; aggregated input has none.
    test: str = "default"

    @property
    def statistics(self) -> tuple[str, ...]:
        """The statistics it has in the arm-stats layout (and the aggregated file)."""
        if self.type == "ratio":
            return STAT_SUFFIXES + PRE_SUFFIXES if self.pre_period else STAT_SUFFIXES
        return STAT_SUFFIXES if self.pre_period else STAT_SUFFIXES[:3]

    @property
    def statistic_columns(self) -> list[str]:
        return [f"{self.name}__{s}" for s in self.statistics]

    @property
    def suspect_negatives(self) -> bool:
        """Whether a negative value is worth a warning (an amount, not a score or flag)."""
        return self.type in ("mean", "ratio")
