"""The verdict's rules on small typed inputs, and the units a firm answer needs."""

from __future__ import annotations

import math
from collections.abc import Mapping

import pytest
from scipy import stats

from personalroi.audit.metric_row import MetricRow
from personalroi.audit.roi_section import RoiEntry
from personalroi.audit.verdict import Verdict, verdict
from personalroi.data.check import Check
from personalroi.roi.uncertainty import roi_interval, units_to_prove
from personalroi.scorecard.priorities import ArmValue, prioritize
from personalroi.stats.comparison import Comparison
from personalroi.stats.srm import SrmResult

SRM_OK = SrmResult(0.5, True, {"a": 100, "b": 100}, {"a": 0.5, "b": 0.5})


def row(metric: str, arm: str, status: str, *, level: str | None = None, **kw: object) -> MetricRow:
    comparison = Comparison("z", 1000, 1000, 1.0, 0.8, -0.2, (-0.3, -0.1), -0.2, (-0.3, -0.1))
    return MetricRow(
        metric=metric,
        type="mean",
        arm=arm,
        dimension=None if level is None else "channel",
        level=level,
        comparison=comparison,
        p_value_adjusted=0.001,
        significant=status in ("met", "harmful"),
        chance_to_beat_control=0.5,
        goal=None,
        status=status,  # type: ignore[arg-type]
        better=str(kw.get("better", "higher")),
        guardrail=bool(kw.get("guardrail", False)),
    )


def money(arm: str, roi: float, p: float) -> RoiEntry:
    se = 0.5
    return RoiEntry(
        arm, "EUR", "revenue", 100.0, 1.0, 1.0, None, 0.0, 1 + roi, roi,
        (roi - 1.96 * se, roi + 1.96 * se), p, None, 0.0, None, True, {}, {}, (), "rev",
        None, 12, 1000.0, None, "delta", se, None,
    )  # fmt: skip


def decide(
    rows: list[MetricRow],
    roi: list[RoiEntry],
    srm: SrmResult = SRM_OK,
    checks: tuple[Check, ...] = (),
    buyers: Mapping[str, float] | None = None,
) -> Verdict:
    """`buyers`: effective buyers of the revenue metric per arm (control "a"); by default
    plenty in every arm."""
    arms = [ArmValue(e.arm, (), 1.0, e.investment, e.roi, e.probability_roi_positive) for e in roi]
    if buyers is None:
        buyers = dict.fromkeys(("a", *(e.arm for e in roi)), 1000.0)
    return verdict(
        rows=rows,
        roi=roi,
        priorities=prioritize(arms),
        heterogeneity=[],
        srm=srm,
        checks=checks,
        revenue_metric="rev",
        alpha=0.05,
        control="a",
        buyers=buyers,
    )


@pytest.mark.parametrize(
    ("roi", "p", "status"),
    [
        (1.2, 0.99, "pays"),
        (1.2, 0.95, "pays"),
        (0.4, 0.80, "promising"),
        (-0.1, 0.45, "inconclusive"),
        (-0.9, 0.03, "does_not_pay"),
    ],
)
def test_status_from_the_money(roi: float, p: float, status: str) -> None:
    assert decide([row("rev", "b", "on track")], [money("b", roi, p)]).status == status


def test_any_significant_harm_keeps_a_paying_arm_from_pays() -> None:
    rows = [row("rev", "b", "met"), row("nps", "b", "harmful", level="web")]
    result = decide(rows, [money("b", 2.0, 0.999)])
    assert result.status == "promising"
    assert result.headline.startswith("b would pay off, ROI +200%")
    assert "but it harms nps for channel web -20.0% [-30.0%, -10.0%]" in result.headline
    assert [r.kind for r in result.reasons] == ["roi", "harm"]
    assert (
        result.reasons[0].text
        == "b would pay off, ROI +200% (95% CI +102% to +298%), 100% chance it pays"
    )


def test_harmed_revenue_metric_or_guardrail_is_harmful_and_names_the_alternative() -> None:
    rows = [row("rev", "b", "harmful"), row("rev", "c", "met")]
    result = decide(rows, [money("b", 3.0, 0.99), money("c", 0.5, 0.9)])
    assert result.status == "harmful" and result.arm == "b"
    assert result.headline.startswith("Harmful: rev significantly worse in b")
    assert "; c: ROI +50%" in result.headline
    guard = [row("errors", "c", "harmful", better="lower", guardrail=True)]
    assert decide(guard, [money("c", 2.0, 0.99)]).status == "harmful"


def test_srm_and_failed_checks_outrank_the_money() -> None:
    bad_split = SrmResult(1e-6, False, {"a": 100, "b": 60}, {"a": 0.5, "b": 0.5})
    result = decide([row("rev", "b", "met")], [money("b", 2.0, 0.999)], srm=bad_split)
    assert result.status == "inconclusive"
    assert result.headline.startswith("Sample ratio mismatch")
    broken = (Check("cross_arm_units", "fail", "40 units in two arms"),)
    result = decide([row("rev", "b", "met")], [money("b", 2.0, 0.999)], checks=broken)
    assert result.status == "promising" and result.reasons[1].kind == "data"


def test_no_money_still_counts_the_metrics() -> None:
    result = decide([row("rev", "b", "met"), row("nps", "b", "harmful")], [])
    assert result.status == "no_money"
    assert result.headline.startswith(
        "No money verdict (no costs or no revenue lift): 1 of 2 metric comparisons "
        "significantly better, 1 significantly worse; harmed: nps in b -20.0% [-30.0%, -10.0%]."
    )


@pytest.mark.parametrize(("roi", "se", "n"), [(0.4, 0.5, 5000), (2.0, 1.9, 800), (0.1, 0.3, 20)])
def test_units_to_prove_is_where_the_interval_starts_to_exclude_zero(
    roi: float, se: float, n: int
) -> None:
    more = units_to_prove(roi, se, 0.05, n)
    assert more is not None and more > 0

    def low_end(total: int) -> float:
        # The ROI's standard error shrinks as 1/sqrt(units per arm) (costs are fixed).
        return roi_interval(roi, 1.0, se * math.sqrt(n / total), 0.05).ci[0]

    z = stats.norm.ppf(0.975)
    assert low_end(n + more) >= -1e-12
    assert low_end(n + more - 1) < 0
    assert n + more == math.ceil(n * (z * se / roi) ** 2)


def test_units_to_prove_edges() -> None:
    assert units_to_prove(0.5, 0.1, 0.05, 1000) == 0  # already excludes 0
    assert units_to_prove(-0.2, 0.1, 0.05, 1000) is None  # below break-even
    assert units_to_prove(0.0, 0.1, 0.05, 1000) is None
