"""The history file: SQLite tables of audits and of the decisions taken on them, written in
WAL mode, one transaction per write.

WAL lets readers run while an audit writes, and the busy timeout makes
concurrent audits queue instead of failing. A row is inserted in a single
transaction, so an audit killed mid-write leaves no partial row.

Schema versions (PRAGMA user_version): 1 audits; 2 adds `decisions`. Every
statement is CREATE ... IF NOT EXISTS, so opening an older file migrates it in
one transaction by running the whole schema; older personalroi versions still
read a newer file (they never look at the tables they do not know).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from personalroi.errors import PersonalroiError
from personalroi.history.decision import Decision, check_arm, check_name, decision_word
from personalroi.history.summary import summarize

if TYPE_CHECKING:
    from personalroi.document import AuditJson
    from personalroi.document.history import HistoryEntryJson

BUSY_TIMEOUT_MS = 30_000
SCHEMA_VERSION = 2
SCHEMA = """
CREATE TABLE IF NOT EXISTS audits (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    recorded_at      TEXT NOT NULL,     -- UTC, ISO 8601
    experiment       TEXT NOT NULL,
    config_path      TEXT,
    config_hash      TEXT,
    data_fingerprint TEXT,
    score            REAL,
    passed           INTEGER,
    roi              REAL,              -- the best arm's ROI
    roi_arm          TEXT,
    verdicts         TEXT NOT NULL,     -- JSON: metric -> arm -> status
    result           TEXT NOT NULL      -- the full JSON result (SPEC section 5)
);
CREATE INDEX IF NOT EXISTS audits_by_experiment ON audits (experiment, recorded_at);
CREATE TABLE IF NOT EXISTS decisions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    audit_id    INTEGER NOT NULL REFERENCES audits (id),
    experiment  TEXT NOT NULL,     -- the audit's, kept so a decision reads without its audit
    recorded_at TEXT NOT NULL,     -- UTC, ISO 8601
    decision    TEXT NOT NULL CHECK (decision IN ('rollout', 'stop', 'continue')),
    arm         TEXT NOT NULL,
    decided_by  TEXT NOT NULL,
    note        TEXT
);
CREATE INDEX IF NOT EXISTS decisions_by_experiment ON decisions (experiment, id);
"""


class HistoryError(PersonalroiError):
    """The history file cannot be opened, written or read."""


@dataclass(frozen=True)
class Entry:
    id: int
    recorded_at: str
    experiment: str
    config_path: str | None
    config_hash: str | None
    data_fingerprint: str | None
    score: float | None
    passed: bool | None
    roi: float | None
    roi_arm: str | None
    verdicts: dict[str, dict[str, str]]

    def brief(self) -> HistoryEntryJson:
        """The JSON form used by `history list --format json` and the HTML trend."""
        return {
            "id": self.id,
            "recorded_at": self.recorded_at,
            "experiment": self.experiment,
            "config_hash": self.config_hash,
            "data_fingerprint": self.data_fingerprint,
            "score": self.score,
            "passed": self.passed,
            "roi": self.roi,
            "roi_arm": self.roi_arm,
            "verdicts": self.verdicts,
        }


COLUMNS = (
    "id, recorded_at, experiment, config_path, config_hash, data_fingerprint, "
    "score, passed, roi, roi_arm, verdicts"
)


@contextmanager
def connect(path: Path, create: bool = True) -> Iterator[sqlite3.Connection]:
    """An open history database with the schema in place; closed on exit."""
    path = path.expanduser()
    if not create and not path.exists():
        raise HistoryError(f"{path}: no history yet; run `personalroi audit` first.")
    if path.is_dir():
        raise HistoryError(f"{path}: is a folder; --history takes a file path.")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        con = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    except (OSError, sqlite3.Error) as exc:
        raise HistoryError(f"{path}: cannot open the history file: {exc}.") from None
    try:
        with _errors(path):
            con.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            con.execute("PRAGMA journal_mode = WAL")
            con.execute("PRAGMA synchronous = FULL")
            if con.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
                # executescript() would commit early; run the statements in one transaction.
                con.execute("BEGIN IMMEDIATE")
                for statement in SCHEMA.split(";"):
                    if statement.strip():
                        con.execute(statement)
                con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                con.execute("COMMIT")
        yield con
    finally:
        con.close()


@contextmanager
def _errors(path: Path) -> Iterator[None]:
    try:
        yield
    except sqlite3.DatabaseError as exc:
        raise HistoryError(
            f"{path}: history database error: {exc}. Is this a personalroi history file? "
            "Point --history elsewhere or move the file away."
        ) from None


def record(
    path: Path,
    result: AuditJson,
    config_path: Path | None = None,
    now: dt.datetime | None = None,
) -> int:
    """Insert one audit in one transaction; return its id."""
    summary = summarize(result)
    prov = result.get("provenance")
    stamp = (now or dt.datetime.now(dt.timezone.utc)).isoformat(timespec="seconds")
    row = (
        stamp,
        summary.experiment,
        str(config_path) if config_path else None,
        prov["config_hash"] if prov else None,
        prov["data_fingerprint"] if prov else None,
        summary.score,
        None if summary.passed is None else int(summary.passed),
        summary.roi,
        summary.roi_arm,
        json.dumps(summary.verdicts, sort_keys=True),
        json.dumps(result, ensure_ascii=False, allow_nan=False),
    )
    with connect(path) as con, _errors(path):
        con.execute("BEGIN IMMEDIATE")
        try:
            cursor = con.execute(
                "INSERT INTO audits (recorded_at, experiment, config_path, config_hash, "
                "data_fingerprint, score, passed, roi, roi_arm, verdicts, result) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row,
            )
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return int(cursor.lastrowid or 0)


def _entry(row: tuple[Any, ...], path: Path | None = None) -> Entry:
    return Entry(
        id=row[0],
        recorded_at=row[1],
        experiment=row[2],
        config_path=row[3],
        config_hash=row[4],
        data_fingerprint=row[5],
        score=row[6],
        passed=None if row[7] is None else bool(row[7]),
        roi=row[8],
        roi_arm=row[9],
        verdicts=_stored_json(row[10], row[0], "verdicts", path),
    )


def entries(path: Path, experiment: str | None = None, limit: int | None = None) -> list[Entry]:
    """Audits oldest first (the newest `limit` of them), optionally of one experiment."""
    where, params = ("WHERE experiment = ?", [experiment]) if experiment else ("", [])
    sql = f"SELECT {COLUMNS} FROM audits {where} ORDER BY id DESC"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    with connect(path, create=False) as con, _errors(path):
        rows = con.execute(sql, params).fetchall()
    return [_entry(r, path) for r in reversed(rows)]


def load_result(path: Path, audit_id: int) -> tuple[Entry, AuditJson]:
    """The audit's entry and its stored result, checked against the result's types: a
    record edited into another shape is a ResultError naming the audit and the key."""
    with connect(path, create=False) as con, _errors(path):
        row = con.execute(
            f"SELECT {COLUMNS}, result FROM audits WHERE id = ?", (audit_id,)
        ).fetchone()
        if row is None:
            last = con.execute("SELECT MAX(id) FROM audits").fetchone()[0]
            known = f"ids run 1..{last}" if last else "the history is empty"
            raise HistoryError(f"{path}: no audit with id {audit_id} ({known}).")
    result = _stored_json(row[-1], audit_id, "result", path)
    if not isinstance(result, dict):
        raise HistoryError(f"{path}: audit {audit_id}: the stored result is not a JSON object.")
    from personalroi.document import checked_audit_json

    return _entry(row[:-1], path), checked_audit_json(result, f"{path}: audit {audit_id}")


def _stored_json(text: Any, audit_id: int, column: str, path: Path | None = None) -> Any:
    """A stored JSON column, or a HistoryError naming the audit (a hand-edited or damaged file)."""
    try:
        return json.loads(text)
    except (TypeError, ValueError, RecursionError) as exc:
        where = f"{path}: " if path else ""
        raise HistoryError(
            f"{where}audit {audit_id}: the stored {column} is not valid JSON ({exc}); "
            "the history file was edited or damaged. Record the audit again."
        ) from None


def last_audit_time(path: Path, experiment: str) -> dt.datetime | None:
    """When this experiment was last audited, or None (no file, no audit)."""
    if not path.expanduser().exists():
        return None
    found = entries(path, experiment, limit=1)
    return dt.datetime.fromisoformat(found[0].recorded_at) if found else None


def latest_per_experiment(path: Path) -> list[Entry]:
    """The newest audit of each experiment, in order of experiment name."""
    sql = (
        f"SELECT {COLUMNS} FROM audits WHERE id IN "
        "(SELECT MAX(id) FROM audits GROUP BY experiment) ORDER BY experiment, id"
    )
    with connect(path, create=False) as con, _errors(path):
        return [_entry(r) for r in con.execute(sql).fetchall()]


DECISION_COLUMNS = "id, audit_id, experiment, recorded_at, decision, arm, decided_by, note"


def record_decision(
    path: Path,
    audit_id: int,
    decision: str,
    arm: str,
    decided_by: str,
    note: str | None = None,
    now: dt.datetime | None = None,
) -> Decision:
    """Check the decision against its audit and store it in one transaction."""
    word = decision_word(decision)
    name = check_name(decided_by)
    entry, result = load_result(path, audit_id)
    check_arm(arm, audit_id, result["experiment"])
    stamp = (now or dt.datetime.now(dt.timezone.utc)).isoformat(timespec="seconds")
    text = " ".join(note.split()) if note else None
    with connect(path) as con, _errors(path):
        con.execute("BEGIN IMMEDIATE")
        try:
            cursor = con.execute(
                "INSERT INTO decisions (audit_id, experiment, recorded_at, decision, arm, "
                "decided_by, note) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (audit_id, entry.experiment, stamp, word, arm, name, text or None),
            )
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    return Decision(
        int(cursor.lastrowid or 0), audit_id, entry.experiment, stamp, word, arm, name, text
    )


def decisions(
    path: Path, experiment: str | None = None, up_to_audit: int | None = None
) -> list[Decision]:
    """Decisions oldest first, optionally of one experiment and on audits up to an id."""
    where: list[str] = ["1 = 1"]
    params: list[str | int] = []
    if experiment is not None:
        where.append("experiment = ?")
        params.append(experiment)
    if up_to_audit is not None:
        where.append("audit_id <= ?")
        params.append(up_to_audit)
    sql = f"SELECT {DECISION_COLUMNS} FROM decisions WHERE {' AND '.join(where)} ORDER BY id"
    with connect(path, create=False) as con, _errors(path):
        rows = con.execute(sql, params).fetchall()
    return [Decision(*row) for row in rows]
