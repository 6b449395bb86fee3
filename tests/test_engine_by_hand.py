"""The by-hand warehouse path on real engines: `personalroi sql` run there, saved, audited.

The printed query, run on PostgreSQL or Spark holding the sample, gives per-arm
statistics whose audit (units: {aggregated: FILE}) equals the local audit of the
files to 1e-9 in every metric, the experiment section and the SRM check. Every
section it prints, run on PostgreSQL with psycopg and saved as CSV, gives the local
audit's JSON as the DuckDB-run sections do (tests/test_by_hand_sections.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from engine_fixtures import (
    PostgresServer,
    aggregated_config,
    assert_close,
    assert_same_audit,
    audit_json,
    by_hand_config,
    clv_config,
    engine_tables,
    per_unit_config,
    printed_query,
    split_sections,
    write_csv,
)
from test_by_hand_sections import assert_same_by_hand, with_engagement
from typer.testing import CliRunner

from personalroi.cli import app


@pytest.fixture(scope="module")
def local_audit(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return audit_json(per_unit_config(), tmp_path_factory.mktemp("local"), "local")


def _assert_same_audit(stats: Path, local: dict[str, Any], folder: Path) -> None:
    remote = audit_json(aggregated_config(stats), folder, "aggregated")
    assert len(local["metrics"]) == len(remote["metrics"]) > 50  # overall + per level
    assert_same_audit(local, remote, ("metrics", "experiment"))
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


def test_postgres_runs_every_printed_section(postgres: PostgresServer, tmp_path: Path) -> None:
    config = tmp_path / "raw.yaml"
    config.write_text(yaml.safe_dump(with_engagement(clv_config())))
    args = ["sql", "-c", str(config), "--dialect", "postgres"]
    for name, table in engine_tables().items():
        args += ["--table", f"{name}={table}"]
    printed = CliRunner().invoke(app, args)
    assert printed.exit_code == 0, printed.output
    sections = split_sections(printed.stdout)
    assert list(sections) == ["stats", "clv", "trend", "moments", "engagement"]
    files = {}
    with postgres.connect() as con, con.cursor() as cur:
        cur.execute("SET TIME ZONE 'UTC'")
        for name, query in sections.items():
            cur.execute(query.encode())
            files[name] = tmp_path / f"{name}.csv"
            write_csv(files[name], [d.name for d in cur.description or []], cur.fetchall())
    local = audit_json(with_engagement(clv_config()), tmp_path, "local_clv")
    by_hand = audit_json(with_engagement(by_hand_config(files)), tmp_path, "by_hand")
    assert local["engagement"]["confusion"]
    assert_same_by_hand(local, by_hand)
