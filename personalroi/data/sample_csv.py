"""Write the synthetic sample's tables as CSV through DuckDB, so pandas is not needed.

DuckDB scans the numpy columns in place and writes them in their order, with
the same text pandas wrote before (shortest round-trip floats, timestamps as
YYYY-MM-DD HH:MM:SS), so a seed gives the same bytes as before.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from personalroi.data.sample import Columns

if TYPE_CHECKING:
    import duckdb

_VIEW = "personalroi_sample_chunk"


def append_csv(con: duckdb.DuckDBPyConnection, columns: Columns, path: Path, header: bool) -> None:
    """Append `columns` as CSV rows to `path` (created if needed), with a header line if asked.

    DuckDB's COPY cannot append, so each chunk goes to a file of its own first.
    """
    part = path.with_name(path.name + ".part")
    quoted = str(part).replace("'", "''")
    con.register(_VIEW, columns)
    try:
        con.execute(
            f"COPY (SELECT * FROM {_VIEW}) TO '{quoted}' "
            f"(HEADER {'TRUE' if header else 'FALSE'}, TIMESTAMPFORMAT '%Y-%m-%d %H:%M:%S')"
        )
        with path.open("ab") as out, part.open("rb") as chunk:
            shutil.copyfileobj(chunk, out, 1 << 20)
    finally:
        con.unregister(_VIEW)
        part.unlink(missing_ok=True)
