"""One metric's comparison of one arm (overall or in one dimension level) with control.

Its own module: the result and every section built from metric rows import it, and
the result imports the sections, so the row cannot live in result.py without a circle.
"""

from __future__ import annotations

from dataclasses import dataclass

from personalroi.stats.comparison import Comparison
from personalroi.stats.guardrail import NonInferiority
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
    non_inferiority: NonInferiority | None = None
