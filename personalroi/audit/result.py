"""The audit's result as typed objects; `report/` renders them (JSON per SPEC section 5)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from personalroi.data.quality import Check
from personalroi.stats.comparison import Comparison
from personalroi.stats.srm import SrmResult
from personalroi.stats.verdict import Status


@dataclass(frozen=True)
class MetricRow:
    metric: str
    type: str
    arm: str
    dimension: str | None
    level: str | None
    comparison: Comparison
    p_value_adjusted: float | None
    significant: bool
    chance_to_beat_control: float | None
    goal: dict[str, float] | None
    status: Status
    better: str
    guardrail: bool


@dataclass(frozen=True)
class ExperimentInfo:
    name: str
    control: str
    treatments: list[str]
    alpha: float
    correction: str
    hypothesis: str | None
    # Sequential mode's N* (None: fixed-horizon tests).
    sequential_tuning: int | None = None


@dataclass
class AuditResult:
    experiment: ExperimentInfo
    srm: SrmResult
    checks: list[Check]
    metrics: list[MetricRow]
    units_per_arm: dict[str, int]
    extras: dict[str, Any] = field(default_factory=dict)
