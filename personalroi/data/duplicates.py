"""units.duplicates: how a unit's repeated rows in the units file are resolved, and said.

The unit table keeps one whole row per unit and arm (unit_sql.pick_order and
pick_aggregates choose it); this module words the policy for the `duplicate_ids`
check (counted by data/checks_sql.py) and refuses the file under `error`, naming
the first repeated line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from personalroi.data.sources import Table, duckdb_errors, ident
from personalroi.data.unit_sql import FILE_ROW, numbered
from personalroi.errors import DataError
from personalroi.i18n.phrase import Phrase
from personalroi.plan.inputs import UnitsInput
from personalroi.plan.query_plan import QueryPlan

if TYPE_CHECKING:
    from personalroi.engines.base import Connection


def policy_phrase(duplicates: str, timestamp: str | None) -> Phrase:
    """The policy as the `duplicate_ids` check quotes it."""
    if duplicates == "error":
        return Phrase.of("dq.policy.error")
    which = "first" if duplicates == "first" else "last"
    if timestamp:
        return Phrase.of(f"dq.policy.{which}_by", timestamp=timestamp)
    return Phrase.of(f"dq.policy.{which}")


def policy_text(units: UnitsInput) -> str:
    return policy_phrase(units.duplicates, units.timestamp).text()


def refuse_repeats(con: Connection, units: UnitsInput, table: Table) -> None:
    """Under units.duplicates: error, a DataError naming the first repeated row (validate)."""
    if units.duplicates != "error":
        return
    uid, arm = ident(units.id), ident(units.arm)
    sql = (
        f"SELECT COUNT(*) FROM (SELECT 1 FROM {ident(table.view)} WHERE {uid} IS NOT NULL AND "
        f"{arm} IS NOT NULL GROUP BY CAST({uid} AS VARCHAR), CAST({arm} AS VARCHAR) "
        "HAVING COUNT(*) > 1)"
    )
    with duckdb_errors(table.path):
        row = con.execute(sql).fetchone()
    if row and row[0]:
        raise DataError(_first_repeat(con, units, table))


def _first_repeat(con: Connection, units: UnitsInput, table: Table) -> str:
    """'FILE: line N: unit ... repeats line M ...' for the first repeated row in the file."""
    uid, arm, row = ident(units.id), ident(units.arm), ident(FILE_ROW)
    sql = (
        f"SELECT CAST({uid} AS VARCHAR), CAST({arm} AS VARCHAR), {row}, "
        f"MIN({row}) OVER (PARTITION BY CAST({uid} AS VARCHAR), CAST({arm} AS VARCHAR)) "
        f"FROM {numbered(ident(table.every_row))} AS units_file "
        f"WHERE {uid} IS NOT NULL AND {arm} IS NOT NULL AND ({table.where or 'TRUE'}) "
        f"QUALIFY {row} > MIN({row}) OVER (PARTITION BY CAST({uid} AS VARCHAR), "
        f"CAST({arm} AS VARCHAR)) ORDER BY {row} LIMIT 1"
    )
    with duckdb_errors(table.path):
        found = con.execute(sql).fetchone()
    assert found is not None
    unit, arm_value, line, first = found
    parquet = table.path.name.lower().endswith((".parquet", ".pq"))
    where = f"row {line}" if parquet else f"line {line + 1}"
    again = f"row {first}" if parquet else f"line {first + 1}"
    return (
        f"{table.path}: {where}: unit {unit!r} (column {units.id!r}) in arm {arm_value!r} "
        f"repeats {again}, and units.duplicates is error. Remove the repeated rows, or set "
        "units.duplicates: first or last to keep one whole row per unit."
    )


def dimension_columns(plan: QueryPlan) -> dict[str, list[str]]:
    """The columns joined dimensions read, per source."""
    by_source: dict[str, list[str]] = {}
    for source, column in plan.units.joined_dimensions.values():
        by_source.setdefault(source, []).append(column)
    return by_source


def kept_phrase(duplicates: str, timestamp: str | None) -> Phrase:
    """Which of a unit's rows in a dimension source is kept (units.duplicates)."""
    which = "last" if duplicates == "last" else "first"
    if timestamp:
        return Phrase.of(f"dq.kept.{which}_by", timestamp=timestamp)
    return Phrase.of(f"dq.kept.{which}")


def kept_order(plan: QueryPlan, source: str) -> str:
    return kept_phrase(plan.units.duplicates, plan.sources[source].timestamp).text()


def phrase_of_note(
    said: Callable[[str, str | None], Phrase], duplicates: str, note: str | None
) -> Phrase | str | None:
    """The phrase a checks table's note was written from (`policy_text`, `kept_order`:
    the table keeps their English text); a note no phrase reproduces stays as it is."""
    if note is None:
        return None
    # The timestamp column's name is what the note holds where the phrase has its field.
    head, _, tail = said(duplicates, "\0").text().partition("\0")
    fits = note.startswith(head) and note.endswith(tail) and len(note) > len(head) + len(tail)
    candidates = [said(duplicates, None)]
    if fits:
        candidates.insert(0, said(duplicates, note[len(head) : len(note) - len(tail)]))
    return next((p for p in candidates if p.text() == note), note)
