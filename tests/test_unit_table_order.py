"""The unit table is stored sorted by unit id and numbered in that order, on any thread
count and when the sort spills: the one-thread float sums over it add in that order."""

from __future__ import annotations

import duckdb
import pytest

from personalroi.data.unit_sql import UNIT_ROW, numbered_units

# Enough rows for several row groups (122,880 each), so the sort and the insert run on
# several threads; the ids are text, shuffled, with prefixes of each other ('1', '10').
UNITS = 400_000
PER_UNIT = (
    "SELECT CAST(i * 7919 % 400000 AS VARCHAR) AS unit_id, "
    "CASE WHEN i % 2 = 0 THEN 'a' ELSE 'b' END AS arm, "
    "i * 0.37 AS revenue, repeat('x', 40) AS wide FROM range(400000) AS t(i)"
)


@pytest.mark.parametrize(("threads", "memory"), [(1, "2GB"), (4, "2GB"), (4, "40MB")])
def test_the_unit_table_is_sorted_by_unit_id_and_numbered_in_that_order(
    tmp_path: object, threads: int, memory: str
) -> None:
    con = duckdb.connect(
        config={
            "threads": threads,
            "memory_limit": memory,
            "temp_directory": str(tmp_path),
            "preserve_insertion_order": False,
        }
    )
    con.execute(f"CREATE TEMP TABLE unit_values AS {numbered_units(PER_UNIT)}")
    stored = con.execute(f"SELECT unit_id, {UNIT_ROW} FROM unit_values ORDER BY rowid").fetchall()
    expected = sorted(str(i * 7919 % UNITS) for i in range(UNITS))
    assert [u for u, _ in stored] == expected
    assert [n for _, n in stored] == list(range(1, UNITS + 1))
