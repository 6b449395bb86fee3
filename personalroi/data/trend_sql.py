"""SQL for the trend analysis: units by week of first exposure, by calendar period, and
unit values by week since their own first exposure.

Both reuse the per-unit and per-arm builders (unit_sql, arm_sql): the trend is
"just" more dimensions. Cohort week and calendar periods are dimension columns
added to the unit table; weeks since exposure are the unit x week rows with
events, whose values come from the unit's events in that week, aggregated as in
unit_sql (the weeks without events are added by count, data/trend_weeks.py).

Definitions (docs/statistics.md, "Trend"):
- week since exposure k of a unit: its events at times t with
  exposure + 7k days <= t < exposure + 7(k+1) days (events before exposure count
  in no week); the unit counts in week k only if that whole week ends by the
  observation end, so late cohorts cannot drag down late weeks;
- observation end: the day after experiment.end, else the latest event time of
  the sources the weekly metrics read;
- cohort: the ISO week (Monday) of the unit's first exposure;
- a calendar period: units first exposed on its days (start to end inclusive)
  are "in", the rest "out";
- a governance change dated inside the test window: units first exposed on or
  after its date are "after", the rest "before".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from personalroi.data.sources import ident, sql_string
from personalroi.data.unit_sql import (
    EXPOSED,
    UNIT_ROW,
    aggregate_items,
    metric_columns,
    window_condition,
)
from personalroi.plan.query_plan import QueryPlan

COHORT = "trend__cohort"
WEEK = "trend__week"
WEEK_SECONDS = 7 * 24 * 3600


def period_column(index: int) -> str:
    return f"trend__period_{index}"


def change_column(index: int) -> str:
    """The before/after column of `governance.changes[index]`."""
    return f"trend__change_{index}"


def cohort_view(plan: QueryPlan, unit_table: str) -> str:
    """Exposed units with their cohort week, one in/out column per calendar period and one
    before/after column per governance change inside the test window."""
    exposed = ident(EXPOSED)
    # The Monday as text through a DATE cast (ISO, YYYY-MM-DD) rather than a format
    # string: every engine writes a date so, and each spells format strings its own way.
    monday = f"CAST(date_trunc('week', {exposed}) AS DATE)"
    cols = [f"CAST({monday} AS VARCHAR) AS {ident(COHORT)}"]
    for i, period in enumerate(plan.calendar):
        inside = window_condition(EXPOSED, period.start, period.end)
        cols.append(f"CASE WHEN {inside} THEN 'in' ELSE 'out' END AS {ident(period_column(i))}")
    for i, date in plan.changes.items():
        after = window_condition(EXPOSED, date, None)
        cols.append(
            f"CASE WHEN {after} THEN 'after' ELSE 'before' END AS {ident(change_column(i))}"
        )
    return f"SELECT *, {', '.join(cols)}\nFROM {unit_table}\nWHERE {exposed} IS NOT NULL"


def observation_end(plan: QueryPlan) -> dt.datetime | None:
    """The configured end (exclusive), or None: then the data's last event decides."""
    end = plan.window.end
    return None if end is None else dt.datetime.combine(end + dt.timedelta(days=1), dt.time())


def active_weeks_query(plan: QueryPlan, tables: Mapping[str, str], unit_table: str) -> str:
    """One row per unit x week since exposure in which the unit has an event in some weekly
    source, with each weekly metric's values (the other weeks are added by count, see
    data/trend_weeks.py: at 10 M units the full unit x week table was ~40 M rows to sort).

    `plan` holds only weekly metrics (see `QueryPlan.weekly_metrics`); `tables` maps source
    names to what to read them from (a view, a table function). Columns: unit_row
    (the unit's UNIT_ROW in `unit_table`), week (integer), arm, EXPOSED, last_at (the
    latest event of that row), the metric values. Weeks past the observation end are
    still in: with no experiment.end, it depends on every row's last_at, so the reader
    keeps `week < full_weeks(...)`.
    """
    window = plan.window
    exposed = ident(EXPOSED)
    ctes, names = [], []
    for name, refs in sorted(plan.refs_by_source.items()):
        source = plan.sources[name]
        assert source.timestamp
        ts = f"CAST({ident(source.timestamp)} AS TIMESTAMP)"
        cte = ident("s_" + name)
        # The unit's row number, not unit_id, is the key from here on: integers hash, join
        # and sort faster. __row, __arm: the source's own columns may be called so.
        events = (
            f"SELECT e.*, x.{ident(UNIT_ROW)} AS {ident('__row')}, x.arm AS {ident('__arm')}, "
            f"x.{exposed} FROM {tables[name]} AS e "
            f"JOIN (SELECT {ident(UNIT_ROW)}, unit_id, arm, {exposed} FROM {unit_table}) AS x "
            f"ON CAST(e.{ident(source.id)} AS VARCHAR) = x.unit_id"
        )
        ctes.append(
            f"{cte} AS (\n  SELECT {ident('__row')} AS unit_row, "
            f"CAST(floor(date_diff('second', {exposed}, {ts}) / {WEEK_SECONDS}) AS BIGINT) "
            f"AS week, ANY_VALUE({ident('__arm')}) AS arm, ANY_VALUE({exposed}) AS {exposed}, "
            f"{aggregate_items(refs)}, MAX({ts}) AS last_at\n"
            f"  FROM ({events}) AS ev\n"
            f"  WHERE {window_condition(source.timestamp, window.start, window.end)} "
            f"AND {ts} >= {exposed}\n  GROUP BY 1, 2\n)"
        )
        names.append(cte)
    each = lambda column: ", ".join(f"{n}.{column}" for n in names)  # noqa: E731
    select = [
        "unit_row",
        "week",
        f"COALESCE({each('arm')}) AS arm",
        f"COALESCE({each(exposed)}) AS {exposed}",
        f"GREATEST({each('last_at')}) AS last_at",
    ]
    for name, metric in plan.metrics.items():
        select += metric_columns(name, metric)
    # A unit x week with events in one source only: the others' values are NULL, as in
    # `empty_week_query`. FULL JOIN ... USING merges unit_row and week of both sides.
    joined = names[0] + "".join(f"\nFULL JOIN {n} USING (unit_row, week)" for n in names[1:])
    return "WITH " + ",\n".join(ctes) + "\nSELECT " + ",\n       ".join(select) + "\nFROM " + joined


def empty_week_query(plan: QueryPlan) -> str:
    """The row of a unit x week without events: every source value NULL, so the metric
    values are those of a unit without rows (0 for sum/count/any, NULL for mean/max)."""
    sources = [
        f"(SELECT {', '.join(f'CAST(NULL AS DOUBLE) AS {ident(a)}' for a in sorted(refs))}) "
        f"AS {ident('s_' + name)}"
        for name, refs in sorted(plan.refs_by_source.items())
    ]
    select = ["CAST(NULL AS VARCHAR) AS arm"]
    for name, metric in plan.metrics.items():
        select += metric_columns(name, metric)
    return f"SELECT {', '.join(select)}\nFROM {', '.join(sources)}"


def end_literal(end: dt.datetime) -> str:
    return f"TIMESTAMP {sql_string(end.isoformat(sep=' '))}"


def full_weeks(end: dt.datetime | str) -> str:
    """The whole weeks from a unit's first exposure to the observation end `end` (a time,
    or an SQL expression of one)."""
    bound = end if isinstance(end, str) else end_literal(end)
    return f"CAST(floor(date_diff('second', {ident(EXPOSED)}, {bound}) / {WEEK_SECONDS}) AS BIGINT)"


def full_weeks_histogram(unit_table: str, end: dt.datetime | str) -> str:
    """Exposed units per arm and number of full weeks: the units in week k are those with
    more than k full weeks."""
    return (
        f"SELECT arm, {full_weeks(end)} AS full_weeks, COUNT(*) AS units\n"
        f"FROM {unit_table}\nWHERE {ident(EXPOSED)} IS NOT NULL\nGROUP BY ALL"
    )
