"""The minimum-data rule: below it a metric gets no verdict, only descriptive numbers.

Normal-approximation tests (z, Welch, delta method) are unreliable on tiny
samples: a rate's interval is off when an arm has a handful of events, and a
heavy-tailed mean needs dozens of units before the central limit theorem helps.
The thresholds follow the usual rule of thumb (n p >= 5 is the textbook floor;
experimentation platforms ask for more), chosen conservatively:

- binary: at least 25 units with the event and 25 without, in each arm;
- mean, ratio, nps: at least 30 units with a value in each arm;
- ratio, also: at least 30 units with a non-zero denominator in each arm (an
  order-value ratio is an average over the visitors who ordered: with 10 of them
  the test gave 7-11 % false positives at alpha 5 %, and a sequential look at a
  few of them more still; docs/statistics.md, calibration grid). Their count is
  estimated as (sum y)^2 / sum y^2, which never overcounts.

The calibration grid holds every cell from 30 buyers per arm to its targets, and
these rules are what a row needs to be in such a cell. Mean metrics are not held
to a count of non-zero values (the statistics do not have one, and the share of
visitors whose total is concentrated cannot stand in for it: keeping only
experiments where it is large selects those without a big spender and makes the
test liberal); below 30 buyers their test is conservative instead (at most 5 %
false positives, coverage at least 95 % in the grid).

Below the minimum the comparison keeps its lifts and intervals (labelled) but
loses its p-value, so it neither counts in the multiple-comparison family nor
gets a verdict: the status is "insufficient data".
"""

from __future__ import annotations

from dataclasses import replace

from personalroi.stats.comparison import Comparison
from personalroi.stats.ratio import denominator_units
from personalroi.stats.sufficient import JointStats, SampleStats, value_stats

MIN_EVENTS = 25
MIN_UNITS = 30
CODE = "below_minimum"


def shortfall(
    metric_type: str, control: SampleStats | JointStats, treatment: SampleStats | JointStats
) -> str | None:
    """Why the arms are below the minimum, or None when they have enough data."""
    if metric_type == "binary" and _separated(control, treatment):
        return None
    problems = []
    for label, stats in (("control", control), ("treatment", treatment)):
        values = value_stats(stats)
        if metric_type == "binary":
            events = round(values.sum)
            fewest = min(events, values.n - events)
            if fewest < MIN_EVENTS:
                kind = "units with the event" if events < MIN_EVENTS else "units without it"
                problems.append(f"{label} has {fewest} {kind}")
        elif values.n < MIN_UNITS:
            problems.append(f"{label} has {values.n} units")
        elif metric_type == "ratio" and isinstance(stats, JointStats):
            carrying = denominator_units(stats)
            if carrying < MIN_UNITS:
                problems.append(
                    f"{label} has about {carrying:.0f} units with a non-zero denominator"
                )
    if not problems:
        return None
    need = {
        "binary": f"at least {MIN_EVENTS} units with and {MIN_EVENTS} without the event per arm",
        "ratio": f"at least {MIN_UNITS} units per arm with a non-zero denominator",
    }.get(metric_type, f"at least {MIN_UNITS} units per arm")
    return f"insufficient data: {' and '.join(problems)}; a verdict needs {need}"


def _separated(control: SampleStats | JointStats, treatment: SampleStats | JointStats) -> bool:
    """Perfect separation with enough units: every control unit converted and no
    treatment unit did, or the reverse. Nothing is rare here; binary.py tests it on the
    pooled SE. The event counts the rule asks for cannot exist by definition."""
    arms = [value_stats(s) for s in (control, treatment)]
    if any(a.n < MIN_EVENTS or round(a.sum) not in (0, a.n) for a in arms):
        return False
    events = [round(a.sum) for a in arms]
    return events[0] != events[1] and 0 in events


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
