"""Audit cadence: an overdue audit adds a governance gap, from the history."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from personalroi.cli import app
from personalroi.history import store
from personalroi.history.cadence import cadence_gap

ROOT = Path(__file__).resolve().parent.parent
NOW = dt.datetime(2026, 9, 1, tzinfo=dt.timezone.utc)
runner = CliRunner()


def test_cadence_gap_thresholds() -> None:
    assert cadence_gap(None, NOW, 7) is None  # first audit: nothing to compare
    assert cadence_gap(NOW - dt.timedelta(days=3), NOW, None) is None  # no cadence configured
    assert cadence_gap(NOW - dt.timedelta(days=7), NOW, 7) is None
    late = cadence_gap(NOW - dt.timedelta(days=10), NOW, 7)
    assert late is not None
    assert (late["area"], late["severity"]) == ("governance", "medium")
    assert (
        late["finding"] == "no audit for 10 days before this one (governance.audit_every_days: 7)"
    )
    very_late = cadence_gap(NOW - dt.timedelta(days=15), NOW, 7)
    assert very_late is not None and very_late["severity"] == "high"


def test_overdue_audit_reports_a_gap(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "sample_data", tmp_path / "sample_data")
    (tmp_path / "configs").mkdir()
    config = tmp_path / "configs" / "example.yaml"
    text = (ROOT / "configs" / "example.yaml").read_text()
    config.write_text(text.replace("governance:\n", "governance:\n  audit_every_days: 7\n"))
    history = tmp_path / "h.sqlite"
    args = ["audit", "-q", "-c", str(config), "-f", "json", "--history", str(history)]

    first = json.loads(runner.invoke(app, args).stdout)
    assert not [g for g in first.get("gaps", []) if g["area"] == "governance"]

    # Pretend the first audit ran long ago.
    with store.connect(history) as con:
        con.execute("UPDATE audits SET recorded_at = '2020-01-01T00:00:00+00:00'")
    second = json.loads(runner.invoke(app, args).stdout)
    gaps = [g for g in second["gaps"] if g["area"] == "governance"]
    assert len(gaps) == 1 and gaps[0]["severity"] == "high"
    assert gaps[0]["finding"].endswith("(governance.audit_every_days: 7)")
