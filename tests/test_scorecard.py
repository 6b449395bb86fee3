"""Attainment, score, ROI status, goal gaps and prioritization."""

from __future__ import annotations

import math

import pytest
from statsmodels.stats.power import NormalIndPower

from personalroi.scorecard.gaps import goal_gap, units_to_detect
from personalroi.scorecard.priorities import ArmValue, prioritize
from personalroi.scorecard.scorecard import Item, arm_scores, attainment, roi_item, score
from personalroi.stats.comparison import Comparison


@pytest.mark.parametrize(
    ("achieved", "goal", "better", "significant", "status", "expected"),
    [
        (0.10, 0.05, "higher", True, "met", 1.0),  # past the goal: capped at 1
        (0.03, 0.05, "higher", True, "on track", 0.6),  # 3 / 5 of the way, significant
        (0.03, 0.05, "higher", False, "on track", 0.3),  # half credit while unproven
        (-0.02, 0.05, "higher", False, "not significant", 0.0),
        (-0.06, -0.03, "lower", True, "met", 1.0),  # lower is better: -6 % beats -3 %
        (-0.015, -0.03, "lower", True, "on track", 0.5),
        (0.10, 0.05, "higher", True, "harmful", 0.0),
        (None, 0.05, "higher", False, "insufficient data", 0.0),
        (0.01, 0.0, "higher", True, "met", 1.0),  # a "do no harm" goal
        (-0.01, 0.0, "higher", False, "not significant", 0.0),
    ],
)
def test_attainment(
    achieved: float | None,
    goal: float,
    better: str,
    significant: bool,
    status: str,
    expected: float,
) -> None:
    got = attainment(achieved, goal, better=better, significant=significant, status=status)  # type: ignore[arg-type]
    assert got == pytest.approx(expected)


def test_score_is_weighted_mean_attainment() -> None:
    def item(arm: str, weight: float, att: float) -> Item:
        return Item("m", arm, weight, 0.05, 0.05, att, "met", True)

    items = [item("a", 3, 1.0), item("a", 1, 0.0), item("b", 2, 0.5)]
    assert score(items) == pytest.approx(100 * (3 + 0 + 1) / 6)
    assert arm_scores(items) == {"a": pytest.approx(75.0), "b": pytest.approx(50.0)}
    assert score([]) is None


@pytest.mark.parametrize(
    ("roi", "ci", "status", "att"),
    [
        (0.8, (0.2, 1.4), "met", 1.0),
        (0.3, (0.1, 0.5), "on track", 0.6),  # significant, 0.3 / 0.5 of the goal
        (0.8, (-0.4, 2.0), "on track", 0.5),  # unproven: half credit
        (0.1, (-0.2, 0.4), "missed", 0.1),  # the goal of 0.5 is outside the interval
        (-0.5, (-0.9, -0.1), "harmful", 0.0),
        (-0.2, (-1.0, 0.6), "not significant", 0.0),
        (None, None, "insufficient data", 0.0),
    ],
)
def test_roi_item(
    roi: float | None, ci: tuple[float, float] | None, status: str, att: float
) -> None:
    item = roi_item("x", roi, ci, goal=0.5, weight=3)
    assert item.status == status
    assert item.attainment == pytest.approx(att)


def _comparison(se: float, n: int, control: float, lift: float) -> Comparison:
    return Comparison(
        method="test",
        n_control=n,
        n_treatment=n,
        control_value=control,
        treatment_value=control * (1 + lift),
        absolute_lift=control * lift,
        relative_lift=lift,
        absolute_se=se,
    )


def test_units_to_detect_matches_statsmodels() -> None:
    n, sd = 5_000, 2.0
    se = sd * math.sqrt(2 / n)
    c = _comparison(se, n, control=4.0, lift=0.01)
    needed = units_to_detect(c, effect=0.12, alpha=0.05, comparisons=1)
    reference = NormalIndPower().solve_power(effect_size=0.12 / sd, alpha=0.05, power=0.8)
    # statsmodels also counts the far tail's power (about 1e-6 relative here).
    assert needed == pytest.approx(reference, rel=1e-5)
    bonferroni = NormalIndPower().solve_power(effect_size=0.12 / sd, alpha=0.01, power=0.8)
    assert units_to_detect(c, 0.12, 0.05, comparisons=5) == pytest.approx(bonferroni, rel=1e-5)


def test_goal_gap_reports_shortfall_and_units() -> None:
    n, sd = 2_000, 2.0
    c = _comparison(sd * math.sqrt(2 / n), n, control=4.0, lift=0.01)
    gap = goal_gap(
        "rpv", "new", kind="relative_lift", goal=0.03, better="higher",
        comparison=c, status="on track", alpha=0.05,
    )  # fmt: skip
    assert gap is not None
    d = gap.as_dict()
    assert d["kind"] == "goal" and d["severity"] == "medium"
    assert d["shortfall"] == pytest.approx(0.02)
    reference = NormalIndPower().solve_power(effect_size=0.12 / sd, alpha=0.05, power=0.8)
    assert d["units_per_arm_needed"] == pytest.approx(math.ceil(reference), abs=1)
    assert d["additional_units_per_arm"] == d["units_per_arm_needed"] - n
    met = goal_gap(
        "rpv", "new", kind="relative_lift", goal=0.03, better="higher",
        comparison=c, status="met", alpha=0.05,
    )  # fmt: skip
    assert met is None


def test_prioritize_ranks_by_roi_and_prices_added_components() -> None:
    arms = [
        ArmValue("subtle", ("banner",), benefit=150.0, investment=100.0, roi=0.5,
                 probability_roi_positive=0.9),
        ArmValue("extreme", ("banner", "recs"), benefit=400.0, investment=160.0, roi=1.5,
                 probability_roi_positive=0.99),
        ArmValue("broken", (), benefit=None, investment=10.0, roi=None,
                 probability_roi_positive=None),
    ]  # fmt: skip
    out = prioritize(arms)
    assert [p.arm for p in out] == ["extreme", "subtle", "broken"]
    assert [p.rank for p in out] == [1, 2, 3]
    inc = out[0].increment
    assert inc is not None
    assert inc.over == "subtle" and inc.components == ("recs",)
    assert inc.benefit == pytest.approx(250.0)
    assert inc.investment == pytest.approx(60.0)
    assert inc.roi == pytest.approx((250 - 60) / 60)
    assert "A/B testing" in out[0].recommendation
    assert out[1].increment is None


def test_an_arm_that_harms_a_guardrail_ranks_last_and_is_not_rolled_out() -> None:
    arms = [
        ArmValue("best", (), benefit=400.0, investment=100.0, roi=3.0,
                 probability_roi_positive=0.99, harms=("errors in best: +30%",), blocked=True),
        ArmValue("safe", (), benefit=150.0, investment=100.0, roi=0.5,
                 probability_roi_positive=0.97),
    ]  # fmt: skip
    out = prioritize(arms)
    assert [p.arm for p in out] == ["safe", "best"]
    assert out[1].recommendation.startswith("significantly harms errors in best: +30%")
