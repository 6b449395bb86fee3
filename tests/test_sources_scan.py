"""A registered file reads the same through its view and its sized scan, and the sized
scan tells DuckDB's optimizer about how many rows the file holds."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from personalroi.data import sources
from personalroi.data.sources import register

ROWS = 3000


def _estimate(con: duckdb.DuckDBPyConnection, relation: str) -> int:
    plan = con.execute(f"EXPLAIN SELECT * FROM {relation}").fetchall()[0][1]
    return int(re.findall(r"~([\d,]+) rows", plan)[-1].replace(",", ""))


@pytest.mark.parametrize(
    ("delimiter", "decimal"),
    [(",", "."), (";", ","), ("\t", ".")],
    ids=["comma", "semicolon", "tab"],
)
def test_sized_scan_reads_what_the_view_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, delimiter: str, decimal: str
) -> None:
    monkeypatch.setattr(sources, "SIZED_SCAN_BYTES", 0)  # every CSV counts as big
    path = tmp_path / "orders.csv"
    lines = [delimiter.join(["visitor_id", "ordered_at", "amount", "note"])]
    for i in range(ROWS):
        amount = f"{i % 97}{decimal}{i % 100:02d}"
        note = '"a, quoted; note"' if i % 7 == 0 else "plain"
        lines.append(delimiter.join([str(i), f"2026-07-{1 + i % 28:02d} 10:00:00", amount, note]))
    path.write_text("\n".join(lines) + "\n")
    con = duckdb.connect()
    table = register(con, "src_orders", path)
    view = con.execute('SELECT * FROM "src_orders" ORDER BY visitor_id').fetchall()
    sized = con.execute(f"SELECT * FROM {table.sized_scan} ORDER BY visitor_id").fetchall()
    assert sized == view
    assert len(view) == ROWS
    types = {
        r[0]: r[1] for r in con.execute(f"DESCRIBE SELECT * FROM {table.sized_scan}").fetchall()
    }
    assert types == table.columns
    # What the trend's join relies on (the pinned view's own guess is 42 rows in DuckDB 1.x-2.0).
    assert _estimate(con, table.sized_scan) > ROWS / 2


def test_small_csv_files_are_read_through_their_view(tmp_path: Path) -> None:
    path = tmp_path / "orders.csv"
    path.write_text("visitor_id,amount\n1,2.5\n")
    table = register(duckdb.connect(), "src_orders", path)
    assert table.sized_scan == '"src_orders"'


def test_register_all_gives_what_register_gives_and_names_the_first_bad_file(
    tmp_path: Path,
) -> None:
    from personalroi.data.sources import register_all
    from personalroi.errors import DataError

    good = tmp_path / "units.csv"
    good.write_text("id;arm;spend\n1;a;1,5\n2;b;2,0\n")
    other = tmp_path / "orders.csv"
    other.write_text("id,amount\n1,3.25\n")
    con = duckdb.connect()
    tables = register_all(con, {"units": ("u", good), "orders": ("o", other)})
    alone = register(duckdb.connect(), "u", good)
    assert tables["units"] == alone
    assert con.execute('SELECT SUM(spend) FROM "u"').fetchone() == (3.5,)
    missing = tmp_path / "missing.csv"
    with pytest.raises(DataError, match="missing.csv: file not found"):
        register_all(con, {"units": ("u", good), "a": ("a", missing), "b": ("b", tmp_path)})
