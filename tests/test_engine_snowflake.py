"""The Snowflake adapter: the official connector against fakesnow (a local emulator on
DuckDB, patched in as fakesnow documents), and the SQL as real Snowflake names things.

What fakesnow cannot show, because DuckDB matches names in any case: that Snowflake
finds an unquoted-created VISITOR_ID only as "VISITOR_ID" or visitor_id. That part
is checked on the SQL text.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlglot
from engine_fixtures import (
    SNOWFLAKE_URL,
    aggregated_config,
    assert_engine_audits_like_local,
    assert_same_audit,
    audit_json,
    per_unit_config,
    printed_query,
    snowflake_emulator,
    write_csv,
)

from personalroi.config.model import EngineConfig
from personalroi.errors import DataError

URL_ENV = "PERSONALROI_TEST_SNOWFLAKE_URL"
SNOWFLAKE = EngineConfig(kind="snowflake", url_env=URL_ENV)


@pytest.fixture(scope="module")
def emulator() -> Iterator[Any]:
    with snowflake_emulator() as con:
        yield con


@pytest.fixture
def adapter(emulator: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    from personalroi.engines.snowflake import open_adapter

    monkeypatch.setenv(URL_ENV, SNOWFLAKE_URL)
    opened = open_adapter(SNOWFLAKE)
    yield opened
    opened.close()


def test_the_audit_through_snowflake_equals_the_local_audit(
    emulator: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(URL_ENV, SNOWFLAKE_URL)
    remote = assert_engine_audits_like_local({"kind": "snowflake", "url_env": URL_ENV}, tmp_path)
    # The sections that read order histories, sessions and touchpoints row by row ran.
    assert remote["clv"] and remote["engagement"] and remote["attribution"]


def test_printed_query_names_columns_as_snowflake_stores_them(tmp_path: Path) -> None:
    text = printed_query("snowflake", tmp_path)
    # Unquoted names are stored in upper case: quoted lower case would not find them.
    assert 'FROM "SHOP"."VISITORS"' in text and 'CAST("VISITOR_ID" AS VARCHAR)' in text
    assert '"visitor_id"' not in text
    # The result's columns keep the lower-case names an aggregated audit reads.
    tree = sqlglot.parse_one(text, read="snowflake")
    assert isinstance(tree, sqlglot.exp.Select)
    names = tree.named_selects
    assert names[:4] == ["arm", "segment", "channel", "device"] and "n_units" in names
    # Snowflake refuses ROW_NUMBER() without ORDER BY: the file-row tie-break is SEQ8().
    assert "SEQ8()" in text and "ROW_NUMBER() OVER ()" not in text


def test_printed_query_on_the_emulator_gives_the_local_audit(emulator: Any, tmp_path: Path) -> None:
    cur = emulator.cursor()
    cur.execute(printed_query("snowflake", tmp_path))
    # fakesnow (DuckDB) reports "ARM" AS "arm" as ARM; Snowflake keeps the alias.
    names = [d[0].lower() for d in cur.description]
    stats = tmp_path / "stats.csv"
    write_csv(stats, names, cur.fetchall())
    local = audit_json(per_unit_config(), tmp_path, "local")
    remote = audit_json(aggregated_config(stats), tmp_path, "aggregated")
    assert_same_audit(local, remote, ("metrics", "experiment"))


def test_query_returns_the_config_spelling_of_names(adapter: Any) -> None:
    names, rows = adapter.query(
        'SELECT COUNT(*) AS "N", MAX("PRE_REVENUE") AS top FROM shop.visitors'
    )
    assert names == ["n", "top"] and rows[0][0] == 20000


def test_temp_tables(adapter: Any) -> None:
    adapter.create_temp_table(
        "arm_sizes", 'SELECT "VARIANT", COUNT(*) AS "N" FROM shop.visitors GROUP BY 1'
    )
    names, rows = adapter.query('SELECT SUM("N") AS "TOTAL" FROM "ARM_SIZES"')
    assert names == ["total"] and rows == [(20000,)]
    adapter.drop_temp_table("arm_sizes")
    with pytest.raises(DataError, match=r"snowflake: .*ARM_SIZES.*Check the table names"):
        adapter.query('SELECT * FROM "ARM_SIZES"')


def test_columns_map_snowflake_types(adapter: Any) -> None:
    assert adapter.columns("shop.orders") == {
        "order_id": "BIGINT",
        "visitor_id": "BIGINT",
        "ordered_at": "TIMESTAMP",
        "amount": "DOUBLE",
        "category": "VARCHAR",
    }
    adapter.run(
        "CREATE TEMPORARY TABLE typed (n NUMBER(12,2), b BOOLEAN, d DATE, "
        "tz TIMESTAMP_TZ, ltz TIMESTAMP_LTZ)"
    )
    assert adapter.columns("typed") == {
        "n": "DECIMAL(12,2)",
        "b": "BOOLEAN",
        "d": "DATE",
        "tz": "TIMESTAMP WITH TIME ZONE",
        "ltz": "TIMESTAMP WITH TIME ZONE",
    }


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        ("SELECT * FROM shop.nope", r"snowflake: .*NOPE.* Check the table names"),
        ('SELECT "NOPE" FROM shop.visitors', r"snowflake: .*NOPE.* Check the column names"),
    ],
)
def test_faults_name_the_object(adapter: Any, sql: str, message: str) -> None:
    with pytest.raises(DataError, match=message) as caught:
        adapter.query(sql)
    assert "pw@x" not in str(caught.value) and "pw%40x" not in str(caught.value)


def test_connection_url_is_parsed_into_connector_arguments() -> None:
    from personalroi.engines.snowflake import connect_arguments

    assert connect_arguments(
        "snowflake://ana%40corp:p%3Ass@xy12345.eu-central-1/SALES/SHOP"
        "?warehouse=WH&role=ANALYST&login_timeout=20"
    ) == {
        "account": "xy12345.eu-central-1",
        "user": "ana@corp",
        "password": "p:ss",
        "database": "SALES",
        "schema": "SHOP",
        "warehouse": "WH",
        "role": "ANALYST",
        "login_timeout": 20,
    }


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("postgresql://u:hunter2@h/db", "expected snowflake://USER:PASSWORD@ACCOUNT"),
        ("snowflake://u:hunter2@acct/db/s?colour=blue", "unknown or malformed URL parameter"),
    ],
)
def test_a_bad_url_is_named_without_the_secret(
    monkeypatch: pytest.MonkeyPatch, url: str, message: str
) -> None:
    from personalroi.engines.snowflake import open_adapter

    monkeypatch.setenv(URL_ENV, url)
    with pytest.raises(DataError, match=message) as caught:
        open_adapter(SNOWFLAKE)
    assert URL_ENV in str(caught.value) and "hunter2" not in str(caught.value)


def test_missing_client_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "snowflake.connector", None)
    monkeypatch.setenv(URL_ENV, SNOWFLAKE_URL)
    from personalroi.engines.snowflake import open_adapter

    with pytest.raises(DataError, match=r"pip install 'personalroi\[snowflake\]'"):
        open_adapter(SNOWFLAKE)
