"""Progress of long queries, reported to whoever listens (the CLI's progress bar).

No layer below the CLI prints: a long call runs on a worker thread while the
calling thread polls its progress and passes it to the active `Reporter`, if the
CLI set one. Calls that finish within `DELAY` seconds show nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any, Protocol, TypeVar

T = TypeVar("T")

DELAY = 1.0
POLL = 0.1


class Reporter(Protocol):
    def start(self, label: str) -> None: ...

    def update(self, fraction: float | None) -> None: ...

    def stop(self) -> None: ...


REPORTER: ContextVar[Reporter | None] = ContextVar("personalroi_progress", default=None)


def with_progress(
    work: Callable[[], T], label: str, percent: Callable[[], float], interrupt: Callable[[], None]
) -> T:
    """`work()`, on a worker thread when a reporter listens, which then hears `label` and
    `percent()` (negative: unknown) after DELAY; Ctrl-C calls `interrupt`.

    The worker thread starts with an empty context, so work inside it reports nothing
    itself: one bar for one call, however deep the call.
    """
    reporter = REPORTER.get()
    if reporter is None:
        return work()
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["result"] = work()
        except BaseException as exc:  # re-raised in the calling thread
            outcome["error"] = exc

    thread = threading.Thread(target=run, name="personalroi-scan", daemon=True)
    thread.start()
    try:
        thread.join(DELAY)
        if thread.is_alive():
            reporter.start(label)
            try:
                while thread.is_alive():
                    value = percent()
                    reporter.update(value / 100 if value >= 0 else None)
                    thread.join(POLL)
            finally:
                reporter.stop()
    except KeyboardInterrupt:
        interrupt()
        raise
    if "error" in outcome:
        raise outcome["error"]
    result: T = outcome["result"]
    return result
