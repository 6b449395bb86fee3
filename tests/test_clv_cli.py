"""`personalroi clv`, the clv metric in the audit, and the clv/attribution config checks."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from personalroi.cli import app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "configs" / "example.yaml"


@pytest.fixture(scope="module")
def clv_doc() -> dict:
    result = CliRunner().invoke(app, ["clv", "-c", str(EXAMPLE), "--format", "json", "-q"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_clv_json_has_the_spec_fields(clv_doc: dict) -> None:
    assert clv_doc["schema_version"] == 1
    assert clv_doc["time_unit"] == "week"
    assert [a["arm"] for a in clv_doc["arms"]] == ["generic", "subtle", "extreme"]
    for arm in clv_doc["arms"]:
        for key in (
            "customers",
            "repeat_rate",
            "purchase_frequency",
            "mean_days_between_purchases",
            "expected_clv",
        ):
            assert isinstance(arm[key], int | float), key
        assert set(arm["bgnbd"]) == {"r", "alpha", "a", "b"}
        assert set(arm["gamma_gamma"]) == {"p", "q", "v"}


def test_clv_history_matches_the_orders_file(clv_doc: dict) -> None:
    # Independent count with pandas: buyers per arm, and the share with 2+ purchase days.
    import pandas as pd

    visitors = pd.read_csv(ROOT / "sample_data" / "visitors.csv")
    orders = pd.read_csv(ROOT / "sample_data" / "orders.csv", parse_dates=["ordered_at"])
    orders = orders[orders["ordered_at"] < "2026-09-01"]
    days = orders.assign(day=orders["ordered_at"].dt.date).groupby("visitor_id")["day"].nunique()
    merged = visitors.set_index("visitor_id").join(days.rename("days"), how="inner")
    for arm in clv_doc["arms"]:
        mine = merged[merged["variant"] == arm["arm"]]
        assert arm["customers"] == len(mine)
        assert arm["repeat_rate"] == pytest.approx((mine["days"] > 1).mean())


def test_forecast_comparison_is_treatment_minus_control(clv_doc: dict) -> None:
    by_arm = {a["arm"]: a for a in clv_doc["arms"]}
    rows = [c for c in clv_doc["comparisons"] if c["metric"] == "forecast_clv_per_unit"]
    assert {r["arm"] for r in rows} == {"subtle", "extreme"}
    for row in rows:
        control = by_arm["generic"]["expected_clv_per_unit"]
        treatment = by_arm[row["arm"]]["expected_clv_per_unit"]
        assert row["absolute_lift"] == pytest.approx(treatment - control)
        lo, hi = row["absolute_ci"]
        assert lo < hi and 0 < row["p_value"] <= 1


def test_clv_table_renders(tmp_path: Path) -> None:
    out = tmp_path / "clv.txt"
    result = CliRunner().invoke(app, ["clv", "-c", str(EXAMPLE), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert "BG/NBD" in text and "forecast_clv_per_unit" in text


def test_audit_reports_the_clv_metric_for_roi() -> None:
    result = CliRunner().invoke(app, ["audit", "-c", str(EXAMPLE), "--format", "json", "-q"])
    assert result.exit_code in (0, 1), result.output
    doc = json.loads(result.stdout)
    rows = [m for m in doc["metrics"] if m["type"] == "clv"]
    assert {(r["metric"], r["arm"]) for r in rows} == {
        ("clv_forecast", "subtle"),
        ("clv_forecast", "extreme"),
    }
    for row in rows:
        assert row["absolute_lift"] == pytest.approx(row["treatment_value"] - row["control_value"])
        assert row["p_value_adjusted"] is not None
    assert doc["clv"]["schema_version"] == 1


def _config(tmp_path: Path, extra: str) -> Path:
    text = EXAMPLE.read_text().replace("../sample_data/", str(ROOT / "sample_data") + "/")
    path = tmp_path / "c.yaml"
    path.write_text(text + extra)
    return path


def test_clv_metric_without_clv_section_is_a_located_error(tmp_path: Path) -> None:
    text = EXAMPLE.read_text()
    start = text.index("\nclv:\n")
    stop = text.index("\nattribution:")
    path = tmp_path / "c.yaml"
    path.write_text(text[:start] + text[stop:])
    result = CliRunner().invoke(app, ["audit", "-c", str(path)])
    assert result.exit_code == 2
    assert "metrics.clv_forecast.type: a clv metric needs a clv section" in result.stderr


def test_clv_source_must_exist_and_have_a_timestamp(tmp_path: Path) -> None:
    text = EXAMPLE.read_text().replace("  source: orders\n  amount", "  source: order\n  amount")
    path = tmp_path / "c.yaml"
    path.write_text(text)
    result = CliRunner().invoke(app, ["clv", "-c", str(path)])
    assert result.exit_code == 2
    assert "clv.source: unknown source 'order' (did you mean \"orders\"?)" in result.stderr
    text = EXAMPLE.read_text().replace("  source: orders\n  amount", "  source: survey\n  amount")
    path.write_text(text)
    result = CliRunner().invoke(app, ["clv", "-c", str(path)])
    assert "clv.source: source 'survey' needs a timestamp column" in result.stderr


def test_unknown_clv_key_gets_a_hint(tmp_path: Path) -> None:
    text = EXAMPLE.read_text().replace("  time_unit: week", "  time_unti: week")
    path = tmp_path / "c.yaml"
    path.write_text(text)
    result = CliRunner().invoke(app, ["clv", "-c", str(path)])
    assert result.exit_code == 2
    assert 'clv.time_unti: unknown key (did you mean "time_unit"?)' in result.stderr


def test_missing_amount_column_names_the_key(tmp_path: Path) -> None:
    path = _config(tmp_path, "")
    text = path.read_text().replace("  amount: amount\n  category", "  amount: amt\n  category")
    path.write_text(text)
    result = CliRunner().invoke(app, ["clv", "-c", str(path)])
    assert result.exit_code == 2
    assert "no column 'amt' (named by clv.amount)" in result.stderr


def test_forecast_interval_is_finite_when_a_fit_sits_at_a_bound(tmp_path: Path) -> None:
    # Seed 2 at 3,000 units: every arm's BG/NBD fit hits a bound (a, b -> 0). Parameter
    # draws from the asymptotic normal there overflowed and gave NaN (null) intervals.
    runner = CliRunner()
    made = runner.invoke(app, ["sample", "--out", str(tmp_path), "--units", "3000", "--seed", "2"])
    assert made.exit_code == 0, made.output
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        result = runner.invoke(
            app, ["clv", "-c", str(tmp_path / "personalroi.yaml"), "--format", "json", "-q"]
        )
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert any("hit a bound" in (a["problem"] or "") for a in doc["arms"])
    rows = [c for c in doc["comparisons"] if c["metric"] == "forecast_clv_per_unit"]
    assert rows
    for row in rows:
        low, high = row["absolute_ci"]
        assert low is not None and high is not None
        assert low <= row["absolute_lift"] <= high


def test_clv_without_a_clv_section_exits_2_with_an_example(tmp_path: Path) -> None:
    config = yaml.safe_load(EXAMPLE.read_text())
    del config["clv"]
    config["metrics"] = {k: m for k, m in config["metrics"].items() if m["type"] != "clv"}
    for source in config["sources"].values():
        source["path"] = str((EXAMPLE.parent / source["path"]).resolve())
    config["units"]["path"] = str((EXAMPLE.parent / config["units"]["path"]).resolve())
    path = tmp_path / "no_clv.yaml"
    path.write_text(yaml.safe_dump(config))
    result = CliRunner().invoke(app, ["clv", "-c", str(path)])
    assert result.exit_code == 2
    assert f"{path}: no clv section; add one, e.g.\nclv: {{source: orders" in result.stderr
    assert "Traceback" not in result.output
