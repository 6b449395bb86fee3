"""The audit's engagement statement reads each measure's cut points and median from one
DuckDB quantile list (one copy of the visitors' values in memory instead of one per
quantile): the same rows, to the bit, as the portable statement `personalroi sql` prints."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from personalroi.config.load import load_config
from personalroi.data.dataset import UNIT_TABLE
from personalroi.data.load import load_dataset
from personalroi.data.progress import all_threads
from personalroi.engagement.aggregates import visitor_view
from personalroi.engagement.table import engagement_query
from personalroi.plan.compile import compile_plan

EXAMPLE = Path(__file__).resolve().parent.parent / "configs" / "example.yaml"


@pytest.mark.parametrize("windows", [1, 3, 5, 7])
@pytest.mark.parametrize("pages", [True, False])
@pytest.mark.parametrize("threads", [1, 2])
def test_quantile_lists_give_the_portable_statements_rows(
    windows: int, pages: bool, threads: int
) -> None:
    plan = compile_plan(load_config(EXAMPLE))
    assert plan.engagement is not None
    eng = replace(plan.engagement, windows=windows, pages=plan.engagement.pages if pages else None)
    plan = replace(plan, engagement=eng)
    con = load_dataset(plan).con
    # The sample's visitors, and again with many ties and thirds that interpolate (x3).
    con.execute(f"CREATE TEMP TABLE vis AS {visitor_view(plan, UNIT_TABLE)}")
    con.execute(
        "INSERT INTO vis SELECT * REPLACE (round(tos / 60) * 3 AS tos, pages % 4 + 1 AS pages) "
        "FROM vis"
    )
    with all_threads(con):
        con.execute(f"SET threads = {threads}")
        portable = con.execute(engagement_query(eng, "vis")).fetchall()
        listed = con.execute(engagement_query(eng, "vis", listed=True)).fetchall()
    assert len(portable) > 10
    # repr: equal floats to the last bit, NULLs and NaNs alike.
    assert repr(listed) == repr(portable)
    assert "quantile_cont(tos, [" in engagement_query(eng, "vis", listed=True)
