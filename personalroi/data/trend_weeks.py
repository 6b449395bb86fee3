"""Per-arm statistics by week since exposure, from the unit x week rows with events.

Most units have no event in most full weeks, so the full unit x week table is
mostly empty rows (at 10 M units: ~40 M rows, materialized and sorted). Only
the rows with events are materialized; every statistic is a sum over rows of a
function of the row, so the units eligible in a week without a row there
contribute (eligible - rows) x the statistics of one empty row, which the same
statistics query computes (same winsorization caps, NPS mapping, NULL handling).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING

from personalroi.data.arm_sql import grouped_stats_query
from personalroi.data.progress import Record, all_threads, execute, records
from personalroi.data.sources import ident
from personalroi.data.trend_sql import (
    WEEK,
    active_weeks_query,
    empty_week_query,
    full_weeks,
    full_weeks_histogram,
    observation_end,
)
from personalroi.errors import DataError
from personalroi.plan.query_plan import QueryPlan

if TYPE_CHECKING:
    from personalroi.engines.base import Connection

ACTIVE = "trend_active_weeks"


def weekly_records(
    con: Connection,
    plan: QueryPlan,
    tables: Mapping[str, str],
    unit_table: str,
    caps_table: str | None,
) -> list[Record]:
    """The trend table's weekly parts (data/trend_table.py): `weeks`, the grouped arm-stats
    rows with dimension WEEK over the unit x full weeks with events; `empty`, one unit x
    week without; `eligible`, the exposed units per arm by full weeks.

    `plan` holds the weekly metrics and dimension WEEK; `caps_table` is as for
    `grouped_stats_query`; `unit_table` is in unit_id order (load_dataset writes it so),
    so its rowids order the rows as unit_id would. The engine is left on one thread
    (deterministic sums).
    """
    # Parallel scan of the sources, then single-threaded ordered sums (as load_dataset).
    with all_threads(con):
        execute(
            con,
            f"CREATE OR REPLACE TEMP TABLE {ACTIVE} AS SELECT * FROM "
            f"({active_weeks_query(plan, tables, unit_table)}) ORDER BY unit_row, week",
            "Trend by week since exposure",
        )
        end = observation_end(plan)
        if end is None:
            last = con.execute(f"SELECT MAX(last_at) FROM {ACTIVE}").fetchone()
            end = last[0] if last else None
        if end is None:  # no event after any exposure: no unit has a week
            return []
        histogram = con.execute(full_weeks_histogram(unit_table, end)).fetchall()
    # Rows in insertion (unit, week) order: the same float sums every run.
    weeks = (
        f"(SELECT *, CAST(week AS VARCHAR) AS {ident(WEEK)} FROM {ACTIVE} "
        f"WHERE week < {full_weeks(end)}) AS weeks"
    )
    active = records(con, grouped_stats_query(plan, weeks, caps_table), "Trend by week")
    out = [{**r, "part": "weeks"} for r in active]
    out.append({**_empty_week(con, plan, caps_table), "part": "empty"})
    out += [
        {"part": "eligible", "arm": arm, "full_weeks": weeks, "n_units": units}
        for arm, weeks, units in histogram
    ]
    return out


def weeks_from_parts(plan: QueryPlan, parts: list[Record]) -> list[Record]:
    """Rows of the grouped arm-stats layout with dimension WEEK over every unit x full week,
    from the weekly parts (`weekly_records`, or the trend table as saved)."""
    histogram = [
        (str(r["arm"]), int(r["full_weeks"]), int(r["n_units"]))
        for r in parts
        if r["part"] == "eligible" and r["full_weeks"] is not None
    ]
    if not histogram:
        return []
    active = [r for r in parts if r["part"] == "weeks"]
    empty = [r for r in parts if r["part"] == "empty"]
    if len(empty) != 1:
        raise DataError(f"trend: {len(empty)} rows of part 'empty'; the table needs one.")
    return _with_empty_weeks(plan, active, empty[0], _eligible(histogram))


def _empty_week(con: Connection, plan: QueryPlan, caps_table: str | None) -> Record:
    """The statistics of one unit x week without events (n_units 1)."""
    one_row = plan.narrowed(plan.metrics, [])
    sql = grouped_stats_query(one_row, f"({empty_week_query(plan)}) AS empty", caps_table)
    (record,) = records(con, sql, "Trend by week (empty week)")
    return record


def _eligible(histogram: list[tuple[str, int, int]]) -> dict[tuple[str, int], int]:
    """Units per (arm, week k): a unit with w full weeks is in weeks 0 .. w-1."""
    out: Counter[tuple[str, int]] = Counter()
    for arm, weeks, units in histogram:
        for k in range(weeks):
            out[(arm, k)] += units
    return out


def _with_empty_weeks(
    plan: QueryPlan, active: list[Record], empty: Record, eligible: Mapping[tuple[str, int], int]
) -> list[Record]:
    """`active` plus the empty unit x weeks in every (arm, week) row and arm overall row,
    including weeks in which no unit of the arm has any event; in the query's row order."""
    columns = ["n_units"] + [c for m in plan.metrics.values() for c in m.statistic_columns]
    rows = {(r["arm"], r[WEEK]): r for r in active}
    missing: Counter[tuple[str, str | None]] = Counter()
    for (arm, k), units in eligible.items():
        week = str(k)
        with_events = rows[(arm, week)]["n_units"] if (arm, week) in rows else 0
        assert units >= with_events, (arm, week)
        missing[(arm, week)] += units - with_events
        missing[(arm, None)] += units - with_events
    for key, count in missing.items():
        row = rows.setdefault(key, {"arm": key[0], WEEK: key[1]})
        for column in columns:
            # NULL sums (no row, or only NULL values) are 0, as in stats_from_record.
            row[column] = (row.get(column) or 0) + count * (empty[column] or 0)
    order = sorted(rows, key=lambda key: (key[0], key[1] is not None, key[1] or ""))
    return [rows[key] for key in order]
