"""The document of `personalroi plan --format json` (built in audit/planning.py)."""

from __future__ import annotations

from typing_extensions import NotRequired, TypedDict


class PlanJson(TypedDict):
    """`personalroi plan --format json`: the inputs, the solved plan and its duration."""

    schema_version: int
    type: str  # binary | mean | ratio | nps
    baseline: float
    sd: float
    alpha: float
    power: float
    arms: int
    comparisons: int
    correction: str
    alpha_per_comparison: float
    relative_mde: float
    absolute_mde: float
    units_per_arm: int
    total_units: int
    units_per_day: float | None
    days: int | None  # None without units_per_day (or with 0 of them)
    solved_for: str  # units_per_arm | relative_mde
    metric: NotRequired[str]  # with --config: the metric whose control arm is the baseline
