"""The rich progress bar on stderr for long scans (absent with --quiet or without a terminal)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID


class RichReporter:
    """Implements personalroi.progress.Reporter with a transient rich bar."""

    def __init__(self) -> None:
        self._progress: Progress | None = None
        self._task: TaskID | None = None

    def start(self, label: str) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TaskProgressColumn, TimeElapsedColumn

        self._progress = Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            TaskProgressColumn(),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self._task = self._progress.add_task(label, total=1.0)
        self._progress.start()

    def update(self, fraction: float | None) -> None:
        if self._progress is not None and self._task is not None and fraction is not None:
            self._progress.update(self._task, completed=min(fraction, 1.0))

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()
        self._progress = self._task = None


@contextmanager
def scan_progress(quiet: bool) -> Iterator[None]:
    """Show progress of long scans while the block runs, if stderr is a terminal."""
    if quiet or not sys.stderr.isatty():
        yield
        return
    from personalroi.progress import REPORTER

    token = REPORTER.set(RichReporter())
    try:
        yield
    finally:
        REPORTER.reset(token)
