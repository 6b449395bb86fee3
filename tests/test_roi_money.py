"""ROI, NPV, payback and break-even, against numbers worked out by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from personalroi.audit.run import run_audit
from personalroi.config.load import load_config
from personalroi.report.json_format import result_to_dict
from personalroi.roi.money import CashItem, Economics, UnitLift, applicable, arm_money

CENT = 0.005


def test_arm_money_matches_hand_computation() -> None:
    econ = Economics(eligible_units_per_month=10_000, horizon_months=12, gross_margin=0.5)
    lift = UnitLift(revenue=0.50, conversion=0.30, control_revenue=5.00)
    costs = [
        CashItem("engine", "technology", monthly=1_000),  # 12,000
        CashItem("project", "personnel", one_off=6_000),  # 6,000
        CashItem("hosting", "ongoing", annual=1_200),  # 1,200 = 100 a month
    ]
    savings = [CashItem("emails", "marketing", monthly=600)]  # 7,200
    m = arm_money(lift, econ, costs, savings)
    # 120,000 units over the horizon; 0.50 x 120,000 = 60,000 of revenue.
    assert m.incremental_revenue == pytest.approx(60_000.00, abs=CENT)
    # Half of it is gross profit: 30,000 = 18,000 conversion + 12,000 order value.
    assert m.revenue_lift == pytest.approx(30_000.00, abs=CENT)
    assert m.conversion == pytest.approx(18_000.00, abs=CENT)
    assert m.order_value == pytest.approx(12_000.00, abs=CENT)
    assert m.investment == pytest.approx(19_200.00, abs=CENT)
    assert m.cost_savings == pytest.approx(7_200.00, abs=CENT)
    # (30,000 + 7,200) / 19,200 = 1.9375; roi = 0.9375.
    assert m.benefit_cost_ratio == pytest.approx(1.9375, abs=1e-12)
    assert m.roi == pytest.approx(0.9375, abs=1e-12)
    # Month 0: -6,000. Months 1..12: 2,500 + 600 - 1,000 - 100 = 2,000. Payback 3 months.
    assert m.payback_months == pytest.approx(3.0)
    assert m.payback_within_horizon
    # Undiscounted NPV is the net benefit: 37,200 - 19,200.
    assert m.npv == pytest.approx(18_000.00, abs=CENT)
    # Break-even: (19,200 - 7,200) / (0.5 x 5.00 x 120,000) = 4 %.
    assert m.break_even_relative_lift == pytest.approx(0.04, abs=1e-12)
    at_break_even = arm_money(UnitLift(0.20, 0.20, 5.00), econ, costs, savings)
    assert at_break_even.roi == pytest.approx(0.0, abs=1e-12)


def test_npv_discounts_each_month() -> None:
    econ = Economics(10_000, 12, gross_margin=0.5, discount_rate=0.10)
    costs = [
        CashItem("engine", "technology", monthly=1_000),
        CashItem("project", "personnel", one_off=6_000),
        CashItem("hosting", "ongoing", annual=1_200),
    ]
    savings = [CashItem("emails", "marketing", monthly=600)]
    m = arm_money(UnitLift(0.50, 0.30, 5.00), econ, costs, savings)
    monthly = 1.10 ** (1 / 12)
    by_hand = -6_000 + sum(2_000 / monthly**t for t in range(1, 13))
    assert m.npv == pytest.approx(by_hand, abs=CENT)
    assert m.npv == pytest.approx(16_800.98, abs=CENT)


def test_revenue_basis_without_margin_and_no_payback() -> None:
    econ = Economics(1_000, 6)
    assert econ.basis == "revenue"
    m = arm_money(UnitLift(-0.10, -0.10, 2.0), econ, [CashItem("x", "personnel", 500)], [])
    assert m.revenue_lift == pytest.approx(-600.0)
    assert m.roi == pytest.approx((-600 - 500) / 500)
    assert m.payback_months is None
    assert not m.payback_within_horizon


def test_costs_follow_components() -> None:
    licence = CashItem("licence", "technology", monthly=100, components=("recommendations",))
    shared = CashItem("team", "personnel", one_off=50)
    assert applicable([licence, shared], ["banner"]) == [shared]
    assert applicable([licence, shared], ["banner", "recommendations"]) == [licence, shared]


CONFIG = """\
experiment: {name: round numbers, control: generic, correction: none}
units: {path: units.csv, id: id, arm: arm}
sources:
  orders: {path: orders.csv, id: id}
metrics:
  conversion_rate: {type: binary, value: orders.count}
  revenue_per_visitor: {type: mean, value: orders.amount}
  average_order_value: {type: ratio, numerator: orders.amount, denominator: orders.count}
costs:
  - {name: engine, category: technology, monthly: 2000}
  - {name: integration, category: personnel, one_off: 12000}
  - {name: content, category: ongoing, monthly: 1000}
savings:
  - {name: emails, category: marketing, monthly: 1000}
economics:
  currency: EUR
  revenue_metric: revenue_per_visitor
  eligible_units_per_month: 10000
  horizon_months: 12
  gross_margin: 0.5
"""


def write_round_experiment(folder: Path) -> Path:
    """Control: 100 visitors, 10 orders averaging 50 (CR 10 %, RPV 5.00).
    Treatment: 100 visitors, 11 orders averaging 60 (CR 11 %, RPV 6.60)."""
    units = ["id,arm"] + [f"c{i},generic" for i in range(100)] + [f"t{i},new" for i in range(100)]
    control = [40, 60] * 5
    treatment = [50, 70] * 5 + [60]
    orders = ["id,amount"]
    orders += [f"c{i},{a}" for i, a in enumerate(control)]
    orders += [f"t{i},{a}" for i, a in enumerate(treatment)]
    (folder / "units.csv").write_text("\n".join(units) + "\n")
    (folder / "orders.csv").write_text("\n".join(orders) + "\n")
    path = folder / "audit.yaml"
    path.write_text(CONFIG)
    return path


def test_audit_roi_section_matches_hand_computation(tmp_path: Path) -> None:
    result = result_to_dict(run_audit(load_config(write_round_experiment(tmp_path))))
    (roi,) = result["roi"]
    assert roi["arm"] == "new" and roi["basis"] == "gross_profit" and roi["currency"] == "EUR"
    # RPV lift 1.60 per visitor x 120,000 visitors.
    assert roi["incremental_revenue"] == pytest.approx(192_000.00, abs=CENT)
    assert roi["revenue_lift"] == pytest.approx(96_000.00, abs=CENT)
    # Conversion effect: +1 pp x control AOV 50 = 0.50 a visitor -> 0.5 x 0.50 x 120,000.
    parts = roi["revenue_lift_breakdown"]
    assert parts["conversion"] == pytest.approx(30_000.00, abs=CENT)
    assert parts["order_value"] == pytest.approx(66_000.00, abs=CENT)
    assert parts["clv"] == 0.0
    assert roi["investment"] == pytest.approx(48_000.00, abs=CENT)
    assert roi["cost_savings"] == pytest.approx(12_000.00, abs=CENT)
    assert roi["benefit_cost_ratio"] == pytest.approx(2.25, abs=1e-12)
    assert roi["roi"] == pytest.approx(1.25, abs=1e-12)
    # Net monthly: 8,000 + 1,000 - 3,000 = 6,000 against 12,000 up front.
    assert roi["payback_months"] == pytest.approx(2.0, abs=1e-12)
    assert roi["npv"] == pytest.approx(60_000.00, abs=CENT)
    # (48,000 - 12,000) / (0.5 x 5.00 x 120,000) = 12 %.
    assert roi["break_even_relative_lift"] == pytest.approx(0.12, abs=1e-12)
    low, high = roi["roi_ci"]
    assert low < roi["roi"] < high
    assert 0.5 < roi["probability_roi_positive"] < 1.0
    assert not any(g["area"] == "revenue decomposition" for g in result["gaps"])


def test_missing_conversion_metric_attributes_all_to_conversion(tmp_path: Path) -> None:
    path = write_round_experiment(tmp_path)
    path.write_text(CONFIG.replace("  conversion_rate: {type: binary, value: orders.count}\n", ""))
    result = result_to_dict(run_audit(load_config(path)))
    parts = result["roi"][0]["revenue_lift_breakdown"]
    assert parts["conversion"] == pytest.approx(96_000.00, abs=CENT)
    assert parts["order_value"] == pytest.approx(0.0, abs=CENT)
    assert any(g["area"] == "revenue decomposition" for g in result["gaps"])
