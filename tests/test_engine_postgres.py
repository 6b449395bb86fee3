"""The PostgreSQL adapter against a real server (started by conftest's `postgres`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from engine_fixtures import PostgresServer, assert_engine_audits_like_local

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
