"""The embedded DuckDB connection, and its long scans reported as progress.

The data layer never prints: `execute` runs a query through
personalroi.progress.with_progress, which polls DuckDB's own progress estimate
for the active reporter, if the CLI set one.
"""

from __future__ import annotations

import os
import tempfile
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING, Any

from personalroi.errors import ConfigError
from personalroi.progress import with_progress

if TYPE_CHECKING:
    import duckdb

    from personalroi.engines.base import Connection, Cursor

Record = dict[str, Any]  # a result row by column name
MEMORY_LIMIT_ENV = "PERSONALROI_MEMORY_LIMIT"
# Inputs smaller than this (the files together) are read on one DuckDB thread throughout.
# On them a second thread only adds its start and hand-offs: on one, the bundled sample
# (4.8 MB) took 0.05-0.09 CPU s less and 100 k units (24 MB) 0.1 less, in the same wall
# time (2-core machine). The 1 M-unit data (257 MB) keeps every thread.
ONE_THREAD_BYTES = 32 * 1024 * 1024
# The connections opened for such inputs: all_threads leaves them on their one thread.
_ONE_THREAD: weakref.WeakSet[duckdb.DuckDBPyConnection] = weakref.WeakSet()
# Bytes, from a command's --memory-limit; None: the environment or the default decides.
LIMIT: ContextVar[int | None] = ContextVar("personalroi_memory_limit", default=None)


def memory_limit() -> str:
    """DuckDB's memory_limit: --memory-limit, else $PERSONALROI_MEMORY_LIMIT, else a share
    of this machine's memory (data/memory.py says which and why)."""
    from personalroi.data import memory

    chosen, env = LIMIT.get(), os.environ.get(MEMORY_LIMIT_ENV)
    if chosen is None and env:
        try:
            chosen = memory.parse_size(env)
        except ValueError as exc:
            raise ConfigError(f"{MEMORY_LIMIT_ENV}: {exc}.") from None
    return memory.duckdb_size(chosen if chosen is not None else memory.default_limit())


def out_of_memory(detail: str) -> str:
    """What to say when a query did not fit in DuckDB's memory limit: DuckDB spills
    joins, sorts and groupings to disk, but some states (a quantile's values, a list)
    must stay in memory, and the limit was too small for them."""
    from personalroi.data import memory

    limit = int(memory_limit().removesuffix("B"))
    first = detail.strip().splitlines()[0] if detail.strip() else "no detail"
    first = first.removeprefix("Out of Memory Error: ").rstrip(".")
    return (
        f"DuckDB ran out of memory within its limit of {memory.readable(limit)}: {first}. "
        f"Raise the limit with --memory-limit or {MEMORY_LIMIT_ENV}, e.g. "
        f"--memory-limit {memory.readable(2 * limit)}, on a machine with that much free memory. "
        f"Beyond the limit DuckDB spills to {tempfile.gettempdir()}, which needs free disk "
        "space (set TMPDIR to use another folder)."
    )


def connect(input_bytes: int | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB whose progress is measured but never printed by DuckDB itself.

    `input_bytes`: the size of all it is opened to read, if known: below ONE_THREAD_BYTES
    it runs on one thread throughout."""
    import duckdb

    # Bounded memory: DuckDB spills big hash tables and sorts to disk beyond the limit
    # (peak RSS at 10 M units: 1.43-1.48 GB with 1GB and 1.3 GB with 850MB: the process
    # needs about 0.5 GB beyond DuckDB's buffers).
    limit = memory_limit()
    spill = Path(tempfile.gettempdir()) / f"personalroi-{os.getpid()}"
    con = duckdb.connect(
        config={
            "memory_limit": limit,
            "temp_directory": str(spill),
            "preserve_insertion_order": False,
        }
    )
    con.execute("SET enable_progress_bar = true; SET enable_progress_bar_print = false")
    if input_bytes is not None and input_bytes < ONE_THREAD_BYTES:
        con.execute("SET threads = 1")
        _ONE_THREAD.add(con)
    return con


@contextmanager
def all_threads(con: Connection) -> Iterator[None]:
    """Run on every thread inside, and on one thread again after.

    The audit sums floats on one thread over unit-ordered tables, so the same
    input gives the same bits. Scans, joins, sorts, counts and quantiles give the
    same result in any order: they may use every thread (unless `connect` found the
    inputs small).
    """
    if con in _ONE_THREAD:
        yield
        return
    con.execute("RESET threads")
    try:
        yield
    finally:
        con.execute("SET threads = 1")


def execute(con: Connection, sql: str, label: str) -> Cursor:
    """`con.execute(sql)`, with progress reported if it takes longer than DELAY."""
    return with_progress(lambda: con.execute(sql), label, con.query_progress, con.interrupt)


def records(con: Connection, sql: str, label: str) -> list[Record]:
    """The rows of `sql` as {column: value}, run through `execute`."""
    cursor = execute(con, sql, label)
    names = [d[0] for d in cursor.description or []]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
