"""The whole audit against an independent pandas aggregation and scipy/statsmodels tests."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest
from scipy import stats as sps
from statsmodels.stats.proportion import test_proportions_2indep as wald_2indep
from typer.testing import CliRunner

from personalroi.audit.run import run_audit
from personalroi.cli import app
from personalroi.config import load_config
from personalroi.data.sample import TRUE_EFFECTS, config_yaml, generate, true_relative_lifts
from personalroi.data.sample_csv import append_csv
from personalroi.report.json_format import result_to_dict

TOL = 1e-9


def write_sample(folder: Path, units: int, seed: int) -> Path:
    data = generate(units, seed)
    con = duckdb.connect()
    for name, columns in data.tables().items():
        append_csv(con, columns, folder / f"{name}.csv", header=True)
    path = folder / "personalroi.yaml"
    # Without the CUPED covariate, so the plain tests can be checked against scipy here;
    # CUPED has its own reference tests.
    text = "\n".join(
        line for line in config_yaml("", units).splitlines() if "covariates:" not in line
    )
    path.write_text(text + "\n")
    return path


def per_unit_reference(folder: Path) -> pd.DataFrame:
    """Per-unit metric values computed with pandas only, following SPEC section 3."""
    v = pd.read_csv(folder / "visitors.csv", parse_dates=["first_exposure"])
    o = pd.read_csv(folder / "orders.csv", parse_dates=["ordered_at"])
    s = pd.read_csv(folder / "sessions.csv", parse_dates=["started_at"])
    window = (pd.Timestamp("2026-07-01"), pd.Timestamp("2026-09-01"))
    v = v[(v.first_exposure >= window[0]) & (v.first_exposure < window[1])]
    o = o[(o.ordered_at >= window[0]) & (o.ordered_at < window[1])]
    s = s[(s.started_at >= window[0]) & (s.started_at < window[1])]
    orders = o.groupby("visitor_id").agg(n_orders=("amount", "size"), revenue=("amount", "sum"))
    sessions = s.groupby("visitor_id").agg(
        bounced=("bounced", "max"), pages=("pages", "sum"), errors=("errors", "sum")
    )
    units = v.set_index("visitor_id").join(orders).join(sessions)
    return units.fillna({"n_orders": 0, "revenue": 0, "pages": 0, "errors": 0})


@pytest.fixture(scope="module")
def audited(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, pd.DataFrame]:
    folder = tmp_path_factory.mktemp("sample")
    config = load_config(write_sample(folder, 30_000, seed=11))
    return result_to_dict(run_audit(config)), per_unit_reference(folder)


def row(result: dict, metric: str, arm: str) -> dict:
    return next(
        r
        for r in result["metrics"]
        if r["metric"] == metric and r["arm"] == arm and r["dimension"] is None
    )


@pytest.mark.parametrize("arm", ["subtle", "extreme"])
def test_binary_metrics_match_statsmodels(audited: tuple[dict, pd.DataFrame], arm: str) -> None:
    result, units = audited
    for metric, flag in [
        ("conversion_rate", units.n_orders > 0),
        ("bounce_rate", units.bounced > 0),
    ]:
        present = units.bounced.notna() if metric == "bounce_rate" else units.n_orders.notna()
        by_arm = flag[present].groupby(units.variant[present])
        counts, nobs = by_arm.sum(), by_arm.size()
        # Unpooled SE (the Wald test), the one the audit's interval uses too.
        p = wald_2indep(
            counts[arm], nobs[arm], counts["generic"], nobs["generic"], method="wald"
        ).pvalue
        got = row(result, metric, arm)
        assert got["n_treatment"] == nobs[arm]
        assert got["p_value"] == pytest.approx(p, abs=TOL)


@pytest.mark.parametrize("arm", ["subtle", "extreme"])
def test_mean_metrics_match_scipy_welch(audited: tuple[dict, pd.DataFrame], arm: str) -> None:
    result, units = audited
    for metric, column in [("pages_per_visitor", "pages"), ("page_load_errors", "errors")]:
        c, t = units[column][units.variant == "generic"], units[column][units.variant == arm]
        ref = sps.ttest_ind(t, c, equal_var=False)
        got = row(result, metric, arm)
        assert got["p_value"] == pytest.approx(ref.pvalue, abs=TOL)
        ci = ref.confidence_interval()
        assert got["absolute_ci"] == pytest.approx([ci.low, ci.high], abs=TOL)


def test_winsorized_revenue_matches_pooled_cap(audited: tuple[dict, pd.DataFrame]) -> None:
    result, units = audited
    cap = np.quantile(units.revenue, 0.999)  # linear interpolation = DuckDB quantile_cont
    capped = units.revenue.clip(upper=cap)
    c, t = capped[units.variant == "generic"], capped[units.variant == "extreme"]
    ref = sps.ttest_ind(t, c, equal_var=False)
    assert row(result, "revenue_per_visitor", "extreme")["p_value"] == pytest.approx(
        ref.pvalue, abs=TOL
    )


def test_ratio_metric_point_estimate(audited: tuple[dict, pd.DataFrame]) -> None:
    result, units = audited
    for arm in ["generic", "subtle"]:
        part = units[units.variant == arm]
        aov = part.revenue.sum() / part.n_orders.sum()
        got = row(result, "average_order_value", "subtle")
        value = got["control_value"] if arm == "generic" else got["treatment_value"]
        assert value == pytest.approx(aov, rel=TOL)


def test_true_effects_mostly_inside_the_ci(tmp_path: Path) -> None:
    """On a large sample the 95 % CI covers the known true relative lift for most metrics."""
    result = result_to_dict(run_audit(load_config(write_sample(tmp_path, 120_000, seed=3))))
    covered = total = 0
    for arm in TRUE_EFFECTS:
        for metric, truth in true_relative_lifts(arm).items():
            lo, hi = row(result, metric, arm)["relative_ci"]
            total += 1
            covered += lo <= truth <= hi
    assert covered >= total - 1, f"only {covered} of {total} true effects inside their CI"


def test_cli_json_is_the_same_result(example_config: Path) -> None:
    run = CliRunner().invoke(app, ["audit", "-c", str(example_config), "--format", "json"])
    assert run.exit_code == 0, run.output
    payload = json.loads(run.stdout)
    assert payload["schema_version"] == 1
    assert {"experiment", "data_quality", "metrics"} <= set(payload)
    first = payload["metrics"][0]
    for key in [
        "metric",
        "type",
        "arm",
        "dimension",
        "level",
        "n_control",
        "n_treatment",
        "control_value",
        "treatment_value",
        "absolute_lift",
        "absolute_ci",
        "relative_lift",
        "relative_ci",
        "p_value",
        "p_value_adjusted",
        "significant",
        "chance_to_beat_control",
        "method",
        "goal",
        "status",
    ]:
        assert key in first
