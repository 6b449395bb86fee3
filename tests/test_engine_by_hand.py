"""The by-hand warehouse path on real engines: `personalroi sql` run there, saved, audited.

The printed query, run on PostgreSQL or Spark holding the sample, gives per-arm
statistics whose audit (units: {aggregated: FILE}) equals the local audit of the
files to 1e-9 in every metric, the experiment section and the SRM check.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from engine_fixtures import (
    PostgresServer,
    aggregated_config,
    assert_close,
    engine_tables,
    per_unit_config,
    write_csv,
)
from typer.testing import CliRunner

from personalroi.cli import app

runner = CliRunner()


def _audit(config: dict[str, Any], folder: Path, name: str) -> dict[str, Any]:
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump(config))
    result = runner.invoke(
        app, ["audit", "-c", str(path), "--format", "json", "-q", "--no-history"]
    )
    assert result.exit_code in (0, 1), result.output
    out: dict[str, Any] = json.loads(result.stdout)
    return out


def printed_query(dialect: str, folder: Path) -> str:
    """`personalroi sql --dialect D` over the engine's tables, without the final semicolon."""
    config = folder / "raw.yaml"
    config.write_text(yaml.safe_dump(per_unit_config()))
    args = ["sql", "-c", str(config), "--dialect", dialect]
    for name, table in engine_tables().items():
        args += ["--table", f"{name}={table}"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return result.stdout.strip().rstrip(";")


@pytest.fixture(scope="module")
def local_audit(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return _audit(per_unit_config(), tmp_path_factory.mktemp("local"), "local")


def _assert_same_audit(stats: Path, local: dict[str, Any], folder: Path) -> None:
    remote = _audit(aggregated_config(stats), folder, "aggregated")
    assert len(local["metrics"]) == len(remote["metrics"]) > 50  # overall + per level
    for section in ("metrics", "experiment"):
        assert_close(local[section], remote[section], section)
    assert_close(local["data_quality"]["srm"], remote["data_quality"]["srm"], "srm")


def test_postgres_runs_the_printed_query(
    postgres: PostgresServer, local_audit: dict[str, Any], tmp_path: Path
) -> None:
    query = printed_query("postgres", tmp_path)
    with postgres.connect() as con, con.cursor() as cur:
        cur.execute("SET TIME ZONE 'UTC'")
        cur.execute(query.encode())
        names = [d.name for d in cur.description or []]
        rows = cur.fetchall()
    stats = tmp_path / "postgres_stats.csv"
    write_csv(stats, names, rows)
    _assert_same_audit(stats, local_audit, tmp_path)


def test_spark_runs_the_printed_query(
    spark: Any, local_audit: dict[str, Any], tmp_path: Path
) -> None:
    frame = spark.sql(printed_query("spark", tmp_path))
    stats = tmp_path / "spark_stats.csv"
    write_csv(stats, frame.columns, [tuple(row) for row in frame.collect()])
    _assert_same_audit(stats, local_audit, tmp_path)
