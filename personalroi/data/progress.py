"""Progress of long DuckDB scans, reported to whoever listens (the CLI's progress bar).

The data layer never prints: a query runs in a worker thread while this thread
polls DuckDB's own progress estimate and passes it to the active `Reporter`,
if the CLI set one. Queries that finish within `DELAY` seconds show nothing.
"""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import duckdb

    from personalroi.engines.base import Connection, Cursor

MEMORY_LIMIT = "850MB"
DELAY = 1.0
POLL = 0.1


class Reporter(Protocol):
    def start(self, label: str) -> None: ...

    def update(self, fraction: float | None) -> None: ...

    def stop(self) -> None: ...


REPORTER: ContextVar[Reporter | None] = ContextVar("personalroi_progress", default=None)


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
    reporter = REPORTER.get()
    if reporter is None:
        return con.execute(sql)
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            outcome["result"] = con.execute(sql)
        except BaseException as exc:  # re-raised in the calling thread
            outcome["error"] = exc

    thread = threading.Thread(target=work, name="personalroi-scan", daemon=True)
    thread.start()
    try:
        thread.join(DELAY)
        if thread.is_alive():
            reporter.start(label)
            try:
                while thread.is_alive():
                    percent = con.query_progress()
                    reporter.update(percent / 100 if percent >= 0 else None)
                    thread.join(POLL)
            finally:
                reporter.stop()
    except KeyboardInterrupt:
        con.interrupt()
        raise
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]
