"""`history decide`: decisions recorded with an audit, refused with exit 2 when the audit, arm
or word is wrong, shown by `history show` and passed to the next audit; a history file of
schema 1 (written by the release before decisions) migrates when opened."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from personalroi.cli import app
from personalroi.history import store
from personalroi.history.decision import Decision, latest_by_experiment

DATA = Path(__file__).parent / "data"
runner = CliRunner()
EXPERIMENT = "Homepage personalization Q3"


@pytest.fixture
def history(tmp_path: Path) -> Path:
    path = tmp_path / "h.sqlite"
    result = json.loads((DATA / "result_full.json").read_text())
    store.record(path, result)
    store.record(path, result)
    return path


def decide(history: Path, *args: str) -> Any:
    return runner.invoke(app, ["history", "decide", *args, "--history", str(history)])


def test_decide_records_and_prints(history: Path) -> None:
    res = decide(history, "2", "--decision", "rollout", "--arm", "extreme", "--by", "Ana  Silva",
                 "--note", "Q3 review:\n ship it")  # fmt: skip
    assert res.exit_code == 0, res.output
    assert res.stdout == (
        f"recorded decision 1: rollout extreme for '{EXPERIMENT}' (audit 2), by Ana Silva\n"
    )
    (d,) = store.decisions(history)
    assert (d.id, d.audit_id, d.experiment, d.decision, d.arm, d.decided_by, d.note) == (
        1, 2, EXPERIMENT, "rollout", "extreme", "Ana Silva", "Q3 review: ship it"
    )  # fmt: skip
    assert dt.datetime.fromisoformat(d.recorded_at).tzinfo is not None
    assert store.decisions(history, up_to_audit=1) == []
    assert store.decisions(history, "another experiment") == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["7", "--decision", "rollout", "--arm", "extreme", "--by", "A"],
            "{path}: no audit with id 7 (ids run 1..2).",
        ),
        (
            ["1", "--decision", "rollot", "--arm", "extreme", "--by", "A"],
            "unknown decision 'rollot': use rollout, stop or continue (did you mean \"rollout\"?).",
        ),
        (
            ["1", "--decision", "ship", "--arm", "extreme", "--by", "A"],
            "unknown decision 'ship': use rollout, stop or continue.",
        ),
        (
            ["1", "--decision", "stop", "--arm", "extrem", "--by", "A"],
            "unknown arm 'extrem' in audit 1: its treatment arms are subtle, extreme "
            '(did you mean "extreme"?).',
        ),
        (
            ["1", "--decision", "rollout", "--arm", "generic", "--by", "A"],
            "'generic' is the control of audit 1; decide on a treatment arm (subtle, extreme), "
            "or record --decision stop to keep the control.",
        ),
        (
            ["1", "--decision", "stop", "--arm", "subtle", "--by", "  "],
            "--by is empty: name who decided, e.g. --by 'Ana Silva'.",
        ),
    ],
)
def test_bad_input_exits_2_naming_it(history: Path, args: list[str], message: str) -> None:
    res = decide(history, *args)
    assert res.exit_code == 2
    assert res.stderr == f"personalroi: error: {message.format(path=history)}\n"
    assert store.decisions(history) == []


def test_decide_needs_an_existing_history(tmp_path: Path) -> None:
    path = tmp_path / "none.sqlite"
    res = decide(path, "1", "--decision", "stop", "--arm", "x", "--by", "A")
    assert res.exit_code == 2
    assert res.stderr == (
        f"personalroi: error: {path}: no history yet; run `personalroi audit` first.\n"
    )


def test_history_show_lists_decisions_on_that_audit_and_earlier(history: Path) -> None:
    decide(history, "1", "--decision", "continue", "--arm", "extreme", "--by", "Ana Silva")
    decide(history, "2", "--decision", "stop", "--arm", "subtle", "--by", "Bo", "--note", "costs")
    args = ["history", "show", "1", "--history", str(history), "-f", "json"]
    shown = json.loads(runner.invoke(app, args).stdout)
    assert [d["decision"] for d in shown["governance"]["decisions"]] == ["continue"]
    args[2] = "2"
    shown = json.loads(runner.invoke(app, args).stdout)
    assert [(d["audit_id"], d["decision"], d["arm"]) for d in shown["governance"]["decisions"]] == [
        (1, "continue", "extreme"),
        (2, "stop", "subtle"),
    ]
    # The stored result is not rewritten: the decisions are added when shown.
    assert "governance" not in store.load_result(history, 2)[1]
    md = runner.invoke(app, [*args[:-1], "markdown"]).stdout
    assert "**Decisions on record**" in md
    assert "| 2026" in md and "| 2 | stop | subtle | Bo | costs |" in md


def test_the_next_audit_shows_the_decision(
    history: Path, example_config: Path, tmp_path: Path
) -> None:
    decide(history, "2", "--decision", "rollout", "--arm", "extreme", "--by", "Ana Silva")
    args = ["audit", "-c", str(example_config), "-q", "-f", "json", "--history", str(history)]
    res = runner.invoke(app, args)
    assert res.exit_code in (0, 1), res.output
    (d,) = json.loads(res.stdout)["governance"]["decisions"]
    assert (d["audit_id"], d["decision"], d["arm"], d["decided_by"]) == (
        2,
        "rollout",
        "extreme",
        "Ana Silva",
    )
    # Another experiment's audit does not see it.
    other = tmp_path / "other.yaml"
    text = example_config.read_text().replace(EXPERIMENT, "Checkout test")
    other.write_text(
        text.replace("../sample_data", str(example_config.parent.parent / "sample_data"))
    )
    res = runner.invoke(
        app, ["audit", "-c", str(other), "-q", "-f", "json", "--history", str(history)]
    )
    assert json.loads(res.stdout)["governance"]["decisions"] == []


def test_schema_1_file_migrates(tmp_path: Path) -> None:
    """tests/data/history_v1.sqlite was written by the release before decisions."""
    path = tmp_path / "old.sqlite"
    shutil.copy(DATA / "history_v1.sqlite", path)
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA user_version").fetchone()[0] == 1
    (entry,) = store.entries(path)
    assert entry.experiment == EXPERIMENT
    res = decide(path, "1", "--decision", "rollout", "--arm", "extreme", "--by", "Ana Silva")
    assert res.exit_code == 0, res.output
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION == 2
        assert con.execute("SELECT COUNT(*) FROM audits").fetchone()[0] == 1
    assert [d.arm for d in store.decisions(path)] == ["extreme"]
    assert store.load_result(path, 1)[1]["experiment"]["name"] == EXPERIMENT


def test_decision_word_is_checked_by_the_database_too(history: Path) -> None:
    with store.connect(history) as con, pytest.raises(sqlite3.IntegrityError):
        con.execute(
            "INSERT INTO decisions (audit_id, experiment, recorded_at, decision, arm, "
            "decided_by) VALUES (1, 'x', 'now', 'ship', 'a', 'b')"
        )


def test_latest_decision_is_in_force() -> None:
    def d(i: int, experiment: str, word: str) -> Decision:
        return Decision(i, 1, experiment, "2026-08-01", word, "a", "b", None)  # type: ignore[arg-type]

    found = latest_by_experiment([d(3, "x", "stop"), d(1, "x", "rollout"), d(2, "y", "continue")])
    assert {k: v.decision for k, v in found.items()} == {"x": "stop", "y": "continue"}
