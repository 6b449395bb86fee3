"""`personalroi sql` and aggregated input: the warehouse path gives the raw-data numbers."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import duckdb
import pytest
import sqlglot
import yaml
from typer.testing import CliRunner

from personalroi.cli import app
from personalroi.cli.common import bundled_config
from personalroi.engines.dialect import DIALECTS

runner = CliRunner()
EXAMPLE = bundled_config()


def _raw_config() -> dict[str, Any]:
    data = yaml.safe_load(EXAMPLE.read_text())
    base = EXAMPLE.parent
    data["units"]["path"] = str((base / data["units"]["path"]).resolve())
    for source in data["sources"].values():
        source["path"] = str((base / source["path"]).resolve())
    # The CLV forecast is fitted on order histories, not on sufficient statistics:
    # outside what aggregated input can reproduce.
    data.pop("clv", None)
    data.pop("attribution", None)
    data.pop("engagement", None)  # session-level insights: not in per-arm statistics either
    data["metrics"] = {n: m for n, m in data["metrics"].items() if m["type"] != "clv"}
    return data


def _aggregated_config(stats_file: Path, **metric_updates: dict[str, Any]) -> dict[str, Any]:
    data = _raw_config()
    units = data["units"]
    data["units"] = {
        "aggregated": str(stats_file),
        "dimensions": units["dimensions"],
        "covariates": units["covariates"],
    }
    del data["sources"]  # not needed: the statistics are already computed
    for name, update in metric_updates.items():
        data["metrics"][name].update(update)
    return data


def _audit(config: dict[str, Any], tmp_path: Path, name: str) -> dict[str, Any]:
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(config))
    result = runner.invoke(app, ["audit", "-c", str(path), "--format", "json", "-q"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def _assert_close(a: Any, b: Any, where: str = "") -> None:
    if isinstance(a, dict):
        assert set(a) == set(b), where
        for key in a:
            _assert_close(a[key], b[key], f"{where}.{key}")
    elif isinstance(a, list):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            _assert_close(x, y, f"{where}[{i}]")
    elif isinstance(a, float) and isinstance(b, float):
        assert math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12), (where, a, b)
    else:
        assert a == b, (where, a, b)


@pytest.fixture(scope="module")
def stats_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Run the printed DuckDB query on the sample data and save its result as CSV."""
    folder = tmp_path_factory.mktemp("warehouse")
    args = ["sql", "-c", str(EXAMPLE), "--dialect", "duckdb", "--section", "stats"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    out = folder / "arm_stats.csv"
    query = result.stdout.strip().rstrip(";")
    duckdb.connect().execute(f"COPY ({query}) TO '{out}' (HEADER)")
    return out


def test_audit_of_sql_output_equals_audit_of_raw_rows(stats_csv: Path, tmp_path: Path) -> None:
    raw = _audit(_raw_config(), tmp_path, "raw")
    aggregated = _audit(_aggregated_config(stats_csv), tmp_path, "aggregated")
    assert len(raw["metrics"]) == len(aggregated["metrics"]) > 50  # overall + per level
    for section in ("metrics", "experiment"):
        _assert_close(raw[section], aggregated[section], section)
    _assert_close(raw["data_quality"]["srm"], aggregated["data_quality"]["srm"], "srm")
    names = [c["name"] for c in aggregated["data_quality"]["checks"]]
    assert "aggregated_input" in names and "winsorized_upstream" in names


def test_unit_level_tests_fall_back_to_the_default_test(stats_csv: Path, tmp_path: Path) -> None:
    config = _aggregated_config(stats_csv, pages_per_visitor={"test": "mann-whitney"})
    result = _audit(config, tmp_path, "mw")
    row = next(m for m in result["metrics"] if m["metric"] == "pages_per_visitor")
    assert "welch" in row["method"].lower()
    check = next(c for c in result["data_quality"]["checks"] if c["name"] == "unit_level_tests")
    assert check["status"] == "warn" and "pages_per_visitor" in check["detail"]


def test_parquet_aggregated_input_without_n_units(stats_csv: Path, tmp_path: Path) -> None:
    parquet = tmp_path / "stats.parquet"
    duckdb.connect().execute(
        f"COPY (SELECT * EXCLUDE (n_units) FROM '{stats_csv}') TO '{parquet}' (FORMAT parquet)"
    )
    result = _audit(_aggregated_config(parquet), tmp_path, "pq")
    observed = result["data_quality"]["srm"]["observed"]
    # Without n_units the largest metric n (every unit has a conversion value) is the arm size.
    raw = _audit(_raw_config(), tmp_path, "raw")
    assert observed == raw["data_quality"]["srm"]["observed"]


@pytest.mark.parametrize("dialect", DIALECTS)
def test_every_dialect_parses_back(dialect: str) -> None:
    result = runner.invoke(app, ["sql", "-c", str(EXAMPLE), "--dialect", dialect])
    assert result.exit_code == 0, result.output
    tree = sqlglot.parse_one(result.stdout, read=dialect)
    assert tree.find(sqlglot.exp.Group) is not None
    assert "revenue_per_visitor__sum_xy" in result.stdout


def test_table_override_and_dialect_spelling() -> None:
    result = runner.invoke(
        app,
        ["sql", "-c", str(EXAMPLE), "-d", "bigquery", "--table", "units=my-proj.shop.visitors"],
    )
    assert result.exit_code == 0, result.output
    assert "FROM `my-proj`.shop.visitors" in result.stdout
    assert "FROM `orders`" in result.stdout  # default: a table named like the file
    assert "GROUPING SETS" in result.stdout
    # BigQuery has PERCENTILE_CONT only as an analytic function; Spark spells it percentile.
    assert "PERCENTILE_CONT(`revenue_per_visitor`, 0.999) OVER ()" in result.stdout
    spark = runner.invoke(app, ["sql", "-c", str(EXAMPLE), "-d", "spark"]).stdout
    assert "PERCENTILE(`revenue_per_visitor`, 0.999)" in spark


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("units", "expected NAME=TABLE"),
        ("unitz=x.y", "no source 'unitz' (did you mean \"units\"?)"),
    ],
)
def test_bad_table_override_is_a_usage_error(option: str, message: str) -> None:
    result = runner.invoke(app, ["sql", "-c", str(EXAMPLE), "--table", option])
    assert result.exit_code == 2
    assert message in result.stderr


def test_missing_statistic_column_is_located(stats_csv: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.csv"
    duckdb.connect().execute(
        f"COPY (SELECT * EXCLUDE (nps__sum_sq) FROM '{stats_csv}') TO '{broken}' (HEADER)"
    )
    path = tmp_path / "c.yaml"
    path.write_text(yaml.safe_dump(_aggregated_config(broken)))
    result = runner.invoke(app, ["audit", "-c", str(path), "-q"])
    assert result.exit_code == 2
    assert f"{broken}: no column 'nps__sum_sq' (named by metrics.nps)" in result.stderr


@pytest.mark.parametrize(
    ("units", "message"),
    [
        ({"path": "v.csv", "arm": "variant"}, "missing required key(s) id"),
        ({"aggregated": "s.csv", "path": "v.csv"}, "aggregated input takes no path"),
    ],
)
def test_units_mode_validation(units: dict[str, Any], message: str, tmp_path: Path) -> None:
    data = _raw_config()
    data["units"] = units
    path = tmp_path / "c.yaml"
    path.write_text(yaml.safe_dump(data))
    result = runner.invoke(app, ["audit", "-c", str(path), "-q"])
    assert result.exit_code == 2
    assert message in result.stderr


def test_sql_refuses_an_aggregated_config(stats_csv: Path, tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(yaml.safe_dump(_aggregated_config(stats_csv)))
    result = runner.invoke(app, ["sql", "-c", str(path)])
    assert result.exit_code == 2
    assert "reads aggregated input" in result.stderr


def test_config_copied_from_the_raw_audit_reads_the_sql_output(
    stats_csv: Path, tmp_path: Path
) -> None:
    """`personalroi sql` names the arm column `arm`; a config that kept units.arm: variant
    from the raw audit still reads it, with the same numbers."""
    plain = _audit(_aggregated_config(stats_csv), tmp_path, "plain")
    copied = _aggregated_config(stats_csv)
    copied["units"]["arm"] = "variant"
    _assert_close(plain["metrics"], _audit(copied, tmp_path, "copied")["metrics"], "metrics")


@pytest.mark.parametrize(
    ("section", "message"),
    [
        (
            "clv",
            "units.aggregated.clv: the CLV models need the buyers' purchase histories: save "
            "the clv query of `personalroi sql` and give it as units.aggregated.clv",
        ),
        (
            "attribution",
            "units.aggregated.attribution: attribution needs each arm's journeys: save the "
            "attribution query of `personalroi sql` and give it as units.aggregated.attribution",
        ),
    ],
)
def test_unit_level_sections_are_refused_for_aggregated_input(
    stats_csv: Path, tmp_path: Path, section: str, message: str
) -> None:
    """Before, a clv section on aggregated input failed with `.: is a folder`, and an
    attribution section was silently left out."""
    full = yaml.safe_load(EXAMPLE.read_text())
    config = _aggregated_config(stats_csv)
    config["sources"] = {
        name: {**source, "path": str((EXAMPLE.parent / source["path"]).resolve())}
        for name, source in full["sources"].items()
    }
    config[section] = full[section]
    path = tmp_path / "agg.yaml"
    path.write_text(yaml.safe_dump(config))
    result = runner.invoke(app, ["audit", "-c", str(path), "-q"])
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split())
