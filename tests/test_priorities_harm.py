"""Priorities weigh customer impact (issue 16 item 7): harmed arms rank after unharmed ones."""

from __future__ import annotations

from personalroi.scorecard.priorities import ArmValue, prioritize


def test_customer_harm_ranks_after_arms_without_harm_and_blocked_last() -> None:
    arms = [
        ArmValue("loud", (), 300.0, 100.0, 2.0, 0.9, harms=("nps -6.6 pts",), customer_harm=True),
        ArmValue("quiet", (), 150.0, 100.0, 0.5, 0.7),
        ArmValue("broken", (), 900.0, 100.0, 8.0, 0.99, harms=("errors",), blocked=True),
    ]
    ranked = prioritize(arms)
    assert [(p.arm, p.rank) for p in ranked] == [("quiet", 1), ("loud", 2), ("broken", 3)]
    assert ranked[0].flag is None
    assert ranked[1].flag == "harms customers (NPS): ranked after arms without harm"
    assert ranked[2].flag == "harms a guardrail or the revenue metric: ranked last"
    assert ranked[1].recommendation.startswith("significantly harms nps")


def test_without_harm_the_order_is_by_roi_then_cheaper() -> None:
    arms = [
        ArmValue("a", (), 10.0, 200.0, 0.5, 0.6),
        ArmValue("b", (), 10.0, 100.0, 0.5, 0.6),
        ArmValue("c", (), 10.0, 100.0, 0.9, 0.6),
    ]
    assert [p.arm for p in prioritize(arms)] == ["c", "b", "a"]
