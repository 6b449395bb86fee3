"""CUPED on a ratio metric end to end: config, SQL, aggregated input and the audit row."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import pytest
import yaml
from cli_helpers import audit_json as audit
from typer.testing import CliRunner

from personalroi.cli import app
from personalroi.stats.cuped_ratio import compare_ratio_cuped
from personalroi.stats.sufficient import RatioCovariateStats

runner = CliRunner()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Units with pre-period revenue and orders; orders whose basket size carries over."""
    rng = np.random.default_rng(5)
    n = 3000
    arm = np.where(np.arange(n) % 2 == 0, "control", "treat")
    propensity = rng.gamma(1.5, 1.0, n)
    basket = rng.lognormal(3.5, 0.5, n)
    pre_orders = rng.poisson(propensity)
    pre_revenue = np.round(pre_orders * basket * rng.lognormal(0, 0.2, n), 2)
    rows = []
    for unit in range(n):
        for _ in range(rng.poisson(propensity[unit])):
            lift = 1.05 if arm[unit] == "treat" else 1.0
            rows.append((unit, round(basket[unit] * lift * rng.lognormal(0, 0.2), 2)))
    out = tmp_path_factory.mktemp("cuped_ratio")
    pd.DataFrame(
        {"id": range(n), "arm": arm, "pre_revenue": pre_revenue, "pre_orders": pre_orders}
    ).to_csv(out / "units.csv", index=False)
    pd.DataFrame(rows, columns=["id", "amount"]).to_csv(out / "orders.csv", index=False)
    return out


def config(folder: Path, covariate: Any) -> dict[str, Any]:
    return {
        "experiment": {"name": "aov", "control": "control"},
        "units": {
            "path": str(folder / "units.csv"),
            "id": "id",
            "arm": "arm",
            "covariates": {"aov": covariate},
        },
        "sources": {"orders": {"path": str(folder / "orders.csv"), "id": "id"}},
        "metrics": {
            "aov": {"type": "ratio", "numerator": "orders.amount", "denominator": "orders.count"}
        },
    }


def reference_stats(folder: Path, arm: str) -> RatioCovariateStats:
    """The arm's sums computed with pandas, independently of the SQL."""
    units = pd.read_csv(folder / "units.csv")
    orders = pd.read_csv(folder / "orders.csv").groupby("id")["amount"].agg(["sum", "count"])
    units = units.join(orders, on="id").fillna({"sum": 0.0, "count": 0})
    u = units[units["arm"] == arm]
    x, y = u["sum"].to_numpy(float), u["count"].to_numpy(float)
    px, py = u["pre_revenue"].to_numpy(float), u["pre_orders"].to_numpy(float)
    return RatioCovariateStats(
        len(u),
        *(float(v) for v in (x.sum(), x @ x, y.sum(), y @ y, x @ y)),
        *(float(v) for v in (px.sum(), px @ px, py.sum(), py @ py, px @ py)),
        *(float(v) for v in (x @ px, x @ py, y @ px, y @ py)),
    )


def test_audit_row_matches_the_statistics_of_pandas_sums(folder: Path, tmp_path: Path) -> None:
    covariate = {"numerator": "pre_revenue", "denominator": "pre_orders"}
    row = audit(config(folder, covariate), tmp_path)["metrics"][0]
    expected = compare_ratio_cuped(
        reference_stats(folder, "control"), reference_stats(folder, "treat"), 0.05
    )
    assert row["method"].startswith("difference of CUPED-adjusted ratios (pre-period ratio)")
    assert row["absolute_lift"] == pytest.approx(expected.absolute_lift, rel=1e-9)
    assert row["relative_ci"] == pytest.approx(expected.relative_ci, rel=1e-9)
    assert row["variance_reduction"] == pytest.approx(expected.variance_reduction, rel=1e-9)
    assert row["variance_reduction"] > 0.2


def test_sql_output_as_aggregated_input_gives_the_same_row(folder: Path, tmp_path: Path) -> None:
    raw = config(folder, {"numerator": "pre_revenue", "denominator": "pre_orders"})
    path = tmp_path / "raw.yaml"
    path.write_text(yaml.safe_dump(raw))
    sql = runner.invoke(app, ["sql", "-c", str(path), "--section", "stats"])
    assert sql.exit_code == 0, sql.output
    assert "aov__sum_x_py" in sql.stdout
    stats = tmp_path / "stats.csv"
    duckdb.connect().execute(f"COPY ({sql.stdout.strip().rstrip(';')}) TO '{stats}' (HEADER)")
    aggregated = {
        **raw,
        "units": {"aggregated": str(stats), "arm": "arm", "covariates": raw["units"]["covariates"]},
    }
    del aggregated["sources"]
    a = audit(aggregated, tmp_path, "agg")["metrics"][0]
    b = audit(raw, tmp_path, "raw")["metrics"][0]
    for key in ("absolute_lift", "absolute_ci", "relative_ci", "p_value", "variance_reduction"):
        assert a[key] == pytest.approx(b[key], rel=1e-9), key


def test_single_column_covariate_on_a_ratio_metric(folder: Path, tmp_path: Path) -> None:
    row = audit(config(folder, "pre_revenue"), tmp_path)["metrics"][0]
    assert "CUPED" in row["method"] and row["variance_reduction"] is not None


@pytest.mark.parametrize(
    ("metric", "covariate", "message"),
    [
        (
            {"type": "mean", "value": "orders.amount"},
            {"numerator": "pre_revenue", "denominator": "pre_orders"},
            "is a pre-period ratio for ratio metrics; aov is a mean metric",
        ),
        (
            {"type": "ratio", "numerator": "orders.amount", "denominator": "orders.count"},
            {"numerator": "pre_revenue"},
            "covariate of aov: a column name, or {numerator: COLUMN, denominator: COLUMN}",
        ),
        (
            {"type": "ratio", "numerator": "orders.amount", "denominator": "orders.count"},
            {"numerator": "pre_revenue", "denominator": "no_such_column"},
            "no_such_column",
        ),
    ],
)
def test_bad_covariate_is_a_config_error(
    folder: Path, tmp_path: Path, metric: dict[str, Any], covariate: Any, message: str
) -> None:
    data = config(folder, covariate)
    data["metrics"]["aov"] = metric
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(data))
    result = runner.invoke(app, ["audit", "-c", str(path), "-q", "--no-history"])
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output
