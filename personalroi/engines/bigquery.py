"""BigQuery through google-cloud-bigquery.

Credentials are Google's application default credentials (GOOGLE_APPLICATION_CREDENTIALS
or `gcloud auth application-default login`); `engine.project` is the billing project
and `engine.location` the datasets' location. BigQuery keeps temporary tables only
inside a session: the adapter opens one with its first query and runs every later
query in it, and ends it at close.

Not run here (no BigQuery can run locally): the tests check that every statement
the engine would send parses as BigQuery SQL and computes the local audit's
numbers when read back into DuckDB, and they check the type and error mappings
with the client's own classes.
"""

from __future__ import annotations

import contextlib
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

from personalroi.engines import missing_client
from personalroi.engines.faults import one_line, short, translated
from personalroi.errors import DataError

if TYPE_CHECKING:
    from personalroi.config.engine import EngineConfig

# BigQuery's legacy and standard type names -> the DuckDB names the data layer reads.
TYPES = {
    "INTEGER": "BIGINT",
    "INT64": "BIGINT",
    "FLOAT": "DOUBLE",
    "FLOAT64": "DOUBLE",
    "BOOLEAN": "BOOLEAN",
    "BOOL": "BOOLEAN",
    "STRING": "VARCHAR",
    "BYTES": "BLOB",
    "DATE": "DATE",
    "DATETIME": "TIMESTAMP",
    "TIME": "TIME",
    "TIMESTAMP": "TIMESTAMP WITH TIME ZONE",
    "JSON": "JSON",
}


class BigQueryAdapter:
    kind = "bigquery"
    dialect = "bigquery"

    def __init__(self, client: Any, timeout: float | None) -> None:
        self._client = client
        self._timeout = timeout
        self._session: str | None = None
        self._job: Any = None  # the job in flight, for cancel()

    def query(self, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        with self._errors(sql):
            rows = self._result(sql)
            names = [field.name for field in rows.schema]
            return names, [tuple(row.values()) for row in rows]

    def run(self, sql: str) -> None:
        with self._errors(sql):
            self._result(sql)

    def create_temp_table(self, name: str, select_sql: str) -> None:
        self.run(f"CREATE TEMP TABLE {quote(name)} AS {select_sql}")

    def drop_temp_table(self, name: str) -> None:
        self.run(f"DROP TABLE IF EXISTS {quote(name)}")

    def columns(self, table: str) -> dict[str, str]:
        with self._errors(table):
            if "." in table:  # dataset.table or project.dataset.table: metadata, no job
                schema = self._client.get_table(table.replace("`", "")).schema
            else:  # a session's temporary table has no metadata outside the session
                schema = self._result(f"SELECT * FROM {quote(table)} LIMIT 0").schema
        return {field.name: duckdb_type(field) for field in schema}

    def cancel(self) -> None:
        if self._job is not None:
            with contextlib.suppress(Exception):  # best effort: it may have finished
                self._job.cancel()

    def close(self) -> None:
        if self._session is not None:
            with contextlib.suppress(Exception):  # the session expires on its own anyway
                self._result("CALL BQ.ABORT_SESSION()")
        self._client.close()

    def _result(self, sql: str) -> Any:
        from google.cloud import bigquery

        config = bigquery.QueryJobConfig()
        if self._session is None:
            config.create_session = True
        else:
            config.connection_properties = [
                bigquery.ConnectionProperty("session_id", self._session)
            ]
        self._job = self._client.query(sql, job_config=config, timeout=self._timeout)
        try:
            rows = self._job.result(timeout=self._timeout)
        finally:
            if self._session is None and self._job.session_info is not None:
                self._session = self._job.session_info.session_id
            self._job = None
        return rows

    def _errors(self, what: str) -> AbstractContextManager[None]:
        return translated(_is_client_error, lambda exc: fault_message(exc, what))


def quote(name: str) -> str:
    return "`" + name.replace("`", "\\`") + "`"


def duckdb_type(field: Any) -> str:
    """A BigQuery schema field's type as the DuckDB type name (NUMERIC(p,s) -> DECIMAL)."""
    kind = str(field.field_type).upper()
    if kind in ("NUMERIC", "BIGNUMERIC", "DECIMAL", "BIGDECIMAL"):
        default = (38, 9) if kind in ("NUMERIC", "DECIMAL") else (76, 38)
        precision = field.precision or default[0]
        scale = field.scale if field.scale is not None else default[1]
        name = f"DECIMAL({precision},{scale})"
    elif kind in ("RECORD", "STRUCT"):
        inner = ", ".join(f"{f.name} {duckdb_type(f)}" for f in field.fields)
        name = f"STRUCT({inner})"
    else:
        name = TYPES.get(kind, kind)
    return name + "[]" if field.mode == "REPEATED" else name


def _is_client_error(exc: BaseException) -> bool:
    module = type(exc).__module__
    return module.startswith(("google", "requests", "urllib3", "concurrent")) or isinstance(
        exc, (TimeoutError, ConnectionError)
    )


def fault_message(exc: BaseException, what: str) -> DataError:
    """One line naming BigQuery, what failed and what to check."""
    import concurrent.futures

    from google.api_core import exceptions as api

    detail = _first_line(exc)
    target = short(what)
    if isinstance(exc, api.NotFound):
        return DataError(
            f"bigquery: {detail} (in {target}). Check the table names in the config "
            "(dataset.table, or project.dataset.table) and engine.location."
        )
    if isinstance(exc, api.BadRequest) and "Unrecognized name" in detail:
        return DataError(f"bigquery: {detail} (in {target}). Check the column names in the config.")
    if isinstance(exc, (api.Forbidden, api.Unauthorized)):
        return DataError(
            f"bigquery: permission denied: {detail} (in {target}). The credentials need "
            "BigQuery Job User on engine.project and Data Viewer on the datasets."
        )
    if isinstance(exc, (concurrent.futures.TimeoutError, TimeoutError, api.DeadlineExceeded)):
        return DataError(
            f"bigquery: the query did not finish in engine.timeout_seconds ({detail}); "
            f"raise it or reduce the data (in {target})."
        )
    if isinstance(exc, (api.ServiceUnavailable, ConnectionError)) or type(
        exc
    ).__module__.startswith(("requests", "urllib3")):
        return DataError(f"bigquery: cannot reach BigQuery: {detail}.")
    return DataError(f"bigquery: {detail} (in {target}).")


def _first_line(exc: BaseException) -> str:
    return one_line(str(getattr(exc, "message", None) or exc), type(exc).__name__)


def open_adapter(engine: EngineConfig) -> BigQueryAdapter:
    try:
        from google.cloud import bigquery
    except ImportError:
        raise missing_client("bigquery", "google-cloud-bigquery") from None
    from google.auth import exceptions as auth

    try:
        client = bigquery.Client(project=engine.project, location=engine.location)
    except auth.DefaultCredentialsError as exc:
        raise DataError(
            f"bigquery: no credentials: {_first_line(exc)} Set GOOGLE_APPLICATION_CREDENTIALS "
            "to a service account key file, or run `gcloud auth application-default login`."
        ) from None
    except OSError as exc:  # no project could be determined, or the key file is unreadable
        raise DataError(f"bigquery: {_first_line(exc)}; set engine.project.") from None
    return BigQueryAdapter(client, engine.timeout_seconds)
