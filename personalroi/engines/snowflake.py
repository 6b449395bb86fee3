"""Snowflake through snowflake-connector-python.

The connection comes from the variable `engine.url_env` names, as a URL:
`snowflake://USER:PASSWORD@ACCOUNT/DATABASE/SCHEMA?warehouse=WH&role=ROLE`
(user and password percent-encoded; further keys below). Snowflake folds unquoted
names to upper case: the generated SQL names tables and columns in upper case
(engines/dialect.py) and this adapter reports upper-case names in lower case, so
a config names `visitor_id` for Snowflake's VISITOR_ID as it would in a file.
"""

from __future__ import annotations

import contextlib
import re
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, unquote, urlsplit

from personalroi.engines import missing_client, secret_from_env
from personalroi.engines.faults import one_line, scrub, short, translated
from personalroi.errors import DataError

if TYPE_CHECKING:
    from personalroi.config.engine import EngineConfig

# URL query keys passed to snowflake.connector.connect; the rest are refused.
TEXT_KEYS = ("warehouse", "role", "authenticator", "host", "protocol", "private_key_file")
NUMBER_KEYS = ("port", "login_timeout", "network_timeout")
PLAIN_NAME = re.compile(r"[A-Z_][A-Z0-9_$]*")
# Snowflake's error numbers for the faults a user can fix.
MISSING_OBJECT = {2003, 2043}  # does not exist or not authorized
INVALID_IDENTIFIER = {904}
CANCELLED = {604, 630}  # SQL execution canceled / timeout
LOGIN_FAILED = {250001, 390100, 390144, 390318}


class SnowflakeAdapter:
    kind = "snowflake"
    dialect = "snowflake"

    def __init__(self, connection: Any, secret: str, timeout: float | None) -> None:
        self._con = connection
        self._secret = secret
        self._timeout = int(timeout) if timeout else None
        self._running: Any = None  # the cursor of the query in flight, for cancel()

    def query(self, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        with self._errors(sql):
            cur = self._execute(sql)
            names = [_name(d[0]) for d in cur.description or []]
            return names, [tuple(row) for row in cur.fetchall()]

    def run(self, sql: str) -> None:
        with self._errors(sql):
            self._execute(sql)

    def create_temp_table(self, name: str, select_sql: str) -> None:
        self.run(f"CREATE TEMPORARY TABLE {table_name(name)} AS {select_sql}")

    def drop_temp_table(self, name: str) -> None:
        self.run(f"DROP TABLE IF EXISTS {table_name(name)}")

    def columns(self, table: str) -> dict[str, str]:
        from snowflake.connector.constants import FIELD_ID_TO_NAME

        with self._errors(table):
            cur = self._execute(f"SELECT * FROM {table} LIMIT 0")
        return {
            _name(d.name): duckdb_type(FIELD_ID_TO_NAME[d.type_code], d.precision, d.scale)
            for d in cur.description or []
        }

    def cancel(self) -> None:
        cur, qid = self._running, getattr(self._running, "sfqid", None)
        if cur is not None and qid:
            # Best effort: the query may have ended meanwhile.
            with contextlib.suppress(Exception):
                self._con.cursor().abort_query(qid)

    def close(self) -> None:
        self._con.close()

    def _execute(self, sql: str) -> Any:
        cur = self._con.cursor()
        self._running = cur
        try:
            cur.execute(sql, timeout=self._timeout)
        finally:
            self._running = None
        return cur

    def _errors(self, what: str) -> AbstractContextManager[None]:
        from snowflake.connector import errors

        return translated(
            lambda exc: isinstance(exc, errors.Error),
            lambda exc: fault_message(exc, what, self._secret),
        )


def duckdb_type(name: str, precision: int | None, scale: int | None) -> str:
    """A Snowflake result type as the DuckDB type name the data layer reads."""
    if name == "FIXED":
        # Snowflake's integers are NUMBER(38,0); their values fit the data layer's BIGINT.
        return f"DECIMAL({precision},{scale})" if scale else "BIGINT"
    return {
        "REAL": "DOUBLE",
        "TEXT": "VARCHAR",
        "DATE": "DATE",
        "TIME": "TIME",
        "BOOLEAN": "BOOLEAN",
        "BINARY": "BLOB",
        "TIMESTAMP_NTZ": "TIMESTAMP",
        "TIMESTAMP": "TIMESTAMP",
        "TIMESTAMP_LTZ": "TIMESTAMP WITH TIME ZONE",
        "TIMESTAMP_TZ": "TIMESTAMP WITH TIME ZONE",
    }.get(name, name)


def table_name(name: str) -> str:
    """A temporary table's name as the generated SQL refers to it (upper case)."""
    return name.upper() if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name) else _quoted(name)


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _name(name: str) -> str:
    """Snowflake's upper-case name of an unquoted identifier, as the config spells it."""
    return name.lower() if PLAIN_NAME.fullmatch(name) else name


def connect_arguments(url: str) -> dict[str, Any]:
    """snowflake.connector.connect keyword arguments from a snowflake:// URL."""
    parts = urlsplit(url)
    if parts.scheme != "snowflake" or "@" not in parts.netloc:
        raise ValueError("expected snowflake://USER:PASSWORD@ACCOUNT/DATABASE/SCHEMA?warehouse=WH")
    userinfo, _, account = parts.netloc.rpartition("@")
    user, _, password = userinfo.partition(":")
    path = [unquote(p) for p in parts.path.strip("/").split("/") if p]
    if not account or not user or len(path) > 2:
        raise ValueError("expected snowflake://USER:PASSWORD@ACCOUNT/DATABASE/SCHEMA?warehouse=WH")
    out: dict[str, Any] = {"account": unquote(account), "user": unquote(user)}
    if password:
        out["password"] = unquote(password)
    out.update(zip(("database", "schema"), path, strict=False))
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        if key in TEXT_KEYS:
            out[key] = value
        elif key in NUMBER_KEYS and value.isdigit():
            out[key] = int(value)
        else:
            known = ", ".join(TEXT_KEYS + NUMBER_KEYS)
            raise ValueError(f"unknown or malformed URL parameter {key!r}; known: {known}")
    return out


def fault_message(exc: BaseException, what: str, secret: str) -> DataError:
    from snowflake.connector import errors

    errno = getattr(exc, "errno", None) or 0
    detail = scrub(_first_line(exc), secret)
    target = short(what)
    lower = detail.lower()
    # Snowflake says "invalid identifier" (000904); fakesnow "column ... not found".
    if errno in INVALID_IDENTIFIER or "invalid identifier" in lower or _column_missing(lower):
        return DataError(
            f"snowflake: {detail} (in {target}). Check the column names in the config."
        )
    if errno in MISSING_OBJECT or getattr(exc, "sqlstate", "") == "42S02":
        return DataError(
            f"snowflake: {detail} (in {target}). Check the table names in the config "
            "and that the role may read them."
        )
    if "insufficient privileges" in lower or errno == 3001:
        return DataError(f"snowflake: permission denied: {detail} (in {target}).")
    if errno in CANCELLED or "canceled" in lower:
        return DataError(
            f"snowflake: the query was cancelled ({detail}); raise engine.timeout_seconds "
            f"or reduce the data (in {target})."
        )
    if errno in LOGIN_FAILED and ("password" in lower or "authentication" in lower):
        return DataError(f"snowflake: login failed: {detail}. Check the user and password.")
    if isinstance(exc, (errors.OperationalError, errors.InterfaceError)) or errno in LOGIN_FAILED:
        return DataError(f"snowflake: cannot connect or lost the connection: {detail}.")
    return DataError(f"snowflake: {detail} (in {target}).")


def _column_missing(message: str) -> bool:
    return "column" in message and "not found" in message


def _first_line(exc: BaseException) -> str:
    return one_line(getattr(exc, "raw_msg", None) or str(exc), type(exc).__name__)


def open_adapter(engine: EngineConfig) -> SnowflakeAdapter:
    try:
        import snowflake.connector
    except ImportError:
        raise missing_client("snowflake", "snowflake-connector-python") from None
    secret = secret_from_env(engine)
    try:
        arguments = connect_arguments(secret)
    except ValueError as exc:
        raise DataError(
            f"snowflake: the connection string in {engine.url_env} is not valid: "
            f"{scrub(str(exc), secret)}."
        ) from None
    # As in the embedded engine, whatever the account's defaults: times compare in UTC
    # and a date cast to text reads YYYY-MM-DD.
    parameters: dict[str, Any] = {"TIMEZONE": "UTC", "DATE_OUTPUT_FORMAT": "YYYY-MM-DD"}
    if engine.timeout_seconds:
        parameters["STATEMENT_TIMEOUT_IN_SECONDS"] = int(engine.timeout_seconds)
    try:
        con = snowflake.connector.connect(
            **arguments, session_parameters=parameters, application="personalroi"
        )
    except snowflake.connector.errors.Error as exc:
        raise fault_message(exc, "the connection", secret) from None
    return SnowflakeAdapter(con, secret, engine.timeout_seconds)
