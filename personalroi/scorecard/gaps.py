"""Goal gaps: how far each goal is, and how many more units would settle it.

The units needed per arm to detect the goal's lift at the configured alpha and
80 % power come from `stats.power.units_per_arm`. The per-unit standard
deviation is recovered from the test's own standard error assuming equal
variances in the two arms, sd = se / sqrt(1/n_c + 1/n_t), so the same formula
serves binary, mean, ratio and NPS metrics.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from personalroi.i18n import Phrase
from personalroi.stats.comparison import Comparison
from personalroi.stats.power import units_per_arm

SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}
POWER = 0.8


@dataclass(frozen=True)
class Gap:
    area: str
    severity: str  # high | medium | low
    finding: str
    recommendation: str
    details: dict[str, Any] = field(default_factory=dict)
    # `finding` and `recommendation` as catalogue phrases, for reports in other languages.
    finding_phrase: Phrase | None = None
    recommendation_phrase: Phrase | None = None

    @classmethod
    def said(
        cls,
        area: str,
        severity: str,
        finding: Phrase,
        advice: Phrase,
        details: dict[str, Any] | None = None,
    ) -> Gap:
        """A gap whose sentences are phrases, with their English text."""
        return cls(area, severity, finding.text(), advice.text(), details or {}, finding, advice)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "area": self.area,
            "severity": self.severity,
            "finding": self.finding,
            "recommendation": self.recommendation,
            "kind": "measurement",
        }
        out.update(self.details)
        phrases = {
            "finding_phrase": self.finding_phrase,
            "recommendation_phrase": self.recommendation_phrase,
        }
        out.update({k: v for k, v in phrases.items() if v is not None})
        return out


def by_severity(gaps: list[Gap]) -> list[Gap]:
    return sorted(gaps, key=lambda g: SEVERITY_ORDER.get(g.severity, 9))


def goal_effect(comparison: Comparison, kind: str, goal: float) -> float | None:
    """The goal as an absolute per-unit effect."""
    if kind == "absolute_lift":
        return goal
    if comparison.control_value is None:
        return None
    return goal * comparison.control_value


def units_to_detect(
    comparison: Comparison, effect: float, alpha: float, comparisons: int
) -> float | None:
    se, n_c, n_t = comparison.absolute_se, comparison.n_control, comparison.n_treatment
    if se is None or n_c <= 0 or n_t <= 0 or effect == 0:
        return None
    sd = se / math.sqrt(1.0 / n_c + 1.0 / n_t)
    return units_per_arm(sd, sd, effect, alpha, POWER, comparisons)


def _goal_phrase(kind: str, value: float | None) -> Phrase:
    """'+5.0%' for a relative goal, '+0.3' for an absolute one."""
    if value is None:
        return Phrase.of("lift.none")
    return Phrase.of("lift.pct" if kind == "relative_lift" else "lift.abs", lift=value)


def goal_gap(
    metric: str,
    arm: str,
    *,
    kind: str,
    goal: float,
    better: str,
    comparison: Comparison,
    status: str,
    alpha: float,
    comparisons: int = 1,
) -> Gap | None:
    """A finding for a goal that is not met; None when it is met."""
    if status == "met":
        return None
    achieved = comparison.relative_lift if kind == "relative_lift" else comparison.absolute_lift
    sign = 1.0 if better == "higher" else -1.0
    shortfall = None if achieved is None else sign * (goal - achieved)
    effect = goal_effect(comparison, kind, goal)
    needed = None if effect is None else units_to_detect(comparison, effect, alpha, comparisons)
    current = min(comparison.n_control, comparison.n_treatment)
    extra = None if needed is None else max(0, math.ceil(needed) - current)
    finding = Phrase.of(
        "gap.goal",
        metric=metric,
        arm=arm,
        goal=_goal_phrase(kind, goal),
        achieved=_goal_phrase(kind, achieved),
        status=Phrase.of(f"status.{status}"),
    )
    if status == "harmful":
        severity = "high"
        advice = Phrase.of("gap.goal_harmful", arm=arm, metric=metric)
    elif status == "missed":
        severity = "high"
        advice = Phrase.of("gap.goal_missed")
    elif extra:
        severity = "medium"
        advice = Phrase.of("gap.goal_run_longer", needed=math.ceil(needed or 0), extra=extra)
    else:
        severity = "low"
        advice = Phrase.of("gap.goal_detectable")
    details: dict[str, Any] = {
        "kind": "goal",
        "metric": metric,
        "arm": arm,
        "goal": goal,
        "achieved": achieved,
        "shortfall": shortfall,
        "units_per_arm_needed": None if needed is None else math.ceil(needed),
        "additional_units_per_arm": extra,
    }
    return Gap.said("goal", severity, finding, advice, details)
