"""A by-hand section's saved table (CSV or Parquet), read back with the types its query gave.

A CSV file holds text: DuckDB's sniffer guesses each column's type, and guesses
text for a column that is empty throughout. So every column is cast to its
query's type, and a value that does not cast is named with the file and the key
before any section reads it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from personalroi.data.sources import duckdb_errors, ident, register
from personalroi.errors import DataError

if TYPE_CHECKING:
    from personalroi.data.dataset import Dataset
    from personalroi.plan.query_plan import QueryPlan

Sums = TypeVar("Sums")

_WANTED = {"VARCHAR": "text", "BOOLEAN": "true or false"}


def read_saved_table(
    path: Path, key: str, section: str, types: Mapping[str, str]
) -> list[dict[str, Any]]:
    """The rows of the file `key` names, as {column: value} cast to `types` (column ->
    DuckDB type); `section` names the printed query that makes the file."""
    import duckdb

    if not path.is_file():
        raise DataError(f"{path}: no such file ({key}); save the {section} query's result there.")
    con = duckdb.connect()
    table = register(con, f"{section}__saved", path)
    for column in types:
        table.require(column, key)
    view = ident(table.view)
    bad = [
        f"COUNT(*) FILTER (WHERE {ident(c)} IS NOT NULL AND TRY_CAST({ident(c)} AS {t}) IS NULL)"
        for c, t in types.items()
    ]
    casts = [f"CAST({ident(c)} AS {t})" for c, t in types.items()]
    with duckdb_errors(path):
        counts = con.execute(f"SELECT {', '.join(bad)} FROM {view}").fetchone() or ()
        for (column, kind), n in zip(types.items(), counts, strict=True):
            if n:
                wanted = _WANTED.get(kind, "numbers")
                raise DataError(
                    f"{path}: column {column!r} ({key}) holds {n} values that are not "
                    f"{wanted}; it must hold {wanted}."
                )
        rows = con.execute(f"SELECT {', '.join(casts)} FROM {view}").fetchall()
    return [dict(zip(types, row, strict=True)) for row in rows]


def saved_or_own(
    plan: QueryPlan,
    data: Dataset,
    section: str,
    read: Callable[[Path], Sums],
    load: Callable[[], Sums],
) -> Sums | None:
    """A section's table: the saved `units.aggregated.<section>` (aggregated input) read
    by `read`, else the audit's own query (`load`) where it has per-unit data, else None."""
    saved = plan.units.section_files.get(section)
    if saved is not None:
        return read(saved)
    return load() if data.tables else None
