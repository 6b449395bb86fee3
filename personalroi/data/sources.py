"""Register CSV/Parquet files as DuckDB views and turn DuckDB's errors into located messages."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from personalroi.config.uri import UriPath
from personalroi.data.csv_dialect import first_long_line, first_malformed_row, sniff
from personalroi.errors import DataError, did_you_mean
from personalroi.plan.inputs import RowFilter

if TYPE_CHECKING:
    import duckdb

PARQUET_SUFFIXES = (".parquet", ".pq")
# Below this, a join hashes the file in memory whichever side the optimizer picks,
# and sniffing it once more (50-100 ms) would cost more than a wrong pick saves.
SIZED_SCAN_BYTES = 256 * 1024 * 1024
MAX_LINE_BYTES = 2_000_000  # DuckDB's default max_line_size
NUMERIC_TYPES = (
    "TINYINT",
    "SMALLINT",
    "INTEGER",
    "BIGINT",
    "HUGEINT",
    "UTINYINT",
    "USMALLINT",
    "UINTEGER",
    "UBIGINT",
    "FLOAT",
    "DOUBLE",
    "BOOLEAN",
)
INTEGER_TYPES = tuple(t for t in NUMERIC_TYPES if t.endswith(("INT", "INTEGER")))


@dataclass(frozen=True)
class Table:
    """A data file registered as a DuckDB view.

    `sized_scan` reads the same file with the same columns but lets DuckDB estimate
    its row count, which the view cannot: the view's CSV reader is told what the
    sniffer found, so it binds at once but the optimizer guesses the file holds 42
    rows. In a join that guess builds the hash table on the file (100 M event rows)
    instead of on the units; binding `sized_scan` costs one sniff of the file. For
    Parquet, and for CSV files below SIZED_SCAN_BYTES, it is the view.
    """

    view: str
    path: Path
    columns: dict[str, str]
    sized_scan: str
    # With a row filter (units.where, sources.<name>.where): `view` holds the rows it
    # keeps, `file_view` every row of the file (for line numbers and the excluded count).
    file_view: str = ""
    where: str | None = None  # the filter as applied (DuckDB SQL)
    where_key: str = ""  # its config key, e.g. units.where

    @property
    def every_row(self) -> str:
        """The view over every row of the file, filtered or not."""
        return self.file_view or self.view

    def require(self, column: str, key: str) -> None:
        """Fail with a "did you mean" if the config names a column the file lacks."""
        if column not in self.columns:
            hint = did_you_mean(column, self.columns)
            raise DataError(
                f"{self.path}: no column {column!r} (named by {key}){hint}. "
                f"Columns: {', '.join(self.columns)}."
            )

    def is_numeric(self, column: str) -> bool:
        kind = self.columns[column].upper()
        if "[" in kind:  # BIGINT[], DOUBLE[3]: a list per row, not a number
            return False
        return kind.startswith(NUMERIC_TYPES) or kind.startswith("DECIMAL")


def sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def with_ctes(ctes: Sequence[str], select: str) -> str:
    """`select` preceded by its common table expressions `ctes` ("name AS (...)"), if any."""
    return ("WITH " + ",\n".join(ctes) + "\n" if ctes else "") + select


# URI schemes DuckDB reads, and the extension that reads each.
DUCKDB_SCHEMES = {
    **dict.fromkeys(("http", "https", "s3", "gs", "gcs", "r2", "hf"), "httpfs"),
    **dict.fromkeys(("az", "azure", "abfss"), "azure"),
}


def remote_scan(path: UriPath) -> str:
    """The DuckDB table function that reads a remote file (its own CSV sniffer: the
    file is not opened here)."""
    if path.scheme not in DUCKDB_SCHEMES:
        raise DataError(
            f"{path}: the embedded engine (DuckDB) cannot read {path.scheme}:// URIs. "
            "Use engine: {kind: spark} (Spark reads them), or copy the file to a local folder."
        )
    if path.name.lower().endswith(PARQUET_SUFFIXES):
        return f"read_parquet({sql_string(str(path))})"
    return f"read_csv({sql_string(str(path))}, header=true)"


def unreadable_uri(path: UriPath, message: str) -> str:
    extension = DUCKDB_SCHEMES.get(path.scheme, "httpfs")
    detail = message.strip().splitlines()[0] if message.strip() else "no detail"
    return (
        f"{path}: DuckDB could not read this URI ({detail}). It reads {path.scheme}:// "
        f'through its {extension} extension: install it once (python -c "import duckdb; '
        f"duckdb.install_extension('{extension}')\"), check the URI and the credentials, "
        "or copy the file to a local folder."
    )


def scan_expression(path: Path) -> str:
    """The DuckDB table function that reads `path` with the sniffed dialect."""
    if isinstance(path, UriPath):
        return remote_scan(path)
    if not path.exists():
        if path.is_symlink():
            raise DataError(
                f"{path}: a symbolic link that leads nowhere (a loop or a missing target). "
                "Check the path in the config."
            )
        raise DataError(f"{path}: file not found. Check the path in the config.")
    if path.is_dir():
        raise DataError(f"{path}: is a folder; the config must name a CSV or Parquet file.")
    if not path.is_file():
        # A FIFO would block forever and /dev/zero never ends: only regular files are data.
        raise DataError(
            f"{path}: is not a regular file; the config must name a CSV or Parquet file."
        )
    if path.name.lower().endswith(PARQUET_SUFFIXES):
        return f"read_parquet({sql_string(str(path))})"
    dialect = sniff(path)
    if len(set(dialect.header)) != len(dialect.header):
        dupes = sorted({h for h in dialect.header if dialect.header.count(h) > 1})
        raise DataError(f"{path}: line 1: duplicated column name(s): {', '.join(dupes)}.")
    options = [
        f"delim={sql_string(dialect.delimiter)}",
        "header=true",
        "skip=0",  # never let the sniffer drop leading rows it finds inconsistent
        # Strict mode refuses a file whose lines end in both CRLF and LF; ragged rows
        # are refused either way.
        f"strict_mode={'false' if dialect.mixed_newlines else 'true'}",
        f"encoding={sql_string(dialect.encoding)}",
    ]
    if dialect.decimal == ",":
        options.append("decimal_separator=','")
    return f"read_csv({sql_string(str(path))}, {', '.join(options)})"


# A row filter: its text as written in the config, and the config key.


def register(
    con: duckdb.DuckDBPyConnection, view: str, path: Path, row_filter: RowFilter | None = None
) -> Table:
    return filtered(con, _view(con, view, path, *_sniffed(con, path)), row_filter)


def register_all(
    con: duckdb.DuckDBPyConnection,
    files: Mapping[str, tuple[str, Path]],
    filters: Mapping[str, RowFilter] | None = None,
) -> dict[str, Table]:
    """`register` for each {name: (view, path)}: the files are sniffed side by side
    (tens of ms each, on DuckDB's threads, which release the GIL), then the views are
    created in order. A bad file is reported as `register` would, the first in order."""
    import contextvars
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=max(1, min(len(files), os.cpu_count() or 1))) as pool:
        # One cursor (a connection of its own) per sniff: a connection runs one query at a
        # time. Each in a copy of the caller's context: an error message names the
        # command's --memory-limit, which a pool thread would not see.
        sniffs = {
            name: pool.submit(contextvars.copy_context().run, _sniffed, con.cursor(), path)
            for name, (_, path) in files.items()
        }
    filters = filters or {}
    return {
        name: filtered(con, _view(con, view, path, *sniffs[name].result()), filters.get(name))
        for name, (view, path) in files.items()
    }


def filtered(con: duckdb.DuckDBPyConnection, table: Table, row_filter: RowFilter | None) -> Table:
    """`table` seen through its row filter: the same name then holds only the kept rows,
    so every check and query downstream reads what the filter keeps."""
    if row_filter is None:
        return table
    condition, key = filter_condition(table, row_filter)
    file_view = f"{table.view}__file"
    try:
        with duckdb_errors(table.path):
            con.execute(f"DROP VIEW IF EXISTS {ident(file_view)}")
            con.execute(f"ALTER VIEW {ident(table.view)} RENAME TO {ident(file_view)}")
            con.execute(
                f"CREATE VIEW {ident(table.view)} AS SELECT * FROM {ident(file_view)} "
                f"WHERE {condition}"
            )
    except DataError as exc:
        # A type clash ('a' > 3) surfaces when the view binds: name the key.
        raise DataError(f"{table.path}: {key}: {str(exc).split(': ', 1)[-1]}") from None
    sized = table.sized_scan
    if sized != ident(table.view):
        sized = f"(SELECT * FROM {sized} WHERE {condition})"
    return Table(table.view, table.path, table.columns, sized, file_view, condition, key)


def filter_condition(table: Table, row_filter: RowFilter) -> tuple[str, str]:
    """The filter as SQL over `table`'s own spelling of its columns, and its config key."""
    from personalroi.config.where import where_columns, where_sql

    text, key = row_filter
    lowered = {c.lower(): c for c in table.columns}
    spelled = {}
    for name in where_columns(text):
        if name.lower() not in lowered:
            hint = did_you_mean(name, table.columns)
            raise DataError(
                f"{table.path}: {key} reads column {name!r}, which the file does not have"
                f"{hint}. Columns: {', '.join(table.columns)}."
            )
        spelled[name] = lowered[name.lower()]
    return where_sql(text, spelled), key


def _sniffed(con: duckdb.DuckDBPyConnection, path: Path) -> tuple[str, str]:
    """The auto-detecting scan of `path` and the one to register (pinned, for a CSV)."""
    sniffing = scan_expression(path)
    if not sniffing.startswith("read_csv("):
        return sniffing, sniffing
    with _sniff_errors(path):
        return sniffing, _pinned(con, sniffing)


def _view(con: duckdb.DuckDBPyConnection, view: str, path: Path, sniffing: str, scan: str) -> Table:
    with _sniff_errors(path):
        con.execute(f"CREATE OR REPLACE VIEW {ident(view)} AS SELECT * FROM {scan}")
        described = con.execute(f"DESCRIBE {ident(view)}").fetchall()
    columns = {str(row[0]): str(row[1]) for row in described}
    big_csv = (
        sniffing.startswith("read_csv(")
        and not isinstance(path, UriPath)
        and path.stat().st_size >= SIZED_SCAN_BYTES
    )
    return Table(view, path, columns, sniffing if big_csv else ident(view))


@contextmanager
def _sniff_errors(path: Path) -> Iterator[None]:
    """`duckdb_errors`, with a CSV DuckDB cannot sniff explained line by line, and a
    remote file DuckDB cannot open with what would let it."""
    if isinstance(path, UriPath):
        import duckdb

        try:
            yield
        except duckdb.Error as exc:
            raise DataError(unreadable_uri(path, str(exc))) from None
        return
    try:
        with duckdb_errors(path):
            yield
    except DataError as exc:
        if "Error when sniffing" not in str(exc) or path.name.lower().endswith(PARQUET_SUFFIXES):
            raise
        raise DataError(unparsable_csv(path)) from None


def _pinned(con: duckdb.DuckDBPyConnection, scan: str) -> str:
    """`scan` (an auto-detecting read_csv) with what DuckDB's sniffer finds written out.

    A view over an auto-detecting read_csv sniffs the file each time a query binds
    it, a tenth of a second per query on a small machine; spelled out, it binds at
    once and reads the file exactly as the sniffer would have.
    """
    # Not the line ending: the reader finds it, and spelling out \r\n with strict_mode
    # reads no rows at all (DuckDB 2.0).
    items = "Quote, Escape, Comment, Columns, DateFormat, TimestampFormat"
    row = con.execute(f"SELECT {items} FROM sniff_csv({scan.removeprefix('read_csv(')}").fetchone()
    assert row is not None
    quote, escape, comment, columns, date_format, timestamp_format = row
    text = lambda v: sql_string("" if v == "(empty)" else str(v))  # noqa: E731
    types = ", ".join(f"{sql_string(c['name'])}: {sql_string(c['type'])}" for c in columns)
    options = [
        "auto_detect=false",
        f"quote={text(quote)}",
        f"escape={text(escape)}",
        f"comment={text(comment)}",
        f"columns={{{types}}}",
    ]
    options += [f"dateformat={sql_string(date_format)}"] if date_format else []
    options += [f"timestampformat={sql_string(timestamp_format)}"] if timestamp_format else []
    return f"{scan.removesuffix(')')}, {', '.join(options)})"


def unparsable_csv(path: Path) -> str:
    """DuckDB could not parse the start of a CSV: find and name the offending line."""
    dialect = sniff(path)
    problem = first_malformed_row(path, dialect)
    if problem is None:
        problem = f"cannot be parsed as CSV with delimiter {dialect.delimiter!r}"
    return (
        f"{path}: {problem}. Every row must have as many fields as the header; check the "
        "delimiter, quotes and truncated last lines."
    )


@contextmanager
def duckdb_errors(path: Path | None = None) -> Iterator[None]:
    """Re-raise DuckDB errors as DataError naming the file and line."""
    import duckdb

    try:
        yield
    except duckdb.Error as exc:
        message = str(exc)
        if isinstance(exc, duckdb.OutOfMemoryException):
            from personalroi.data.progress import out_of_memory

            # Not the file's fault: naming it as the culprit would mislead.
            raise DataError(out_of_memory(message)) from None
        if "Maximum line size" in message:
            raise DataError(too_long_line(message, path)) from None
        raise DataError(explain(message, path)) from None


def too_long_line(message: str, path: Path | None) -> str:
    file_match = re.search(r"^\s*file = (.+)$", message, re.MULTILINE)
    file = Path(file_match.group(1).strip()) if file_match else path
    if file is None:
        return explain(message, path)
    line = first_long_line(file, MAX_LINE_BYTES) if file.is_file() else None
    where = f"{file}: line {line}" if line else str(file)
    return (
        f"{where}: a row longer than {MAX_LINE_BYTES // 1_000_000} MB; this is not a row of "
        "an experiment export (missing line breaks, or a binary file?)."
    )


def explain(message: str, path: Path | None) -> str:
    file_match = re.search(r"^\s*file = (.+)$", message, re.MULTILINE)
    where = file_match.group(1).strip() if file_match else (str(path) if path else "data")
    line = re.search(r"CSV Error on Line: (\d+)", message)
    parts = [f"{where}: line {line.group(1)}" if line else where]
    if "Invalid unicode" in message:
        # DuckDB quotes the line before the bad one; the first lines were UTF-8 (sniffed).
        return (
            f"{parts[0]}: not UTF-8 text, while the lines before it are: the file mixes two "
            "encodings (rows appended from another export?). Re-export it, or convert it to "
            "UTF-8 as a whole."
        )
    body = [
        ln.strip()
        for ln in message.splitlines()
        if ln.strip()
        and not ln.startswith(("  ", "Possible", "*", "Column ", "This type"))
        and "CSV Error on Line" not in ln
    ]
    reason = next((ln for ln in body if not ln.startswith("Original Line")), message.split("\n")[0])
    reason = re.sub(r"^[A-Za-z ]+Error: ", "", reason)
    original = next((ln for ln in body if ln.startswith("Original Line")), None)
    text = f"{parts[0]}: {reason}"
    if original:
        text += f" ({original[:120]})"
    hint = ""
    if "Expected Number of Columns" in message or "too many columns" in message.lower():
        hint = " Every row must have as many fields as the header; check the delimiter and quotes."
    elif "convert" in message:
        hint = " Fix the value or remove the row; numeric columns must hold numbers only."
    return text + "." + hint if not text.endswith(".") else text + hint
