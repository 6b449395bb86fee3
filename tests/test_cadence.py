"""Audit cadence, one rule: the history's last audit of this experiment, against the cadence."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from personalroi.cli import app
from personalroi.history import store
from personalroi.scorecard.cadence import NO_HISTORY, AuditHistory, cadence_gaps

ROOT = Path(__file__).resolve().parent.parent
NOW = dt.datetime(2026, 9, 1, tzinfo=dt.timezone.utc)
runner = CliRunner()


def ago(days: float) -> AuditHistory:
    return AuditHistory(kept=True, last_audit=NOW - dt.timedelta(days=days))


def test_cadence_thresholds() -> None:
    assert cadence_gaps(AuditHistory(kept=True), NOW, 7) == []  # first audit starts the habit
    assert cadence_gaps(ago(7), NOW, 7) == []
    (late,) = cadence_gaps(ago(10), NOW, 7)
    assert (late.area, late.severity) == ("cadence", "medium")
    assert late.finding == (
        "no audit for 10 days before this one (audit every 7 days, governance.audit_every_days)"
    )
    (very_late,) = cadence_gaps(ago(15), NOW, 7)
    assert very_late.severity == "high"
    # Without a configured cadence, quarterly.
    assert cadence_gaps(ago(90), NOW, None) == []
    (default,) = cadence_gaps(ago(184), NOW, None)
    assert default.severity == "high" and "184 days" in default.finding


def test_history_off_or_unreadable_is_one_low_gap() -> None:
    (off,) = cadence_gaps(NO_HISTORY, NOW, None)
    assert off.severity == "low" and "--no-history" in off.finding
    broken = AuditHistory(kept=False, problem="the audit history could not be read (locked)")
    (gap,) = cadence_gaps(broken, NOW, 7)
    assert gap.finding == "audit cadence not checked: the audit history could not be read (locked)"


def _cadence(result: dict[str, Any]) -> list[dict[str, Any]]:
    return [g for g in result["gaps"] if g["area"] == "cadence"]


def test_two_audits_into_one_history(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "sample_data", tmp_path / "sample_data")
    (tmp_path / "configs").mkdir()
    config = tmp_path / "configs" / "example.yaml"
    text = (ROOT / "configs" / "example.yaml").read_text()
    config.write_text(text.replace("governance:\n", "governance:\n  audit_every_days: 7\n"))
    history = tmp_path / "h.sqlite"
    args = ["audit", "-q", "-c", str(config), "-f", "json", "--history", str(history)]

    first = json.loads(runner.invoke(app, args).stdout)
    second = json.loads(runner.invoke(app, args).stdout)
    assert _cadence(first) == [] and _cadence(second) == []  # no "no audit history" gap

    # Pretend the earlier audits ran long ago: one high cadence gap, shown first.
    with store.connect(history) as con:
        con.execute("UPDATE audits SET recorded_at = '2020-01-01T00:00:00+00:00'")
    stale = json.loads(runner.invoke(app, args).stdout)
    (gap,) = _cadence(stale)
    assert gap["severity"] == "high"
    assert stale["gaps"][0] == gap
    table = runner.invoke(app, ["report", "-", "-f", "table"], input=json.dumps(stale)).stdout
    assert table.index("no audit for") < table.index("MEDIUM")


def test_no_history_flag_is_a_low_gap(tmp_path: Path) -> None:
    args = ["audit", "-q", "-f", "json", "--no-history"]
    result = json.loads(runner.invoke(app, args).stdout)
    (gap,) = _cadence(result)
    assert gap["severity"] == "low"
