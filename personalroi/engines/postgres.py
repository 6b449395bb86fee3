"""PostgreSQL through psycopg 3: the connection string comes from `engine.url_env`."""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

from personalroi.engines import missing_client, secret_from_env
from personalroi.engines.faults import scrub, short, translated
from personalroi.errors import DataError

if TYPE_CHECKING:
    import psycopg

    from personalroi.config.engine import EngineConfig

# PostgreSQL type names -> the DuckDB names the data layer's column checks read.
TYPES = {
    "float8": "DOUBLE",
    "float4": "FLOAT",
    "int8": "BIGINT",
    "int4": "INTEGER",
    "int2": "SMALLINT",
    "numeric": "DECIMAL",
    "bool": "BOOLEAN",
    "text": "VARCHAR",
    "varchar": "VARCHAR",
    "bpchar": "VARCHAR",
    "timestamp": "TIMESTAMP",
    "timestamptz": "TIMESTAMP WITH TIME ZONE",
    "date": "DATE",
}


class PostgresAdapter:
    kind = "postgres"
    dialect = "postgres"

    def __init__(self, connection: psycopg.Connection[Any], secret: str) -> None:
        self._con = connection
        self._secret = secret

    def query(self, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        with self._errors(sql), self._con.cursor() as cur:
            cur.execute(sql.encode())
            names = [d.name for d in cur.description or []]
            return names, cur.fetchall() if cur.description else []

    def run(self, sql: str) -> None:
        with self._errors(sql), self._con.cursor() as cur:
            cur.execute(sql.encode())

    def create_temp_table(self, name: str, select_sql: str) -> None:
        self.run(f'CREATE TEMPORARY TABLE "{name}" AS {select_sql}')

    def drop_temp_table(self, name: str) -> None:
        self.run(f'DROP TABLE IF EXISTS "{name}"')

    def columns(self, table: str) -> dict[str, str]:
        with self._errors(table), self._con.cursor() as cur:
            cur.execute(f"SELECT * FROM {table} LIMIT 0".encode())
            out = {}
            for column in cur.description or []:
                info = self._con.adapters.types.get(column.type_code)
                name = info.name if info else "unknown"
                out[column.name] = TYPES.get(name, name.upper())
            return out

    def cancel(self) -> None:
        self._con.cancel_safe()

    def close(self) -> None:
        self._con.close()

    def _errors(self, what: str) -> AbstractContextManager[None]:
        import psycopg

        return translated(
            lambda exc: isinstance(exc, psycopg.Error),
            lambda exc: fault_message(exc, what, self._secret),
        )


def fault_message(exc: BaseException, what: str, secret: str) -> DataError:
    import psycopg
    from psycopg import errors

    detail = scrub(
        str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__, secret
    )
    target = short(what)
    if isinstance(exc, errors.UndefinedTable):
        return DataError(f"postgres: {detail} (in {target}). Check the table names in the config.")
    if isinstance(exc, errors.UndefinedColumn):
        return DataError(f"postgres: {detail} (in {target}). Check the column names in the config.")
    if isinstance(exc, errors.InsufficientPrivilege):
        return DataError(f"postgres: permission denied: {detail} (in {target}).")
    if isinstance(exc, errors.QueryCanceled):
        return DataError(
            f"postgres: the query was cancelled ({detail}); raise engine.timeout_seconds "
            f"or reduce the data (in {target})."
        )
    if isinstance(exc, psycopg.OperationalError):
        return DataError(f"postgres: cannot connect or lost the connection: {detail}.")
    return DataError(f"postgres: {detail} (in {target}).")


def open_adapter(engine: EngineConfig) -> PostgresAdapter:
    try:
        import psycopg
    except ImportError:
        raise missing_client("postgres", "psycopg") from None
    secret = secret_from_env(engine)
    try:
        con = psycopg.connect(secret, autocommit=True, connect_timeout=30)
    except psycopg.Error as exc:
        raise fault_message(exc, "the connection", secret) from None
    except Exception as exc:  # a malformed connection string: psycopg raises ProgrammingError
        raise DataError(
            f"postgres: the connection string in {engine.url_env} is not valid: "
            f"{scrub(str(exc), secret)}."
        ) from None
    adapter = PostgresAdapter(con, secret)
    if engine.timeout_seconds:
        adapter.run(f"SET statement_timeout = {int(engine.timeout_seconds * 1000)}")
    # Sums of integers are exact numerics; floats stay double precision, as in DuckDB.
    adapter.run("SET TIME ZONE 'UTC'")
    # A date cast to text as DuckDB writes it (YYYY-MM-DD), whatever the server's default.
    adapter.run("SET DateStyle = 'ISO'")
    return adapter
