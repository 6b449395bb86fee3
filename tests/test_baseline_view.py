"""The baseline view: pre-period levels per arm, checked by hand and against pandas."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from personalroi.audit.baseline import baseline_rows
from personalroi.audit.run import run_audit
from personalroi.config import load_config
from personalroi.config.model import Config
from personalroi.report.json_format import result_to_dict
from personalroi.report.markdown import render_markdown
from personalroi.stats.sufficient import JointStats, RatioCovariateStats, SampleStats

ROOT = Path(__file__).resolve().parent.parent


def config(covariates: dict[str, object]) -> Config:
    return Config.model_validate(
        {
            "experiment": {"name": "t", "control": "a"},
            "units": {"path": "u.csv", "id": "id", "arm": "arm", "covariates": covariates},
            "metrics": {
                "rpv": {"type": "mean", "value": "units.revenue"},
                "aov": {"type": "ratio", "numerator": "units.rev", "denominator": "units.n"},
            },
        }
    )


def test_levels_by_hand() -> None:
    # Control: 4 units, metric sum 20 (mean 5), pre-period sum 40 (mean 10).
    # Treatment: 5 units, metric sum 30 (mean 6), pre-period sum 55 (mean 11).
    stats = {
        "a": {"rpv": JointStats(4, 20.0, 0.0, 40.0, 0.0, 0.0)},
        "b": {"rpv": JointStats(5, 30.0, 0.0, 55.0, 0.0, 0.0)},
    }
    control, arm = baseline_rows(config({"rpv": "pre"}), stats, ["a", "b"])
    assert (control.before, control.after, control.change) == (10.0, 5.0, -0.5)
    assert control.before_vs_control is None
    assert (arm.before, arm.after) == (11.0, 6.0)
    assert arm.change == pytest.approx(6 / 11 - 1)
    assert arm.before_vs_control == pytest.approx(0.1)


def test_ratio_covariate_compares_ratios() -> None:
    # Post: 120 revenue over 40 orders (AOV 3); pre: 90 over 45 (AOV 2).
    ratio = RatioCovariateStats(10, 120.0, 0.0, 40.0, 0.0, 0.0, 90.0, 0.0, 45.0, 0.0, 0.0,
                                0.0, 0.0, 0.0, 0.0)  # fmt: skip
    cov = {"aov": {"numerator": "pre_rev", "denominator": "pre_n"}}
    (row,) = baseline_rows(config(cov), {"a": {"aov": ratio}}, ["a"])
    assert (row.covariate, row.before, row.after, row.change) == ("pre_rev / pre_n", 2.0, 3.0, 0.5)


def test_metrics_without_a_covariate_have_no_row() -> None:
    stats = {"a": {"rpv": SampleStats(4, 20.0, 0.0)}}
    assert baseline_rows(config({}), stats, ["a"]) == ()


def test_sample_pre_period_levels_match_pandas() -> None:
    cfg = load_config(ROOT / "configs" / "example.yaml")
    result = result_to_dict(run_audit(cfg))
    units = pd.read_csv(ROOT / "sample_data" / "visitors.csv", parse_dates=["first_exposure"])
    inside = units[
        (units["first_exposure"] >= "2026-07-01") & (units["first_exposure"] < "2026-09-01")
    ]
    expected = inside.groupby("variant")["pre_revenue"].mean()
    rows = {r["arm"]: r for r in result["baseline"]}
    assert list(rows) == ["generic", "subtle", "extreme"]
    for arm, row in rows.items():
        assert row["before"] == pytest.approx(expected[arm], rel=1e-12)
    assert rows["extreme"]["before_vs_control"] == pytest.approx(
        expected["extreme"] / expected["generic"] - 1, rel=1e-12
    )
    assert "### Baseline: pre-period level vs the test period" in render_markdown(result)
