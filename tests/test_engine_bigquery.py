"""BigQuery: no BigQuery runs here, so the SQL the engine would send is checked instead.

Every statement the whole audit sends through the BigQuery adapter's dialect must parse
as BigQuery SQL and avoid what BigQuery refuses although sqlglot parses it
(`bigquery_refusals`); read back into DuckDB (a stand-in holding the sample, in place
of the client) it must give the local audit's numbers. The adapter's type and error
mappings are checked with google-cloud-bigquery's own classes. Not run: a real
job, the session that holds temporary tables, credentials, cancellation.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import duckdb
import pytest
import sqlglot
from engine_fixtures import SCHEMA, assert_engine_audits_like_local, sample_tables
from sqlglot import exp

from personalroi.config.model import EngineConfig
from personalroi.errors import DataError

BIGQUERY = EngineConfig(kind="bigquery", project="my-project", location="EU")


def bigquery_refusals(sql: str) -> list[str]:
    """What BigQuery would refuse in `sql` that its parser lets through (BigQuery's
    documented rules): an exact quantile outside a window (PERCENTILE_CONT is
    analytic-only), beside an aggregate in one select (a column neither grouped nor
    aggregated), an aggregate FILTER clause, a STRUCT as an ordering key."""
    from sqlglot import exp

    tree = sqlglot.parse_one(sql, read="bigquery")  # raises if BigQuery would not parse it
    found = []
    for quantile in tree.find_all(exp.PercentileCont):
        if not isinstance(quantile.parent, exp.Window):
            found.append(f"PERCENTILE_CONT without OVER: {quantile.sql('bigquery')}")
            continue
        select = quantile.find_ancestor(exp.Select)
        assert select is not None
        found += [
            f"aggregate beside an analytic quantile: {agg.sql('bigquery')}"
            for item in select.expressions
            for agg in item.find_all(exp.AggFunc)
            if not isinstance(agg, exp.PercentileCont) and not agg.find_ancestor(exp.Window)
        ]
    found += [f"FILTER clause: {f.sql('bigquery')}" for f in tree.find_all(exp.Filter)]
    for pick in tree.find_all(exp.ArgMin, exp.ArgMax):
        if isinstance(pick.expression, exp.Struct):
            found.append(f"STRUCT ordering key: {pick.sql('bigquery')}")
    return found


class BigQueryStandIn:
    """Takes BigQuery SQL as the adapter would send it, checks that it parses as
    BigQuery, and runs its DuckDB reading on the sample."""

    kind = "bigquery"
    dialect = "bigquery"

    def __init__(self) -> None:
        self.con = duckdb.connect()
        self.sent: list[str] = []
        self.con.execute(f"CREATE SCHEMA {SCHEMA}")
        for name, path in sample_tables().items():
            self.con.execute(f"CREATE TABLE {SCHEMA}.{name} AS SELECT * FROM read_csv('{path}')")

    def _duckdb(self, sql: str) -> str:
        self.sent.append(sql)
        assert bigquery_refusals(sql) == [], sql
        tree = sqlglot.parse_one(sql, read="bigquery")
        for cast in tree.find_all(exp.Cast):
            # BigQuery's NUMERIC is (38, 9); BIGNUMERIC (76, 38) has no DuckDB equal, and
            # DECIMAL(38, 12) holds what the audit casts to it (12-decimal sums) exactly.
            if cast.to.is_type("decimal") and not cast.to.expressions:
                cast.set("to", exp.DataType.build("DECIMAL(38, 9)"))
            elif cast.to.is_type("bigdecimal"):
                cast.set("to", exp.DataType.build("DECIMAL(38, 12)"))
        return tree.sql(dialect="duckdb")

    def query(self, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        cursor = self.con.execute(self._duckdb(sql))
        return [d[0] for d in cursor.description or []], cursor.fetchall()

    def run(self, sql: str) -> None:
        self.con.execute(self._duckdb(sql))

    def create_temp_table(self, name: str, select_sql: str) -> None:
        self.run(f"CREATE TEMP TABLE `{name}` AS {select_sql}")

    def drop_temp_table(self, name: str) -> None:
        self.run(f"DROP TABLE IF EXISTS `{name}`")

    def columns(self, table: str) -> dict[str, str]:
        rows = self.con.execute(f"DESCRIBE SELECT * FROM {table}").fetchall()
        return {str(r[0]): str(r[1]) for r in rows}

    def cancel(self) -> None:
        self.con.interrupt()

    def close(self) -> None:
        self.con.close()


def test_sql_sent_to_bigquery_parses_and_computes_the_local_audit(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import personalroi.engines.bigquery as module

    stand_in = BigQueryStandIn()
    monkeypatch.setattr(module, "open_adapter", lambda engine: stand_in)
    remote = assert_engine_audits_like_local({"kind": "bigquery", "project": "p"}, tmp_path)
    assert remote["clv"] and remote["engagement"] and remote["attribution"]
    assert len(stand_in.sent) > 20
    assert any("GROUPING SETS" in sql for sql in stand_in.sent)


@pytest.mark.parametrize(
    ("duckdb_sql", "refusal"),
    [
        # Engagement's window edges as they were written before they were portable.
        ("SELECT MIN(x), quantile_cont(x, [0.25, 0.5]), MAX(x) FROM t", "aggregate beside"),
        ("SELECT MIN(x) FILTER (WHERE y > 0) + quantile_cont(x, 0.5) FROM t", "aggregate beside"),
        # The units index's kept row as it was picked before (a struct ordered by a struct).
        ("SELECT id, arg_min({'a': x}, {'t': ts, 'r': r}) FROM t GROUP BY id", "STRUCT ordering"),
    ],
)
def test_refusals_are_found(duckdb_sql: str, refusal: str) -> None:
    from personalroi.engines.dialect import to_dialect

    found = bigquery_refusals(to_dialect(duckdb_sql, "bigquery"))
    assert any(f.startswith(refusal) for f in found), found


def test_refusals_leave_the_portable_forms_alone() -> None:
    from personalroi.engines.dialect import to_dialect

    portable = "SELECT quantile_cont(x, 0.0), quantile_cont(x, 0.5), quantile_cont(x, 1.0) FROM t"
    assert bigquery_refusals(to_dialect(portable, "bigquery")) == []
    aggregates = "SELECT COUNT(*) FILTER (WHERE y > 0), MIN(x) FILTER (WHERE y > 0) FROM t"
    assert bigquery_refusals(to_dialect(aggregates, "bigquery")) == []


def test_columns_map_bigquery_types() -> None:
    from google.cloud.bigquery import SchemaField

    from personalroi.engines.bigquery import duckdb_type

    fields = {
        SchemaField("a", "INTEGER"): "BIGINT",
        SchemaField("b", "FLOAT64"): "DOUBLE",
        SchemaField("c", "NUMERIC", precision=12, scale=2): "DECIMAL(12,2)",
        SchemaField("d", "NUMERIC"): "DECIMAL(38,9)",
        SchemaField("e", "STRING"): "VARCHAR",
        SchemaField("f", "BOOL"): "BOOLEAN",
        SchemaField("g", "TIMESTAMP"): "TIMESTAMP WITH TIME ZONE",
        SchemaField("h", "DATETIME"): "TIMESTAMP",
        SchemaField("i", "DATE"): "DATE",
        SchemaField("j", "INT64", mode="REPEATED"): "BIGINT[]",
    }
    assert {f.name: duckdb_type(f) for f in fields} == {f.name: t for f, t in fields.items()}


@pytest.mark.parametrize(
    ("error", "message"),
    [
        ("NotFound", r"bigquery: Not found: Table p:shop.nope .*Check the table names"),
        ("BadRequest", r"bigquery: Unrecognized name: nope .*Check the column names"),
        ("Forbidden", r"bigquery: permission denied: .*BigQuery Job User"),
    ],
)
def test_client_errors_become_data_errors(error: str, message: str) -> None:
    from google.api_core import exceptions as api

    from personalroi.engines.bigquery import fault_message

    text = {
        "NotFound": "Not found: Table p:shop.nope was not found in location EU",
        "BadRequest": "Unrecognized name: nope at [1:8]",
        "Forbidden": "Access Denied: Project p: User does not have bigquery.jobs.create",
    }[error]
    exc = getattr(api, error)(text)
    assert fault_message(exc, "SELECT nope FROM shop.nope").args[0]
    with pytest.raises(DataError, match=message):
        raise fault_message(exc, "SELECT nope FROM shop.nope")


def test_timeout_becomes_a_data_error() -> None:
    import concurrent.futures

    from personalroi.engines.bigquery import fault_message

    error = fault_message(concurrent.futures.TimeoutError(), "SELECT 1")
    assert "engine.timeout_seconds" in str(error)


def test_without_credentials_the_error_says_how_to_log_in(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from personalroi.engines.bigquery import open_adapter

    # A real fault, produced locally: the key file named by the variable is missing.
    monkeypatch.setenv("GOOGLE_APPLICATION_CREDENTIALS", str(tmp_path / "missing-key.json"))
    with pytest.raises(DataError, match=r"bigquery: no credentials: .*gcloud auth"):
        open_adapter(BIGQUERY)


def test_missing_client_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import google.cloud

    # Installed here: make `from google.cloud import bigquery` fail as without it.
    monkeypatch.setitem(sys.modules, "google.cloud.bigquery", None)
    monkeypatch.delattr(google.cloud, "bigquery", raising=False)
    from personalroi.engines.bigquery import open_adapter

    with pytest.raises(DataError, match=r"pip install 'personalroi\[bigquery\]'"):
        open_adapter(BIGQUERY)
