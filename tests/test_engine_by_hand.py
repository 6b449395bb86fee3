"""The by-hand warehouse path on real engines: `personalroi sql` run there, saved, audited.

The printed query, run on PostgreSQL or Spark holding the sample, gives per-arm
statistics whose audit (units: {aggregated: FILE}) equals the local audit of the
files to 1e-9 in every metric, the experiment section and the SRM check. Every
section it prints (engagement and attribution included), run as printed on
PostgreSQL (psycopg), Spark (a local SparkSession; slow), Snowflake (fakesnow) and
the BigQuery stand-in (BigQuery's parse, DuckDB's run) and saved as CSV, gives the
local audit's JSON as the DuckDB-run sections do (tests/test_by_hand_sections.py):
statistics to 1e-9, the clv section to 1e-6, the data-quality checks word for word;
on messy exports too, through PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
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
    copy_csv,
    engine_tables,
    per_unit_config,
    printed_query,
    snowflake_emulator,
    split_sections,
    write_csv,
)
from test_by_hand_checks import messy_config, messy_exports
from test_by_hand_sections import assert_same_by_hand, with_sections
from typer.testing import CliRunner

from personalroi.audit.section_sql import SECTIONS
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


Rows = tuple[list[str], list[tuple[Any, ...]]]
# The sections beyond clv_config's that the by-hand tables carry too.
MORE_SECTIONS = ("engagement", "attribution")


def assert_every_section_audits_like_local(
    dialect: str, run: Callable[[str], Rows], folder: Path
) -> None:
    """Every section `personalroi sql --dialect D` prints over the engine's tables, run by
    `run` (a statement -> its column names and rows), saved as CSV and audited by hand:
    the local audit's JSON (assert_same_by_hand)."""
    config = folder / "raw.yaml"
    config.write_text(yaml.safe_dump(with_sections(clv_config(), *MORE_SECTIONS)))
    args = ["sql", "-c", str(config), "--dialect", dialect]
    for name, table in engine_tables().items():
        args += ["--table", f"{name}={table}"]
    printed = CliRunner().invoke(app, args)
    assert printed.exit_code == 0, printed.output
    sections = split_sections(printed.stdout)
    assert list(sections) == [*SECTIONS]
    files = {}
    for name, query in sections.items():
        files[name] = folder / f"{name}.csv"
        write_csv(files[name], *run(query))
    local = audit_json(with_sections(clv_config(), *MORE_SECTIONS), folder, "local")
    by_hand = audit_json(with_sections(by_hand_config(files), *MORE_SECTIONS), folder, "by_hand")
    assert local["engagement"]["confusion"] and local["attribution"]["comparison"]
    assert_same_by_hand(local, by_hand)


def test_postgres_runs_every_printed_section(postgres: PostgresServer, tmp_path: Path) -> None:
    with postgres.connect() as con, con.cursor() as cur:
        cur.execute("SET TIME ZONE 'UTC'")

        def run(query: str) -> Rows:
            cur.execute(query.encode())
            return [d.name for d in cur.description or []], cur.fetchall()

        assert_every_section_audits_like_local("postgres", run, tmp_path)


@pytest.mark.slow  # minutes on a local[2] Spark (trend about 60 s, engagement 35-40 s)
def test_spark_runs_every_printed_section(spark: Any, tmp_path: Path) -> None:
    def run(query: str) -> Rows:
        frame = spark.sql(query)
        return frame.columns, [tuple(row) for row in frame.collect()]

    assert_every_section_audits_like_local("spark", run, tmp_path)


@pytest.fixture(scope="module")
def emulator() -> Iterator[Any]:
    with snowflake_emulator() as con:
        yield con


def test_snowflake_runs_every_printed_section(emulator: Any, tmp_path: Path) -> None:
    def run(query: str) -> Rows:
        cur = emulator.cursor()
        cur.execute(query)
        # fakesnow (DuckDB) reports "ARM" AS "arm" as ARM; Snowflake keeps the alias.
        return [d[0].lower() for d in cur.description], cur.fetchall()

    assert_every_section_audits_like_local("snowflake", run, tmp_path)


def test_bigquery_runs_every_printed_section_as_the_stand_in_reads_it(tmp_path: Path) -> None:
    """No BigQuery here: each statement must parse as BigQuery and avoid what it refuses,
    and its DuckDB reading on the sample gives the local audit (test_engine_bigquery.py)."""
    from test_engine_bigquery import BigQueryStandIn

    assert_every_section_audits_like_local("bigquery", BigQueryStandIn().query, tmp_path)


def test_postgres_runs_the_checks_statement_on_messy_exports(
    postgres: PostgresServer, tmp_path: Path
) -> None:
    """Repeated, cross-arm and unmatched units, negatives, filters, a heavy tail: the checks
    PostgreSQL computes are the local audit's, word for word."""
    messy_exports(tmp_path)
    raw = messy_config("first", True)
    tables = {"units": "units", "orders": "orders", "countries": "countries"}
    with postgres.connect() as con:
        con.execute("CREATE SCHEMA messy")
        for stem in tables.values():
            copy_csv(con, f"messy.{stem}", tmp_path / f"{stem}.csv")
    config = tmp_path / "raw.yaml"
    config.write_text(yaml.safe_dump(raw))
    args = ["sql", "-c", str(config), "--dialect", "postgres"]
    for name, stem in tables.items():
        args += ["--table", f"{name}=messy.{stem}"]
    printed = CliRunner().invoke(app, args)
    assert printed.exit_code == 0, printed.output
    files = {}
    with postgres.connect() as con, con.cursor() as cur:
        cur.execute("SET TIME ZONE 'UTC'")
        for name, query in split_sections(printed.stdout).items():
            cur.execute(query.encode())
            files[name] = tmp_path / f"{name}.csv"
            write_csv(files[name], [d.name for d in cur.description or []], cur.fetchall())
    local = audit_json(raw, tmp_path, "local")
    by_hand = {k: v for k, v in raw.items() if k != "sources"}
    by_hand["units"] = {
        "aggregated": {k: str(v) for k, v in files.items()},
        "dimensions": raw["units"]["dimensions"],
        "covariates": raw["units"]["covariates"],
    }
    remote = audit_json(by_hand, tmp_path, "by_hand")
    assert any(c["name"] == "heavy_tail" and c["status"] == "warn"
               for c in local["data_quality"]["checks"])  # fmt: skip
    assert_close(local["data_quality"], remote["data_quality"], "data_quality")
