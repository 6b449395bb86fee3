"""ROI per dimension level and targeted-rollout candidates (issue 16 item 7, SPEC 7.2)."""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import pytest

from personalroi.audit.roi_levels import eligible_shares, roi_by_level
from personalroi.audit.roi_section import roi_section
from personalroi.audit.run import run_audit
from personalroi.config import load_config
from personalroi.report.json_format import result_to_dict
from personalroi.report.markdown import render_markdown
from personalroi.scorecard.priorities import ArmValue, LevelValue, prioritize

Z = 1.959963984540054

CONFIG = """\
experiment: {name: levels by hand, control: generic, correction: none}
units: {path: units.csv, id: id, arm: arm, dimensions: [device]}
sources:
  orders: {path: orders.csv, id: id}
metrics:
  revenue_per_visitor: {type: mean, value: orders.amount}
costs:
  - {name: licence, category: technology, monthly: 1000}
  - {name: integration, category: personnel, one_off: 12000}
economics:
  currency: EUR
  revenue_metric: revenue_per_visitor
  eligible_units_per_month: 10000
  horizon_months: 12
  gross_margin: 0.5
"""


def write_levels(folder: Path) -> Path:
    """Each arm: 60 mobile and 40 desktop visitors, one order each.
    Control spends 40/60 alternately everywhere (mean 50).
    Treatment: mobile 50/70 (mean 60, +10), desktop 20/40 (mean 30, -20)."""
    units, orders = ["id,arm,device"], ["id,amount"]
    plan = {
        ("generic", "mobile"): (40, 60),
        ("generic", "desktop"): (40, 60),
        ("new", "mobile"): (50, 70),
        ("new", "desktop"): (20, 40),
    }
    for (arm, device), (low, high) in plan.items():
        for i in range(60 if device == "mobile" else 40):
            uid = f"{arm}-{device}-{i}"
            units.append(f"{uid},{arm},{device}")
            orders.append(f"{uid},{low if i % 2 == 0 else high}")
    (folder / "units.csv").write_text("\n".join(units) + "\n")
    (folder / "orders.csv").write_text("\n".join(orders) + "\n")
    path = folder / "audit.yaml"
    path.write_text(CONFIG)
    return path


def test_eligible_shares_are_each_levels_share_of_the_units() -> None:
    assert eligible_shares({"mobile": 120, "desktop": 80}) == {"mobile": 0.6, "desktop": 0.4}
    assert eligible_shares({"x": 0}) == {"x": 0.0}


def test_level_roi_and_interval_by_hand(tmp_path: Path) -> None:
    result = result_to_dict(run_audit(load_config(write_levels(tmp_path))))
    levels = {r["level"]: r for r in result["roi_by_level"]}
    assert set(levels) == {"mobile", "desktop"}
    mobile, desktop = levels["mobile"], levels["desktop"]
    # Shares: 120 and 80 of 200 units, pooled over both arms.
    assert mobile["eligible_share"] == pytest.approx(0.6)
    assert desktop["eligible_share"] == pytest.approx(0.4)
    assert mobile["dimension"] == "device" and mobile["arm"] == "new"
    # Investment: 12,000 + 1,000 x 12 = 24,000, in full for either level.
    assert mobile["investment"] == pytest.approx(24_000.0)
    # Mobile: +10 a visitor x 0.5 margin x 10,000 x 0.6 x 12 = 360,000 -> ROI 14.
    assert mobile["eligible_units_per_month"] == pytest.approx(6_000.0)
    assert mobile["revenue_lift"] == pytest.approx(360_000.0)
    assert mobile["roi"] == pytest.approx(14.0)
    # SE of the lift: both arms' 30 x 40|50 and 30 x 60|70 have variance 100 x 60/59.
    se_lift = math.sqrt(2 * (100 * 60 / 59) / 60)
    se_roi = 0.5 * 72_000 / 24_000 * se_lift  # slope 1.5 per EUR of lift
    assert mobile["roi_ci"] == pytest.approx([14 - Z * se_roi, 14 + Z * se_roi], rel=1e-6)
    assert mobile["roi_ci"] == pytest.approx([8.5876, 19.4124], abs=1e-3)
    assert mobile["probability_roi_positive"] > 0.999
    # Desktop: -20 x 0.5 x 10,000 x 0.4 x 12 = -480,000 -> ROI -21, SE 1 x sqrt(2 x 100/39).
    assert desktop["roi"] == pytest.approx(-21.0)
    se_desk = 0.5 * 48_000 / 24_000 * math.sqrt(2 * (100 * 40 / 39) / 40)
    assert desktop["roi_ci"] == pytest.approx([-21 - Z * se_desk, -21 + Z * se_desk], rel=1e-6)
    # The arm: (60 x 60 + 40 x 30) / 100 = 48 against 50: -2 a visitor, ROI -6, not proven.
    (arm,) = result["roi"]
    assert arm["roi"] == pytest.approx(-6.0)
    assert arm["probability_roi_positive"] < 0.95
    # ... so mobile is named for a targeted rollout, on the priority and in its advice.
    (priority,) = result["priorities"]
    (candidate,) = priority["targeted_rollout"]
    assert (candidate["dimension"], candidate["level"]) == ("device", "mobile")
    assert "Targeted rollout candidate" in priority["recommendation"]
    assert "device mobile (60% of units): ROI +1400%, P(ROI>0) 100%" in priority["recommendation"]
    markdown = render_markdown(result)
    assert "### ROI by level" in markdown
    assert "| new | device | mobile | 60.0% | +1400% \\[+859%, +1941%\\] | 100.0% |" in markdown


def test_proven_arm_names_no_targeted_level() -> None:
    proven = LevelValue("device", "mobile", 0.6, 3.0, 0.99)
    arm = ArmValue("a", (), 300.0, 100.0, 2.0, 0.97, levels=(proven,))
    (priority,) = prioritize([arm])
    assert priority.targeted_rollout == ()
    unproven = replace(arm, probability_roi_positive=0.8)
    (priority,) = prioritize([unproven])
    assert priority.targeted_rollout == (proven,)
    weak = replace(unproven, levels=(replace(proven, probability_roi_positive=0.94),))
    assert prioritize([weak])[0].targeted_rollout == ()


def test_priorities_tables_show_the_flag_in_markdown() -> None:
    result = {
        "priorities": [
            {
                "rank": 1,
                "arm": "loud",
                "roi": 2.0,
                "probability_roi_positive": 0.9,
                "investment": 100.0,
                "flag": "harms customers (NPS): ranked after arms without harm",
                "recommendation": "significantly harms nps",
            }
        ],
        "experiment": {"name": "x", "control": "c", "treatments": ["loud"], "alpha": 0.05},
    }
    from personalroi.report.html_view import priorities
    from personalroi.report.markdown import _priorities

    lines = "\n".join(_priorities(result))
    assert "| flag |" in lines and "harms customers (NPS)" in lines
    table = priorities(result)
    assert table is not None and "flag" in table.header
    assert any("harms customers" in c.text for c in table.rows[0])


@pytest.fixture(scope="module")
def sample() -> tuple[object, object]:
    config = load_config(Path(__file__).parents[1] / "configs" / "example.yaml")
    return config, run_audit(config)


def test_sample_shares_sum_to_one_per_dimension(sample: tuple[object, object]) -> None:
    _config, result = sample
    levels = result.roi_by_level  # type: ignore[attr-defined]
    assert levels
    totals: dict[tuple[str, str], float] = {}
    for lv in levels:
        key = (lv.arm, lv.dimension)
        totals[key] = totals.get(key, 0.0) + lv.eligible_share
        assert lv.investment == next(e.investment for e in result.roi if e.arm == lv.arm)  # type: ignore[attr-defined]
    assert totals and all(t == pytest.approx(1.0) for t in totals.values())


def test_sample_level_with_the_whole_data_reproduces_the_arm_roi(
    sample: tuple[object, object],
) -> None:
    """Relabel the top-level rows as the one level of a dimension: share 1, same ROI."""
    config, result = sample
    rows = list(result.metrics)  # type: ignore[attr-defined]
    treatments = list(result.experiment.treatments)  # type: ignore[attr-defined]
    whole = [replace(r, dimension="all", level="everyone") for r in rows if r.dimension is None]
    levels = roi_by_level(config, whole, treatments, {"all": {"everyone": 20_000}})  # type: ignore[arg-type]
    # The arm's ROI with the fallback correlations, as the levels use them.
    arms, _gaps = roi_section(config, rows, treatments, 0.05)  # type: ignore[arg-type]
    assert len(levels) == len(arms) == 2
    for level, arm in zip(levels, arms, strict=True):
        assert level.eligible_share == 1.0
        assert level.roi == pytest.approx(arm.roi, rel=1e-12)
        assert level.roi_ci == pytest.approx(arm.roi_ci, rel=1e-12)
        assert level.probability_roi_positive == pytest.approx(arm.probability_roi_positive)
