"""A quick profile of each column of a CSV/Parquet file: type, distinct count, a few values.

`personalroi init` guesses column roles from this; it reads through DuckDB, so
delimiter, decimal comma and encoding are sniffed as for the audit.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from personalroi.data.sources import NUMERIC_TYPES, duckdb_errors, ident, register

SAMPLE_VALUES = 12


@dataclass(frozen=True)
class ColumnProfile:
    name: str
    sql_type: str
    rows: int
    non_null: int
    distinct: int
    values: tuple[str, ...]  # up to SAMPLE_VALUES distinct values, most frequent first

    @property
    def numeric(self) -> bool:
        kind = self.sql_type.upper()
        if "[" in kind:  # a list per row, not a number
            return False
        return kind.startswith(NUMERIC_TYPES) or kind.startswith("DECIMAL")

    @property
    def temporal(self) -> bool:
        return self.sql_type.upper().startswith(("TIMESTAMP", "DATE"))


def profile_columns(path: Path) -> list[ColumnProfile]:
    import duckdb

    con = duckdb.connect()
    table = register(con, "profiled", path)
    view = ident(table.view)
    out = []
    with duckdb_errors(path):
        rows = con.execute(f"SELECT COUNT(*) FROM {view}").fetchone()[0]  # type: ignore[index]
        for name, kind in table.columns.items():
            col = ident(name)
            non_null, distinct = con.execute(
                f"SELECT COUNT({col}), COUNT(DISTINCT {col}) FROM {view}"
            ).fetchone()  # type: ignore[misc]
            values = con.execute(
                f"SELECT CAST({col} AS VARCHAR) AS v, COUNT(*) AS n FROM {view} "
                f"WHERE {col} IS NOT NULL GROUP BY v ORDER BY n DESC, v LIMIT {SAMPLE_VALUES}"
            ).fetchall()
            out.append(
                ColumnProfile(
                    name=name,
                    sql_type=kind,
                    rows=int(rows),
                    non_null=int(non_null),
                    distinct=int(distinct),
                    values=tuple(str(v[0]) for v in values),
                )
            )
    return out
