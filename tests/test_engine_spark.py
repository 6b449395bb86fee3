"""The Spark adapter against a local SparkSession (one for the whole run, from conftest)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
import yaml
from engine_fixtures import SAMPLE, assert_engine_audits_like_local, engine_config
from typer.testing import CliRunner

from personalroi.cli import app
from personalroi.config.model import EngineConfig
from personalroi.errors import DataError

runner = CliRunner()
SPARK = EngineConfig(kind="spark", master="local[2]")


@pytest.fixture
def adapter(spark: Any) -> Iterator[Any]:
    from personalroi.engines.spark import open_adapter

    opened = open_adapter(SPARK)
    yield opened
    opened.close()


def test_the_audit_through_spark_equals_the_local_audit(spark: Any, tmp_path: Path) -> None:
    assert_engine_audits_like_local({"kind": "spark", "master": "local[2]"}, tmp_path)


def test_adapter_reuses_the_running_session_and_leaves_it_running(adapter: Any) -> None:
    adapter.close()
    names, rows = adapter.query("SELECT COUNT(*) AS n, MAX(pre_revenue) AS top FROM shop.visitors")
    assert names == ["n", "top"]
    assert rows[0][0] == 20000 and isinstance(rows[0][1], float)


def test_temp_tables_outlive_the_tables_they_were_built_from(adapter: Any) -> None:
    adapter.create_temp_table(
        "arm_sizes", "SELECT variant, COUNT(*) AS n FROM shop.visitors GROUP BY variant"
    )
    adapter.create_temp_table("arm_total", "SELECT SUM(n) AS total FROM arm_sizes")
    # The data layer drops a check's table once the unit table is built from it.
    adapter.drop_temp_table("arm_sizes")
    assert adapter.query("SELECT total FROM arm_total") == (["total"], [(20000,)])
    adapter.drop_temp_table("arm_total")
    with pytest.raises(DataError, match=r"spark: .*arm_total.*Check the table names"):
        adapter.query("SELECT total FROM arm_total")


def test_columns_map_spark_types_to_duckdb_names(adapter: Any) -> None:
    assert adapter.columns("shop.visitors") == {
        "visitor_id": "BIGINT",
        "variant": "VARCHAR",
        "segment": "VARCHAR",
        "channel": "VARCHAR",
        "device": "VARCHAR",
        # Spark's TIMESTAMP is an instant (TIMESTAMP_LTZ); TIMESTAMP_NTZ is the plain one.
        "first_exposure": "TIMESTAMP WITH TIME ZONE",
        "pre_revenue": "DOUBLE",
    }
    adapter.create_temp_table(
        "typed",
        "SELECT CAST(1 AS TINYINT) AS t, CAST(1 AS SMALLINT) AS s, 1 AS i, 1L AS b, "
        "CAST(1.5 AS FLOAT) AS f, 1.5D AS d, CAST(1.25 AS DECIMAL(12,2)) AS dec, 'x' AS v, "
        "TRUE AS bo, DATE'2026-07-01' AS dt, TIMESTAMP_NTZ'2026-07-01 10:00:00' AS ntz, "
        "array(1L, 2L) AS arr",
    )
    assert adapter.columns("typed") == {
        "t": "TINYINT",
        "s": "SMALLINT",
        "i": "INTEGER",
        "b": "BIGINT",
        "f": "FLOAT",
        "d": "DOUBLE",
        "dec": "DECIMAL(12,2)",
        "v": "VARCHAR",
        "bo": "BOOLEAN",
        "dt": "DATE",
        "ntz": "TIMESTAMP",
        "arr": "BIGINT[]",
    }
    adapter.drop_temp_table("typed")


def test_register_path_reads_csv_and_parquet(adapter: Any, tmp_path: Path) -> None:
    orders = SAMPLE / "orders.csv"
    expected = (
        duckdb.connect()
        .execute(f"SELECT COUNT(*), SUM(amount) FROM read_csv('{orders}')")
        .fetchone()
    )
    parquet = tmp_path / "orders.parquet"
    duckdb.sql(f"COPY (SELECT * FROM read_csv('{orders}')) TO '{parquet}' (FORMAT parquet)")
    for view, path in (("orders_csv", orders), ("orders_pq", parquet)):
        adapter.register_path(view, str(path))
        _, rows = adapter.query(f"SELECT COUNT(*), SUM(amount) FROM {view}")
        assert rows[0][0] == expected[0] and rows[0][1] == pytest.approx(expected[1], rel=1e-12)
        assert adapter.columns(view)["amount"] == "DOUBLE"
        adapter.drop_temp_table(view)


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        ("SELECT * FROM shop.nope", r"spark: .*shop.*nope.* Check the table names"),
        ("SELECT nope FROM shop.visitors", r"spark: .*nope.* Check the column names"),
        ("SELEC 1", r"spark: \[PARSE_SYNTAX_ERROR\]"),
    ],
)
def test_faults_are_one_line_data_errors(adapter: Any, sql: str, message: str) -> None:
    with pytest.raises(DataError, match=message) as caught:
        adapter.query(sql)
    assert "\n" not in str(caught.value) and "JVM stacktrace" not in str(caught.value)


def test_missing_path_names_the_path(adapter: Any, tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"spark: .*nowhere\.parquet.*Check the path"):
        adapter.register_path("gone", str(tmp_path / "nowhere.parquet"))


def test_a_uri_path_reaches_spark_as_written(spark: Any, tmp_path: Path) -> None:
    # No object store here: Spark's own refusal must name the URI exactly as written
    # (read as a file path it became <config folder>/s3a:/bucket/...).
    config = engine_config({"kind": "spark", "master": "local[2]"})
    del config["units"]["table"]
    config["units"]["path"] = "s3a://personalroi-test/visitors.parquet"
    path = tmp_path / "c.yaml"
    path.write_text(yaml.safe_dump(config))
    result = runner.invoke(app, ["audit", "-c", str(path), "-q", "--no-history"])
    assert result.exit_code == 2, result.output
    assert "spark: " in result.output
    assert "s3a://personalroi-test/visitors.parquet" in result.output
    assert "Traceback" not in result.output


def test_missing_client_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # pyspark is installed here: make its import fail as on a machine without it.
    monkeypatch.setitem(sys.modules, "pyspark.sql", None)
    from personalroi.engines.spark import open_adapter

    with pytest.raises(DataError, match=r"pip install 'personalroi\[spark\]'"):
        open_adapter(SPARK)
    path = tmp_path / "c.yaml"
    path.write_text(yaml.safe_dump(engine_config({"kind": "spark", "master": "local[2]"})))
    result = runner.invoke(app, ["audit", "-c", str(path), "-q", "--no-history"])
    assert result.exit_code == 2
    assert "pip install 'personalroi[spark]'" in result.output
