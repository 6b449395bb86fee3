"""Spark through a SparkSession: `master` (local[4], spark://..., yarn) or `remote`
(Spark Connect, sc://host:15002).

Temporary tables are cached temporary views: Spark has no session-scoped tables,
and caching computes the rows once for the several queries that read them. Files
(units.path on Spark: local, s3a://, hdfs://) are read by Spark into temporary
views with `register_path`, so no row comes to this process.
"""

from __future__ import annotations

import re
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

from personalroi.engines import missing_client
from personalroi.engines.faults import one_line, short, translated
from personalroi.errors import DataError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession
    from pyspark.sql.types import DataType

    from personalroi.config.engine import EngineConfig

PARQUET_SUFFIXES = (".parquet", ".pq")
# Spark's simple type names -> the DuckDB names the data layer's column checks read.
TYPES = {
    "tinyint": "TINYINT",
    "smallint": "SMALLINT",
    "int": "INTEGER",
    "bigint": "BIGINT",
    "float": "FLOAT",
    "double": "DOUBLE",
    "boolean": "BOOLEAN",
    "string": "VARCHAR",
    "binary": "BLOB",
    "date": "DATE",
    # Spark's TIMESTAMP is an instant shown in the session time zone (TIMESTAMP_LTZ).
    "timestamp": "TIMESTAMP WITH TIME ZONE",
    "timestamp_ntz": "TIMESTAMP",
    "void": "NULL",
}


class SparkAdapter:
    kind = "spark"
    dialect = "spark"

    def __init__(self, session: SparkSession, owned: bool, where: str) -> None:
        self._spark = session
        self._owned = owned  # stop only a session this adapter started
        self._where = where  # "local[2]", "sc://host:15002": for messages

    def query(self, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        with self._errors(sql):
            frame = self._spark.sql(sql)
            return list(frame.columns), [tuple(row) for row in frame.collect()]

    def run(self, sql: str) -> None:
        with self._errors(sql):
            self._spark.sql(sql).collect()

    def create_temp_table(self, name: str, select_sql: str) -> None:
        # Computed now and cut from its inputs (a local checkpoint), as a temporary table
        # is elsewhere: a cached view would be re-planned from its SQL, and the data
        # layer drops the tables it was built from once it is made.
        with self._errors(select_sql):
            frame = self._spark.sql(select_sql).localCheckpoint(eager=True)
            frame.createOrReplaceTempView(name)

    def drop_temp_table(self, name: str) -> None:
        with self._errors(name):
            self._spark.catalog.dropTempView(name)  # its checkpoint is freed with it

    def columns(self, table: str) -> dict[str, str]:
        with self._errors(table):
            schema = self._spark.table(table).schema
        return {field.name: duckdb_type(field.dataType) for field in schema.fields}

    def register_path(self, name: str, path: str) -> None:
        """A file or folder Spark can read (CSV with a header, or Parquet) as view `name`."""
        reader = self._spark.read
        with self._errors(path):
            if path.lower().rstrip("/").endswith(PARQUET_SUFFIXES):
                frame = reader.parquet(path)
            else:
                frame = reader.csv(path, header=True, inferSchema=True)
            frame.createOrReplaceTempView(name)

    def cancel(self) -> None:
        try:
            if hasattr(self._spark, "interruptAll"):  # Spark Connect
                self._spark.interruptAll()
            else:
                self._spark.sparkContext.cancelAllJobs()
        except Exception:  # cancelling is best effort: the query may be done
            pass

    def close(self) -> None:
        if self._owned:
            self._spark.stop()

    def _errors(self, what: str) -> AbstractContextManager[None]:
        return translated(_is_spark_error, lambda exc: fault_message(exc, what, self._where))


def duckdb_type(kind: DataType) -> str:
    """A Spark column type as the DuckDB type name (DECIMAL(p,s), BIGINT[], ...)."""
    name = kind.simpleString()
    if name.startswith("decimal"):
        return name.upper()
    if name.startswith("array<"):
        return duckdb_type(kind.elementType) + "[]"  # type: ignore[attr-defined]
    if name.startswith(("varchar", "char")):
        return "VARCHAR"
    return TYPES.get(name, name.upper())


def _is_spark_error(exc: BaseException) -> bool:
    module = type(exc).__module__
    return module.startswith(("pyspark", "py4j", "grpc")) or isinstance(exc, ConnectionError)


def fault_message(exc: BaseException, what: str, where: str) -> DataError:
    """One line naming Spark, what failed and what to check; no JVM stack trace."""
    condition = _condition(exc)
    detail = _first_line(exc)
    target = short(what)
    if condition.startswith("TABLE_OR_VIEW_NOT_FOUND") or "Table or view not found" in detail:
        return DataError(f"spark: {detail} (in {target}). Check the table names in the config.")
    if condition.startswith(("UNRESOLVED_COLUMN", "FIELD_NOT_FOUND")):
        return DataError(f"spark: {detail} (in {target}). Check the column names in the config.")
    if condition.startswith("PATH_NOT_FOUND") or "Path does not exist" in detail:
        return DataError(f"spark: {detail}. Check the path in the config.")
    if "Permission denied" in detail or "AccessDenied" in detail or "403" in condition:
        return DataError(f"spark: permission denied: {detail} (in {target}).")
    if "cancelled" in detail.lower() or "OPERATION_CANCELED" in condition:
        return DataError(f"spark: the query was cancelled ({detail}) (in {target}).")
    if _is_connection(exc, detail):
        return DataError(
            f"spark: cannot reach the Spark session at {where}: {detail}. "
            "Check engine.master or engine.remote and that the cluster is up."
        )
    return DataError(f"spark: {detail} (in {target}).")


def _condition(exc: BaseException) -> str:
    getter = getattr(exc, "getCondition", None) or getattr(exc, "getErrorClass", None)
    try:
        value = getter() if getter else None
    except Exception:
        value = None
    return str(value or "")


def _is_connection(exc: BaseException, detail: str) -> bool:
    if isinstance(exc, ConnectionError):
        return True
    text = detail.lower()
    return any(
        key in text
        for key in ("connection refused", "failed to connect", "unavailable", "answer from java")
    )


def _first_line(exc: BaseException) -> str:
    """The message without the JVM stack trace and the SQL echo Spark appends."""
    line = one_line(str(exc), type(exc).__name__)
    return re.sub(r"\s*SQLSTATE: \w+\s*;?\s*$", "", line)


def _context_running() -> bool:
    """Whether this process already runs a SparkContext.

    SparkSession.getActiveSession() answers for the calling thread only, and the
    audit may run in another thread than the one that started the session.
    """
    from pyspark import SparkContext

    return getattr(SparkContext, "_active_spark_context", None) is not None


def _quiet_python_logs() -> None:
    """PySpark 4 logs every SQL error as JSON with a stack trace on stderr; the
    adapter reports it as one DataError line instead."""
    import logging

    for name in ("SQLQueryContextLogger", "DataFrameQueryContextLogger"):
        logging.getLogger(name).setLevel(logging.CRITICAL + 1)


def open_adapter(engine: EngineConfig) -> SparkAdapter:
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise missing_client("spark", "pyspark") from None
    _quiet_python_logs()
    builder: Any = SparkSession.builder.appName("personalroi")
    if engine.remote:
        where = engine.remote
        try:
            session = builder.remote(engine.remote).getOrCreate()
        except ImportError as exc:  # Spark Connect needs grpcio, pandas, pyarrow, zstandard
            raise DataError(
                f"spark: engine.remote needs the Spark Connect client: {exc}. "
                "pip install 'pyspark[connect]'."
            ) from None
        except Exception as exc:
            raise fault_message(exc, "the connection", where) from None
        return SparkAdapter(session, owned=True, where=where)
    where = engine.master or "local[*]"
    if _context_running():
        # A session already running in this process (a notebook, the tests) is reused
        # as it is configured, and left running at close.
        return SparkAdapter(builder.getOrCreate(), owned=False, where=where)
    try:
        session = (
            builder.master(where)
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.ui.showConsoleProgress", "false")
            .getOrCreate()
        )
    except Exception as exc:
        raise fault_message(exc, "the session", where) from None
    return SparkAdapter(session, owned=True, where=where)
