"""The PostgreSQL adapter against a real server (started by conftest's `postgres`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from engine_fixtures import (
    SAMPLE,
    PostgresServer,
    assert_engine_audits_like_local,
    assert_same_audit,
    audit_json,
    engine_config,
    sample_config,
)

from personalroi.config.model import EngineConfig
from personalroi.errors import DataError

URL_ENV = "PERSONALROI_TEST_PG_URL"
POSTGRES = EngineConfig(kind="postgres", url_env=URL_ENV)


@pytest.fixture
def adapter(postgres: PostgresServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    from personalroi.engines.postgres import open_adapter

    monkeypatch.setenv(URL_ENV, postgres.url())
    opened = open_adapter(POSTGRES)
    yield opened
    opened.close()


def test_the_audit_through_postgres_equals_the_local_audit(
    postgres: PostgresServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(URL_ENV, postgres.url())
    assert_engine_audits_like_local({"kind": "postgres", "url_env": URL_ENV}, tmp_path)


def test_query_and_temp_tables(adapter: Any) -> None:
    names, rows = adapter.query("SELECT COUNT(*) AS n FROM shop.visitors")
    assert names == ["n"] and rows == [(20000,)]
    adapter.create_temp_table(
        "arm_sizes", "SELECT variant, COUNT(*) AS n FROM shop.visitors GROUP BY 1"
    )
    assert adapter.query("SELECT SUM(n) FROM arm_sizes")[1] == [(20000,)]
    adapter.drop_temp_table("arm_sizes")
    with pytest.raises(DataError, match=r"postgres: .*arm_sizes.*Check the table names"):
        adapter.query("SELECT * FROM arm_sizes")


def test_columns_map_postgres_types(adapter: Any) -> None:
    assert adapter.columns("shop.orders") == {
        "order_id": "BIGINT",
        "visitor_id": "BIGINT",
        "ordered_at": "TIMESTAMP",
        "amount": "DOUBLE",
        "category": "VARCHAR",
    }
    adapter.run(
        "CREATE TEMPORARY TABLE typed (i integer, s smallint, r real, b boolean, d date, "
        "tz timestamptz, v varchar(10), n numeric(12,2))"
    )
    columns = adapter.columns("typed")
    assert columns == {
        "i": "INTEGER",
        "s": "SMALLINT",
        "r": "FLOAT",
        "b": "BOOLEAN",
        "d": "DATE",
        "tz": "TIMESTAMP WITH TIME ZONE",
        "v": "VARCHAR",
        "n": columns["n"],
    }
    assert columns["n"].startswith("DECIMAL")


# The sample with boolean columns: sessions.bounced as a boolean and a unit column
# is_mobile; one SELECT for DuckDB (to Parquet) and PostgreSQL (a table).
WITH_BOOLEANS = {
    "visitors": "SELECT *, device = 'mobile' AS is_mobile FROM {}",
    "sessions": (
        "SELECT visitor_id, started_at, pages, time_on_site, bounced <> 0 AS bounced, errors, "
        "personalized_impressions, personalized_clicks, default_impressions, default_clicks "
        "FROM {}"
    ),
}


def test_boolean_value_columns_read_as_one_and_zero(
    postgres: PostgresServer, adapter: Any, tmp_path: Path
) -> None:
    """Binary metrics on boolean columns (PostgreSQL has no boolean-to-double cast):
    bounce_rate and engagement on sessions.bounced, a metric on the unit column
    is_mobile. The same values in Parquet files make the local audit: equal."""
    local = sample_config()
    local["metrics"]["mobile_share"] = {"type": "binary", "value": "units.is_mobile"}
    remote = engine_config({"kind": "postgres", "url_env": URL_ENV})
    remote["metrics"] = local["metrics"]
    with postgres.connect() as con:
        con.execute("CREATE SCHEMA IF NOT EXISTS bools")
        for name, select in WITH_BOOLEANS.items():
            csv = f"read_csv('{SAMPLE / name}.csv')"
            path = tmp_path / f"{name}.parquet"
            duckdb.execute(f"COPY ({select.format(csv)}) TO '{path}' (FORMAT parquet)")
            table = f"bools.{name}"
            con.execute(f"CREATE TABLE IF NOT EXISTS {table} AS {select.format(f'shop.{name}')}")
    # The columns are booleans on both sides.
    for name, column in (("visitors", "is_mobile"), ("sessions", "bounced")):
        described = duckdb.sql(f"DESCRIBE SELECT * FROM '{tmp_path / name}.parquet'").fetchall()
        assert {r[0]: r[1] for r in described}[column] == "BOOLEAN"
        assert adapter.columns(f"bools.{name}")[column] == "BOOLEAN"
    local["units"]["path"] = str(tmp_path / "visitors.parquet")
    local["sources"]["sessions"]["path"] = str(tmp_path / "sessions.parquet")
    remote["units"]["table"] = "bools.visitors"
    remote["sources"]["sessions"]["table"] = "bools.sessions"
    assert_same_audit(audit_json(local, tmp_path, "local"), audit_json(remote, tmp_path, "pg"))
