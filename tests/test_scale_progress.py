"""Progress of long scans: reported only when someone listens, errors still surface."""

from __future__ import annotations

import duckdb
import pytest

from personalroi import progress
from personalroi.cli.progress import scan_progress
from personalroi.data import progress as duck


class FakeReporter:
    def __init__(self) -> None:
        self.events: list[tuple[str, object]] = []

    def start(self, label: str) -> None:
        self.events.append(("start", label))

    def update(self, fraction: float | None) -> None:
        self.events.append(("update", fraction))

    def stop(self) -> None:
        self.events.append(("stop", None))


SLOW = "SELECT SUM(i * i) FROM range(60000000) t(i)"


def test_slow_query_is_reported_and_returns_its_result(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "DELAY", 0.0)
    reporter = FakeReporter()
    token = progress.REPORTER.set(reporter)
    try:
        con = duck.connect()
        row = duck.execute(con, SLOW, "Scanning").fetchone()
    finally:
        progress.REPORTER.reset(token)
    assert row == duckdb.connect().execute(SLOW).fetchone()
    assert reporter.events[0] == ("start", "Scanning")
    assert reporter.events[-1] == ("stop", None)
    fractions = [f for kind, f in reporter.events if kind == "update" and f is not None]
    assert all(0 <= f <= 1 for f in fractions)


def test_quick_query_shows_nothing() -> None:
    reporter = FakeReporter()
    token = progress.REPORTER.set(reporter)
    try:
        assert duck.execute(duck.connect(), "SELECT 42", "x").fetchone() == (42,)
    finally:
        progress.REPORTER.reset(token)
    assert reporter.events == []


def test_errors_in_the_worker_are_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "DELAY", 0.0)
    token = progress.REPORTER.set(FakeReporter())
    try:
        with pytest.raises(duckdb.Error):
            duck.execute(duck.connect(), "SELECT * FROM no_such_table", "x")
    finally:
        progress.REPORTER.reset(token)


def test_no_reporter_when_quiet_or_not_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    with scan_progress(quiet=True):
        assert progress.REPORTER.get() is None
    monkeypatch.setattr("sys.stderr.isatty", lambda: False, raising=False)
    with scan_progress(quiet=False):
        assert progress.REPORTER.get() is None


def test_a_remote_engines_query_shows_that_it_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every statement sent to a remote engine reports (no percentage: engines give none)."""
    from test_engine_core import DuckAdapter

    from personalroi.engines.base import RemoteConnection

    monkeypatch.setattr(progress, "DELAY", 0.0)
    reporter = FakeReporter()
    remote = RemoteConnection(DuckAdapter())
    token = progress.REPORTER.set(reporter)
    try:
        row = remote.execute(SLOW).fetchone()
        # Inside a labelled call, the statement reports nothing of its own: one bar.
        inner = duck.execute(remote, SLOW, "Aggregating").fetchone()
    finally:
        progress.REPORTER.reset(token)
    assert row == duckdb.connect().execute(SLOW).fetchone()
    assert inner == row
    starts = [f for kind, f in reporter.events if kind == "start"]
    assert starts == ["Waiting for duckdb", "Aggregating"]
    assert all(f is None for kind, f in reporter.events if kind == "update")
