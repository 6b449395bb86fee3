"""The minimum-data rule: below it, no p-value, no chance to beat control, no verdict."""

from __future__ import annotations

from personalroi.stats.bayes import chance_to_beat_control
from personalroi.stats.binary import compare_proportions
from personalroi.stats.mean import compare_means
from personalroi.stats.minimum import MIN_EVENTS, MIN_UNITS, apply_minimum, shortfall
from personalroi.stats.sufficient import JointStats, SampleStats
from personalroi.stats.verdict import metric_status


def rate(n: int, events: int) -> SampleStats:
    return SampleStats(n, float(events), float(events))


def test_binary_needs_events_and_non_events_in_each_arm() -> None:
    assert shortfall("binary", rate(1000, MIN_EVENTS), rate(1000, 200)) is None
    why = shortfall("binary", rate(1000, 200), rate(1000, MIN_EVENTS - 1))
    assert why is not None
    assert "treatment has 24 units with the event" in why
    nearly_all = shortfall("binary", rate(100, 90), rate(100, 80))
    assert nearly_all is not None and "control has 10 units without it" in nearly_all


def test_mean_and_ratio_need_units() -> None:
    small = SampleStats(MIN_UNITS - 1, 10.0, 20.0)
    big = SampleStats(MIN_UNITS, 10.0, 20.0)
    assert shortfall("mean", big, big) is None
    assert shortfall("mean", small, big) == (
        "insufficient data: control has 29 units; a verdict needs at least 30 units per arm"
    )
    joint = JointStats(MIN_UNITS - 1, 1.0, 1.0, 1.0, 1.0, 1.0)
    assert shortfall("ratio", joint, joint) is not None


def test_below_minimum_keeps_estimates_but_gives_no_verdict() -> None:
    c, t = rate(400, 10), rate(400, 30)
    comparison = apply_minimum("binary", c, t, compare_proportions(c, t, 0.05))
    assert comparison.code == "below_minimum"
    assert comparison.p_value is None
    assert comparison.absolute_lift is not None and comparison.absolute_ci is not None
    assert chance_to_beat_control(comparison, "higher") is None
    status = metric_status(comparison, significant=False, better="higher", goal=None)
    assert status == "insufficient data"


def test_enough_data_is_untouched() -> None:
    c, t = SampleStats(500, 1000.0, 5000.0), SampleStats(500, 1100.0, 5600.0)
    comparison = compare_means(c, t, 0.05)
    assert apply_minimum("mean", c, t, comparison) is comparison
