"""The embedded DuckDB connection, and its long scans reported as progress.

The data layer never prints: `execute` runs a query through
personalroi.progress.with_progress, which polls DuckDB's own progress estimate
for the active reporter, if the CLI set one.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from personalroi.progress import with_progress

if TYPE_CHECKING:
    import duckdb

    from personalroi.engines.base import Connection, Cursor

MEMORY_LIMIT = "850MB"


def connect() -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB whose progress is measured but never printed by DuckDB itself."""
    import duckdb

    # Bounded memory: DuckDB spills big hash tables and sorts to disk beyond the limit
    # (peak RSS at 10 M units: 3.6 GB without it, 1.43-1.48 GB with 1GB and 1.3 GB with
    # 850MB, at the same speed: the process needs about 0.5 GB beyond DuckDB's buffers).
    limit = os.environ.get("PERSONALROI_MEMORY_LIMIT", MEMORY_LIMIT)
    spill = Path(tempfile.gettempdir()) / f"personalroi-{os.getpid()}"
    con = duckdb.connect(
        config={
            "memory_limit": limit,
            "temp_directory": str(spill),
            "preserve_insertion_order": False,
        }
    )
    con.execute("SET enable_progress_bar = true; SET enable_progress_bar_print = false")
    return con


@contextmanager
def all_threads(con: Connection) -> Iterator[None]:
    """Run on every thread inside, and on one thread again after.

    The audit sums floats on one thread over unit-ordered tables, so the same
    input gives the same bits. Scans, joins, sorts, counts and quantiles give the
    same result in any order: they may use every thread.
    """
    con.execute("RESET threads")
    try:
        yield
    finally:
        con.execute("SET threads = 1")


def execute(con: Connection, sql: str, label: str) -> Cursor:
    """`con.execute(sql)`, with progress reported if it takes longer than DELAY."""
    return with_progress(lambda: con.execute(sql), label, con.query_progress, con.interrupt)
