"""The engine layer without a server: config rules, the DuckDB-to-dialect rewrites, and
RemoteConnection's handling of views, temporary tables and settings, run through a
DuckDB database standing in for the remote engine (a real engine, not a mock)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pytest
import sqlglot
from typer.testing import CliRunner

from personalroi.cli import app
from personalroi.config import load_config
from personalroi.engines.base import RemoteConnection
from personalroi.engines.dialect import transpile_tree
from personalroi.history.provenance import data_fingerprint

runner = CliRunner()

CONFIG = """\
{engine}
experiment: {{name: e, control: a}}
units: {{{units}, id: u, arm: arm}}
sources:
  orders: {{{orders}, id: u}}
metrics:
  revenue: {{type: mean, value: orders.amount}}
"""


class DuckAdapter:
    """A second DuckDB database as the 'remote' engine: SQL arrives in its dialect."""

    kind = "duckdb"
    dialect = "duckdb"

    def __init__(self) -> None:
        self.con = duckdb.connect()
        self.sent: list[str] = []

    def query(self, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        self.sent.append(sql)
        cur = self.con.execute(sql)
        return [d[0] for d in cur.description or []], cur.fetchall()

    def run(self, sql: str) -> None:
        self.sent.append(sql)
        self.con.execute(sql)

    def create_temp_table(self, name: str, select_sql: str) -> None:
        self.run(f'CREATE TEMPORARY TABLE "{name}" AS {select_sql}')

    def drop_temp_table(self, name: str) -> None:
        self.run(f'DROP TABLE IF EXISTS "{name}"')

    def columns(self, table: str) -> dict[str, str]:
        return {str(r[0]): str(r[1]) for r in self.con.execute(f"DESCRIBE {table}").fetchall()}

    def cancel(self) -> None:
        self.con.interrupt()

    def close(self) -> None:
        self.con.close()


@pytest.fixture
def remote() -> RemoteConnection:
    adapter = DuckAdapter()
    adapter.con.execute("CREATE SCHEMA shop")
    adapter.con.execute(
        "CREATE TABLE shop.visitors AS SELECT * FROM (VALUES (1, 'a', 2.0), (2, 'b', NULL), "
        "(3, 'b', 5.0)) AS t(u, arm, pre)"
    )
    return RemoteConnection(adapter)


def test_views_are_inlined_and_aliases_name_the_engines_table(remote: RemoteConnection) -> None:
    remote.alias("src__units", "shop.visitors")
    remote.execute('CREATE VIEW "kept" AS SELECT * FROM "src__units" WHERE arm = \'b\'')
    rows = remote.execute("SELECT COUNT(*), SUM(pre) FROM kept AS k").fetchall()
    assert rows == [(2, 5.0)]
    # The view never reached the engine: it travels inside each query as a subquery.
    adapter = remote.adapter
    assert isinstance(adapter, DuckAdapter)
    assert not any("CREATE VIEW" in s for s in adapter.sent)
    remote.execute("DROP VIEW kept")
    assert adapter.sent[-1].startswith("SELECT")  # dropping a view sends nothing


def test_temp_tables_are_the_engines_and_settings_are_ignored(remote: RemoteConnection) -> None:
    remote.alias("src__units", "shop.visitors")
    remote.execute("SET threads = 1; RESET threads")
    remote.execute("CREATE OR REPLACE TEMP TABLE unit_values AS SELECT u, pre FROM src__units")
    remote.execute("CREATE OR REPLACE TEMP TABLE unit_values AS SELECT u FROM src__units")
    result = remote.execute("SELECT * FROM unit_values ORDER BY u")
    assert [d[0] for d in result.description] == ["u"]
    assert result.fetchone() == (1,)
    assert result.fetchall() == [(2,), (3,)]
    remote.execute("DROP TABLE IF EXISTS unit_values, other_table")


def test_fetchnumpy_masks_nulls_and_keeps_types(remote: RemoteConnection) -> None:
    remote.alias("v", "shop.visitors")
    found = remote.execute("SELECT u, arm, pre FROM v ORDER BY u").fetchnumpy()
    assert found["u"].dtype == np.int64
    assert found["arm"].tolist() == ["a", "b", "b"]
    assert np.ma.is_masked(found["pre"]) and found["pre"].mask.tolist() == [False, True, False]


def _dialect(sql: str, dialect: str) -> str:
    return transpile_tree(sqlglot.parse_one(sql, read="duckdb"), dialect)


def test_isfinite_becomes_a_comparison_every_engine_reads() -> None:
    sql = _dialect("SELECT isfinite(x) FROM t", "postgres")
    assert "ISFINITE" not in sql.upper() and "ABS(x) < CAST('inf'" in sql
    con = duckdb.connect()
    values = "(VALUES (1.5), ('inf'::DOUBLE), ('-inf'::DOUBLE), ('nan'::DOUBLE)) AS t(x)"
    # The rewrite gives DuckDB's own answer on the values that matter.
    rewritten = _dialect(f"SELECT isfinite(x) FROM {values}", "postgres")
    assert "ISFINITE" not in rewritten.upper()
    expr = rewritten.split("SELECT ", 1)[1].split(" FROM", 1)[0]
    got = con.execute(f"SELECT {expr} FROM {values}").fetchall()
    assert [r[0] for r in got] == [True, False, False, False]


def test_group_by_all_derived_tables_and_any_value() -> None:
    sql = _dialect(
        "SELECT arm, ANY_VALUE(x), COUNT(*) FROM (SELECT * FROM t) GROUP BY ALL", "postgres"
    )
    assert "GROUP BY 1" in sql and "ALL" not in sql.split("GROUP BY")[1]
    assert "AS derived_0" in sql
    assert "MIN(x)" in sql and "ANY_VALUE" not in sql and "IGNORE NULLS" not in sql
    assert "ANY_VALUE" in _dialect("SELECT ANY_VALUE(x) FROM t GROUP BY ALL", "snowflake")


def _write(tmp_path: Path, engine: str, units: str, orders: str) -> Path:
    path = tmp_path / "c.yaml"
    path.write_text(CONFIG.format(engine=engine, units=units, orders=orders))
    return path


@pytest.mark.parametrize(
    ("engine", "units", "message"),
    [
        ("", "table: shop.visitors", "units.table: a table needs an engine that holds it"),
        ("engine: {kind: postgres, url_env: PG}", "path: u.csv", "engine postgres reads tables"),
        ("engine: {kind: postgres}", "table: t", "engine kind postgres needs url_env"),
        ("engine: {kind: spark, url_env: X}", "table: t", "engine kind spark takes no url_env"),
        ("engine: {kind: oracle}", "table: t", "engine.kind"),
    ],
)
def test_engine_config_errors_name_the_key(
    tmp_path: Path, engine: str, units: str, message: str
) -> None:
    orders = "table: shop.orders" if "postgres" in engine else "path: o.csv"
    path = _write(tmp_path, engine, units, orders)
    result = runner.invoke(app, ["validate", "-c", str(path)])
    assert result.exit_code == 2
    assert message in result.stderr


def test_a_missing_connection_variable_is_exit_2_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PERSONALROI_TEST_NO_SUCH_URL", raising=False)
    engine = "engine: {kind: postgres, url_env: PERSONALROI_TEST_NO_SUCH_URL}"
    path = _write(tmp_path, engine, "table: shop.visitors", "table: shop.orders")
    result = runner.invoke(app, ["audit", "-c", str(path), "--no-history", "-q"])
    assert result.exit_code == 2
    assert "PERSONALROI_TEST_NO_SUCH_URL is not set" in result.stderr
    assert "Traceback" not in result.output


def test_tables_enter_the_fingerprint_by_name_and_sql_reads_them(tmp_path: Path) -> None:
    engine = "engine: {kind: postgres, url_env: PG}"
    first = load_config(_write(tmp_path, engine, "table: shop.visitors", "table: shop.orders"))
    second = load_config(_write(tmp_path, engine, "table: shop.visitors", "table: shop.orders2"))
    assert data_fingerprint(first) != data_fingerprint(second)
    # The printed query reads the configured tables, in the engine's dialect by default.
    path = _write(tmp_path, engine, "table: shop.visitors", "table: shop.orders")
    result = runner.invoke(app, ["sql", "-c", str(path)])
    assert result.exit_code == 0, result.output
    assert "--dialect postgres" in result.stdout
    assert "FROM shop.visitors" in result.stdout and "FROM shop.orders" in result.stdout


def test_a_named_window_is_not_the_file_row_order() -> None:
    sql = (
        "SELECT ROW_NUMBER() OVER w AS i, ROW_NUMBER() OVER () AS j FROM t WINDOW w AS (ORDER BY b)"
    )
    spark = _dialect(sql, "spark")
    assert "ROW_NUMBER() OVER w" in spark
    assert "MONOTONICALLY_INCREASING_ID() AS j" in spark


def test_grouping_by_all_leaves_constants_out() -> None:
    sql = _dialect("SELECT arm, NULL AS x, FALSE, COUNT(*) FROM t GROUP BY ALL", "postgres")
    assert sql.endswith("GROUP BY 1")
