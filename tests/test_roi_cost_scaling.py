"""Cost and saving lines that scale with traffic (`scales_with: units`, issue 16 item 7):
a rollout to one dimension level pays that level's share of them; worked by hand."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
from test_roi_levels import CONFIG, write_levels
from typer.testing import CliRunner

from personalroi.audit.run import run_audit
from personalroi.cli import app
from personalroi.config import load_config
from personalroi.report.json_format import result_to_dict
from personalroi.roi.money import AmountRange, CashItem, Economics, Effort, UnitLift, at_traffic
from personalroi.roi.sensitivity import sensitivity

ROOT = Path(__file__).resolve().parent.parent
Z = 1.959963984540054
runner = CliRunner()

# The licence is per unit of traffic (a range, to check that the range scales too);
# the integration is fixed; a saving per unit of traffic.
SCALING = CONFIG.replace(
    "{name: licence, category: technology, monthly: 1000}",
    "{name: licence, category: technology, monthly: [500, 1500], scales_with: units}",
) + ("savings:\n  - {name: fewer emails, category: marketing, monthly: 100, scales_with: units}\n")


def test_a_scaling_line_is_multiplied_whole_and_a_fixed_one_is_not() -> None:
    line = CashItem(
        "api",
        "technology",
        one_off=10.0,
        monthly=100.0,
        ranges=(AmountRange("monthly", 50.0, 150.0),),
        effort=Effort(hours=4.0, cost=10.0),
        scales_with_units=True,
    )
    fixed = CashItem("build", "personnel", one_off=1000.0)
    half, same = at_traffic([line, fixed], 0.5)
    assert (half.one_off, half.monthly) == (5.0, 50.0)
    assert half.ranges == (AmountRange("monthly", 25.0, 75.0),)
    assert half.effort == Effort(hours=2.0, cost=5.0)
    assert half.total_variance(12) == pytest.approx((50.0 * 12) ** 2 / 12)
    assert same is fixed


def test_level_roi_with_a_scaling_licence_by_hand(tmp_path: Path) -> None:
    path = write_levels(tmp_path)
    path.write_text(SCALING)
    result = result_to_dict(run_audit(load_config(path)))
    levels = {r["level"]: r for r in result["roi_by_level"]}
    mobile, desktop = levels["mobile"], levels["desktop"]
    # Mobile (60 % of units): licence 0.6 x 1,000 x 12 = 7,200, integration 12,000 in full.
    assert mobile["investment"] == pytest.approx(19_200.0)
    # Savings 0.6 x 100 x 12 = 720; revenue lift +10 x 0.5 x 6,000 x 12 = 360,000.
    assert mobile["revenue_lift"] == pytest.approx(360_000.0)
    roi = (360_000 + 720) / 19_200 - 1
    assert mobile["roi"] == pytest.approx(roi) == pytest.approx(17.7875)
    # Interval: the lift's slope 0.5 x 72,000 / 19,200 = 1.875 on SE 1.841, plus the
    # licence range [300, 900] a month: Var(I) = (600 x 12)^2 / 12 = 4,320,000, which
    # enters as (roi + 1)^2 Var(I) / I^2.
    se_lift = math.sqrt(2 * (100 * 60 / 59) / 60)
    var = (1.875 * se_lift) ** 2 + (roi + 1) ** 2 * 4_320_000 / 19_200**2
    assert mobile["roi_ci"] == pytest.approx(
        [roi - Z * math.sqrt(var), roi + Z * math.sqrt(var)], rel=1e-9
    )
    # Desktop (40 %): 0.4 x 12,000 + 12,000 = 16,800 invested, 480 saved, -480,000 lift.
    assert desktop["investment"] == pytest.approx(16_800.0)
    assert desktop["roi"] == pytest.approx((-480_000 + 480) / 16_800 - 1)
    # The arm as a whole (share 1) pays the configured amounts: 24,000 and 1,200 saved,
    # against -2 a visitor x 0.5 x 120,000 = -120,000.
    (arm,) = result["roi"]
    assert arm["investment"] == pytest.approx(24_000.0)
    assert arm["cost_savings"] == pytest.approx(1_200.0)
    assert arm["roi"] == pytest.approx((-120_000 + 1_200) / 24_000 - 1)


def test_without_scaling_the_level_pays_the_whole_investment(tmp_path: Path) -> None:
    path = write_levels(tmp_path)
    result = result_to_dict(run_audit(load_config(path)))
    assert {r["investment"] for r in result["roi_by_level"]} == {24_000.0}


def test_sensitivity_moves_scaling_lines_with_eligible_units() -> None:
    # 1,000 units a month for 12 months, +1 a unit at margin 1: benefit 12,000.
    econ = Economics(1_000, 12)
    lift = UnitLift(1.0, 1.0, 10.0)
    costs = [
        CashItem("per visitor", "ongoing", monthly=500.0, scales_with_units=True),
        CashItem("build", "personnel", one_off=2_000.0),
    ]
    row = next(r for r in sensitivity(lift, econ, costs, []) if r.assumption.startswith("elig"))
    # 800 units: benefit 9,600 against 0.8 x 6,000 + 2,000 = 6,800.
    assert row.roi_low == pytest.approx(9_600 / 6_800 - 1)
    # 1,200 units: 14,400 against 7,200 + 2,000 = 9,200.
    assert row.roi_high == pytest.approx(14_400 / 9_200 - 1)


@pytest.mark.parametrize("value", ["visitors", "true", "[units]"])
def test_a_bad_scales_with_is_a_located_config_error(tmp_path: Path, value: str) -> None:
    text = (ROOT / "configs" / "example.yaml").read_text()
    text = text.replace("../sample_data/", f"{ROOT / 'sample_data'}/")
    old = "{name: integration project, category: personnel, one_off: 30000}"
    assert old in text
    config = tmp_path / "c.yaml"
    config.write_text(text.replace(old, old[:-1] + f", scales_with: {value}}}"))
    res = runner.invoke(app, ["validate", "-c", str(config)])
    assert res.exit_code == 2
    assert re.search(r"line \d+: costs\[2\]\.scales_with", res.stderr), res.stderr
    assert "'units'" in res.stderr
