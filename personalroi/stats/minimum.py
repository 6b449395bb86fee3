"""The minimum-data rule: below it a metric gets no verdict, only descriptive numbers.

Normal-approximation tests (z, Welch, delta method) are unreliable on tiny
samples: a rate's interval is off when an arm has a handful of events, and a
heavy-tailed mean needs dozens of units before the central limit theorem helps.
The thresholds follow the usual rule of thumb (n p >= 5 is the textbook floor;
experimentation platforms ask for more), chosen conservatively:

- binary: at least 25 units with the event and 25 without, in each arm;
- mean, ratio, nps: at least 30 units with a value in each arm.

Below the minimum the comparison keeps its lifts and intervals (labelled) but
loses its p-value, so it neither counts in the multiple-comparison family nor
gets a verdict: the status is "insufficient data".
"""

from __future__ import annotations

from dataclasses import replace

from personalroi.stats.comparison import Comparison
from personalroi.stats.sufficient import JointStats, SampleStats

MIN_EVENTS = 25
MIN_UNITS = 30
CODE = "below_minimum"


def shortfall(
    metric_type: str, control: SampleStats | JointStats, treatment: SampleStats | JointStats
) -> str | None:
    """Why the arms are below the minimum, or None when they have enough data."""
    problems = []
    for label, stats in (("control", control), ("treatment", treatment)):
        values = stats.x if isinstance(stats, JointStats) else stats
        if metric_type == "binary":
            events = round(values.sum)
            fewest = min(events, values.n - events)
            if fewest < MIN_EVENTS:
                kind = "units with the event" if events < MIN_EVENTS else "units without it"
                problems.append(f"{label} has {fewest} {kind}")
        elif values.n < MIN_UNITS:
            problems.append(f"{label} has {values.n} units")
    if not problems:
        return None
    need = (
        f"at least {MIN_EVENTS} units with and {MIN_EVENTS} without the event per arm"
        if metric_type == "binary"
        else f"at least {MIN_UNITS} units per arm"
    )
    return f"insufficient data: {' and '.join(problems)}; a verdict needs {need}"


def apply_minimum(
    metric_type: str,
    control: SampleStats | JointStats,
    treatment: SampleStats | JointStats,
    comparison: Comparison,
) -> Comparison:
    """Mark a comparison below the minimum (descriptive only, no p-value)."""
    if not comparison.ok:
        return comparison
    why = shortfall(metric_type, control, treatment)
    if why is None:
        return comparison
    return replace(comparison, code=CODE, explanation=why, p_value=None)
