"""Audit history: recording, listing, showing, diffing, trend, concurrency and crash safety."""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from personalroi.cli import app
from personalroi.history import store
from personalroi.history.paths import default_history_path
from personalroi.history.summary import summarize
from personalroi.report.history_view import bar, diverging, trend_lines, verdict_counts

FIXTURE = Path(__file__).parent / "data" / "result_full.json"
runner = CliRunner()


@pytest.fixture
def result() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(FIXTURE.read_text())
    return data


def with_score(result: dict[str, Any], score: float, roi: float) -> dict[str, Any]:
    out = copy.deepcopy(result)
    out["scorecard"]["score"] = score
    out["roi"][1]["roi"] = roi
    return out


def test_default_path_follows_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("PERSONALROI_HISTORY")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    if sys.platform not in ("win32", "darwin"):
        assert default_history_path() == tmp_path / "personalroi" / "history.sqlite"
    monkeypatch.setenv("PERSONALROI_HISTORY", str(tmp_path / "h.db"))
    assert default_history_path() == tmp_path / "h.db"


def test_record_and_read_back(tmp_path: Path, result: dict[str, Any]) -> None:
    path = tmp_path / "sub" / "h.sqlite"
    when = dt.datetime(2026, 8, 1, 9, 30, tzinfo=dt.timezone.utc)
    assert store.record(path, result, Path("cfg.yaml"), now=when) == 1
    (entry,) = store.entries(path)
    assert entry.recorded_at == "2026-08-01T09:30:00+00:00"
    assert entry.experiment == "Homepage personalization Q3"
    assert (entry.score, entry.passed, entry.roi, entry.roi_arm) == (63.5, False, 0.67, "extreme")
    assert entry.config_hash == result["provenance"]["config_hash"]
    assert entry.verdicts["bounce_rate"] == {"subtle": "met", "extreme": "met"}
    assert store.load_result(path, 1)[1] == result
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_summary_without_optional_sections(result: dict[str, Any]) -> None:
    bare = {k: v for k, v in result.items() if k not in ("roi", "scorecard")}
    summary = summarize(bare)
    assert (summary.score, summary.passed, summary.roi) == (None, None, None)
    assert verdict_counts(summary.verdicts) == "2 met, 7 on track, 5 not significant"


def test_unknown_id_and_missing_file(tmp_path: Path, result: dict[str, Any]) -> None:
    path = tmp_path / "h.sqlite"
    res = runner.invoke(app, ["history", "list", "--history", str(path)])
    assert res.exit_code == 2
    assert (
        res.stderr
        == f"personalroi: error: {path}: no history yet; run `personalroi audit` first.\n"
    )
    store.record(path, result)
    res = runner.invoke(app, ["history", "show", "7", "--history", str(path)])
    assert res.exit_code == 2
    assert res.stderr == f"personalroi: error: {path}: no audit with id 7 (ids run 1..1).\n"


def test_corrupt_history_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite"
    path.write_text("this is not a database\n" * 100)
    res = runner.invoke(app, ["history", "list", "--history", str(path)])
    assert res.exit_code == 2
    assert "history database error: file is not a database" in res.stderr
    assert "Traceback" not in res.output


def test_list_show_diff_trend(tmp_path: Path, result: dict[str, Any]) -> None:
    path = tmp_path / "h.sqlite"
    later = with_score(result, 81.0, -0.2)
    later["metrics"][0]["status"] = "met"
    later["provenance"]["data_fingerprint"] = "sha256:new"
    store.record(path, result)
    store.record(path, later)
    listed = runner.invoke(app, ["history", "list", "--history", str(path), "-f", "json"])
    assert [e["score"] for e in json.loads(listed.stdout)] == [63.5, 81.0]

    shown = runner.invoke(app, ["history", "show", "2", "--history", str(path), "-f", "markdown"])
    reported = runner.invoke(app, ["report", "-", "-f", "markdown"], input=json.dumps(later))
    assert shown.exit_code == 0 and shown.stdout == reported.stdout

    changes = json.loads(
        runner.invoke(
            app, ["history", "diff", "1", "2", "--history", str(path), "-f", "json"]
        ).stdout
    )
    assert (changes["config_changed"], changes["data_changed"]) == (False, True)
    assert (changes["score_a"], changes["score_b"]) == (63.5, 81.0)
    assert (changes["roi_a"], changes["roi_b"]) == (0.67, -0.2)
    flips = [m for m in changes["metrics"] if m["changed"]]
    assert [(m["metric"], m["arm"], m["status_a"], m["status_b"]) for m in flips] == [
        ("conversion_rate", "subtle", "not significant", "met")
    ]
    text = runner.invoke(app, ["history", "diff", "1", "2", "--history", str(path)]).stdout
    assert "data: changed" in text and "score: 63.5 → 81.0" in text

    trend = runner.invoke(app, ["history", "trend", "--history", str(path)])
    assert trend.exit_code == 0
    assert "Score and ROI over time: Homepage personalization Q3" in trend.stdout
    assert " 63.5" in trend.stdout and " 81.0" in trend.stdout and "+67.0%" in trend.stdout


def test_html_of_a_recorded_audit_has_the_trend(tmp_path: Path, result: dict[str, Any]) -> None:
    path = tmp_path / "h.sqlite"
    for score in (40.0, 55.0, 63.5):
        store.record(path, with_score(result, score, score / 100))
    out = tmp_path / "r.html"
    res = runner.invoke(
        app, ["history", "show", "3", "--history", str(path), "-f", "html", "-o", str(out)]
    )
    assert res.exit_code == 0, res.output
    assert "id='trend'" in out.read_text()


def test_terminal_bars() -> None:
    assert bar(0.0, 4) == "    "
    assert bar(1.0, 4) == "████"
    assert bar(0.5, 4) == "██  "
    assert bar(1 / 32, 4) == "▏   "  # one eighth of one cell
    assert diverging(1.0, 1.0, 4) == "  │██"
    assert diverging(-1.0, 1.0, 4) == "██│  "
    assert trend_lines([]) == ["no audits recorded for this experiment yet"]


def test_no_history_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite"
    res = runner.invoke(app, ["audit", "-q", "-f", "json", "--history", str(path), "--no-history"])
    assert res.exit_code in (0, 1), res.output
    assert not path.exists()
    assert json.loads(res.stdout)["provenance"]["config_hash"].startswith("sha256:")


def test_unwritable_history_warns_but_audit_runs(tmp_path: Path) -> None:
    res = runner.invoke(app, ["audit", "-f", "json", "--history", str(tmp_path)])
    assert res.exit_code in (0, 1), res.output
    assert "warning: audit not recorded in the history" in res.stderr
    assert json.loads(res.stdout)["schema_version"] == 1


def test_eight_parallel_audits_all_land(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite"
    env = {**os.environ, "PERSONALROI_HISTORY": str(path)}
    # A small sample keeps the eight processes quick; the contention is on the history file.
    made = runner.invoke(app, ["sample", "--out", str(tmp_path / "d"), "--units", "2000", "-q"])
    assert made.exit_code == 0, made.output
    config = str(tmp_path / "d" / "personalroi.yaml")
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "personalroi",
                "audit",
                "-q",
                "-c",
                config,
                "-f",
                "json",
                "-o",
                str(tmp_path / f"{i}.json"),
            ],
            env=env,
            stderr=subprocess.PIPE,
        )
        for i in range(8)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode in (0, 1), err.decode()
    res = runner.invoke(app, ["history", "list", "--history", str(path), "-f", "json"])
    listed = json.loads(res.stdout)
    assert len(listed) == 8
    assert sorted(e["id"] for e in listed) == list(range(1, 9))


KILL_MID_WRITE = """
import os, signal, sys
from pathlib import Path
from personalroi.history import store
with store.connect(Path(sys.argv[1])) as con:
    con.execute("BEGIN IMMEDIATE")
    con.execute("INSERT INTO audits (recorded_at, experiment, verdicts, result) "
                "VALUES ('now', 'half-written', '{}', '{}')")
    os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")
def test_killed_write_leaves_no_partial_row(tmp_path: Path, result: dict[str, Any]) -> None:
    path = tmp_path / "h.sqlite"
    store.record(path, result)
    proc = subprocess.run([sys.executable, "-c", KILL_MID_WRITE, str(path)], check=False)
    assert proc.returncode == -9
    assert [e.experiment for e in store.entries(path)] == ["Homepage personalization Q3"]
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert store.record(path, result) == 2  # the lock died with the process


def test_provenance_in_background_matches_and_reraises(tmp_path: Path) -> None:
    from personalroi.config import load_config
    from personalroi.history.provenance import provenance, provenance_in_background

    config_path = Path(__file__).parents[1] / "configs" / "example.yaml"
    config = load_config(config_path)
    assert provenance_in_background(config_path, config)() == provenance(config_path, config)
    # The hashing thread's error reaches the caller (here: the config file is gone).
    wait = provenance_in_background(tmp_path / "gone.yaml", config)
    with pytest.raises(FileNotFoundError):
        wait()


@pytest.mark.parametrize("fmt", ["table", "html"])
def test_show_of_an_edited_result_exits_2_naming_the_audit(
    tmp_path: Path, result: dict[str, Any], fmt: str
) -> None:
    path = tmp_path / "h.sqlite"
    edited = copy.deepcopy(result)
    # Someone edited the stored JSON: counts that are not numbers.
    edited["data_quality"]["srm"]["observed"] = dict.fromkeys(
        result["data_quality"]["srm"]["observed"], []
    )
    store.record(path, edited)
    out = tmp_path / "shown.html"
    shown = runner.invoke(
        app, ["history", "show", "1", "--history", str(path), "-f", fmt, "-o", str(out)]
    )
    assert shown.exit_code == 2, shown.output
    arm = next(iter(result["data_quality"]["srm"]["observed"]))
    assert shown.stderr.startswith(
        f"personalroi: error: {path}: audit 1: data_quality.srm.observed.{arm}: "
        "input should be a valid integer (found [])."
    ), shown.stderr
    assert not out.exists()


@pytest.mark.parametrize(
    "command",
    [["diff", "1", "2"], ["decide", "1", "--decision", "rollout", "--arm", "x", "--by", "Ana"]],
    ids=["diff", "decide"],
)
def test_an_edited_record_exits_2_naming_it(
    tmp_path: Path, result: dict[str, Any], command: list[str]
) -> None:
    # diff compared a lift written as text with a number: an internal error (exit 3).
    path = tmp_path / "h.sqlite"
    edited = copy.deepcopy(result)
    edited["metrics"][0]["relative_lift"] = "big"
    store.record(path, edited)
    store.record(path, result)
    done = runner.invoke(app, ["history", *command, "--history", str(path)])
    assert done.exit_code == 2, done.output
    assert done.stderr.startswith(
        f"personalroi: error: {path}: audit 1: metrics[0].relative_lift: "
        "input should be a valid number (found 'big')."
    ), done.stderr
