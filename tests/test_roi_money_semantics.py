"""Money semantics (issue 16 item 4): payback, undefined ROI without costs, binary revenue
metrics priced per conversion, cost ranges, and located config errors for bad money."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_roi_money import CONFIG, write_round_experiment
from typer.testing import CliRunner

from personalroi.audit.run import run_audit
from personalroi.cli import app
from personalroi.config import load_config
from personalroi.errors import ConfigError
from personalroi.report.json_format import result_to_dict
from personalroi.report.markdown import render_markdown
from personalroi.roi.money import AmountRange, CashItem, Economics, UnitLift, arm_money, payback

CENT = 0.005


def test_payback_is_never_when_the_monthly_net_flow_is_not_positive() -> None:
    assert payback(-1_200.0, 100.0) == pytest.approx(12.0)
    assert payback(0.0, 100.0) == 0.0  # nothing to pay back, money flowing in
    assert payback(0.0, -600.0) is None  # the case: was 0.0 months
    assert payback(500.0, 0.0) is None


def test_monthly_costs_and_a_revenue_loss_never_pay_back() -> None:
    # -0.10 a visitor x 1,000 visitors - 500 of monthly costs = -600 a month, no one-off.
    m = arm_money(
        UnitLift(-0.10, -0.10, 2.0),
        Economics(1_000, 12),
        [CashItem("ops", "ongoing", monthly=500)],
        [],
    )
    assert m.roi == pytest.approx((-1_200 - 6_000) / 6_000)  # -120 %
    assert m.payback_months is None and not m.payback_within_horizon


def test_without_costs_roi_payback_and_break_even_are_undefined() -> None:
    m = arm_money(
        UnitLift(0.5, 0.5, 5.0), Economics(1_000, 12), [], [CashItem("e", "marketing", monthly=100)]
    )
    assert m.roi is None and m.benefit_cost_ratio is None
    assert m.payback_months is None and m.break_even_relative_lift is None
    assert m.npv == pytest.approx(0.5 * 1_000 * 12 + 1_200)


def test_no_costs_renders_undefined_not_zero(tmp_path: Path) -> None:
    path = write_round_experiment(tmp_path)
    text = CONFIG.split("costs:")[0] + "economics:" + CONFIG.split("economics:")[1]
    path.write_text(text)
    result = result_to_dict(run_audit(load_config(path)))
    (roi,) = result["roi"]
    assert roi["roi"] is None and roi["payback_months"] is None
    assert roi["break_even_relative_lift"] is None
    assert roi["undefined_reason"].startswith("no costs configured")
    assert result["verdict"]["status"] == "no_money"
    row = next(line for line in render_markdown(result).splitlines() if line.startswith("| new"))
    assert row.count("undefined") == 3 and "0.0 months" not in row and "+0.0%" not in row


def test_binary_revenue_metric_is_priced_by_value_per_conversion(tmp_path: Path) -> None:
    path = write_round_experiment(tmp_path)
    path.write_text(
        CONFIG.replace("revenue_metric: revenue_per_visitor", "revenue_metric: conversion_rate")
        + "  value_per_conversion: 50\n"
    )
    (roi,) = result_to_dict(run_audit(load_config(path)))["roi"]
    # CR 10 % -> 11 %: +0.01 conversions a visitor x 50 = 0.50 a visitor x 120,000 visitors.
    assert roi["incremental_revenue"] == pytest.approx(60_000.0, abs=CENT)
    assert roi["revenue_lift"] == pytest.approx(30_000.0, abs=CENT)  # x margin 0.5
    assert roi["revenue_lift_breakdown"]["conversion"] == pytest.approx(30_000.0, abs=CENT)
    assert roi["revenue_lift_breakdown"]["order_value"] == pytest.approx(0.0, abs=CENT)
    # (30,000 + 12,000 - 48,000) / 48,000.
    assert roi["roi"] == pytest.approx(-0.125, abs=1e-12)
    # Break-even: (48,000 - 12,000) / (0.5 x 0.10 x 50 x 120,000) = 12 %.
    assert roi["break_even_relative_lift"] == pytest.approx(0.12, abs=1e-12)
    assert roi["decomposition"] == "conversion_rate x value_per_conversion 50"


def test_cost_range_is_uniform_with_its_midpoint_and_variance() -> None:
    item = CashItem(
        "engine",
        "technology",
        one_off=300,
        monthly=1_500,
        annual=1_800,
        ranges=(
            AmountRange("one_off", 0, 600),
            AmountRange("monthly", 1_000, 2_000),
            AmountRange("annual", 1_200, 2_400),
        ),
    )
    assert item.total(12) == pytest.approx(300 + 18_000 + 1_800)
    # (600)^2/12 + (1,000 x 12)^2/12 + (1,200 x 1)^2/12
    assert item.total_variance(12) == pytest.approx(30_000 + 12_000_000 + 120_000)
    assert item.at_end("low").total(12) == pytest.approx(0 + 12_000 + 1_200)
    assert item.at_end("high").total(12) == pytest.approx(600 + 24_000 + 2_400)


def test_config_ranges_become_midpoints_and_widen_the_roi_interval(tmp_path: Path) -> None:
    path = write_round_experiment(tmp_path)
    fixed = result_to_dict(run_audit(load_config(path)))["roi"][0]
    path.write_text(CONFIG.replace("monthly: 2000}", "monthly: [1500, 2500]}"))
    ranged = result_to_dict(run_audit(load_config(path)))["roi"][0]
    assert ranged["investment"] == pytest.approx(fixed["investment"])  # midpoint 2,000
    assert ranged["roi"] == pytest.approx(fixed["roi"])
    # Var(I) = (1,000 x 12)^2 / 12; Var(roi) gains (roi + 1)^2 Var(I) / I^2.
    extra = (1 + fixed["roi"]) ** 2 * 12_000_000 / 48_000**2
    assert ranged["roi_se"] ** 2 == pytest.approx(fixed["roi_se"] ** 2 + extra, rel=1e-9)
    assert ranged["uncertainty_shares"]["costs"] == pytest.approx(extra / ranged["roi_se"] ** 2)
    engine = next(s for s in ranged["sensitivity"] if s["assumption"] == "cost: engine")
    assert (engine["low"], engine["high"], engine["range_from"]) == (18_000, 30_000, "config")


def _error(tmp_path: Path, text: str) -> str:
    path = write_round_experiment(tmp_path)
    path.write_text(text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    return str(info.value)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "monthly: 2000}",
            "monthly: [-1000, 2000]}",
            "line 10: costs[0].monthly: a range cannot be negative (got [-1000, 2000])",
        ),
        (
            "monthly: 2000}",
            "monthly: [3000, 2000]}",
            "line 10: costs[0].monthly: range low 3000 is above high 2000; write [low, high]",
        ),
        (
            "eligible_units_per_month: 10000",
            "eligible_units_per_month: [8000, 12000]",
            "line 18: economics.eligible_units_per_month: a range [low, high] is only allowed "
            "on one_off, monthly and annual of costs and savings (got [8000, 12000])",
        ),
        (
            "revenue_metric: revenue_per_visitor",
            "revenue_metric: conversion_rate",
            "line 17: economics.revenue_metric: conversion_rate is a binary metric (a rate, "
            "not money): set economics.value_per_conversion",
        ),
        (
            "  horizon_months: 12\n",
            "  horizon_months: 12\n  value_per_conversion: 40\n",
            "line 20: economics.value_per_conversion: prices a binary revenue metric; "
            "revenue_per_visitor is a mean metric already in money",
        ),
    ],
)
def test_bad_money_config_names_line_and_key(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    assert old in CONFIG
    assert expected in _error(tmp_path, CONFIG.replace(old, new))


def test_bad_money_config_exits_2(tmp_path: Path) -> None:
    path = write_round_experiment(tmp_path)
    path.write_text(CONFIG.replace("monthly: 2000}", "monthly: [3000, 2000]}"))
    result = CliRunner().invoke(app, ["audit", "-c", str(path), "--no-history"])
    assert result.exit_code == 2
    assert "costs[0].monthly: range low 3000 is above high 2000" in result.output
