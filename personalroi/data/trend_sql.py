"""SQL for the trend analysis: units by week of first exposure, by calendar period, and
unit values by week since their own first exposure.

Both reuse the per-unit and per-arm builders (unit_sql, arm_sql): the trend is
"just" more dimensions. Cohort week and calendar periods are dimension columns
added to the unit table; weeks since exposure are a unit x week table whose
values come from the unit's events in that week, aggregated as in unit_sql.

Definitions (docs/statistics.md, "Trend"):
- week since exposure k of a unit: its events at times t with
  exposure + 7k days <= t < exposure + 7(k+1) days (events before exposure count
  in no week); the unit counts in week k only if that whole week ends by the
  observation end, so late cohorts cannot drag down late weeks;
- observation end: the day after experiment.end, else the latest event time of
  the sources the weekly metrics read;
- cohort: the ISO week (Monday) of the unit's first exposure;
- a calendar period: units first exposed on its days (start to end inclusive)
  are "in", the rest "out".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from personalroi.config.model import Config, MetricConfig
from personalroi.data.sources import ident, sql_string
from personalroi.data.unit_sql import (
    EXPOSED,
    UNITS,
    aggregate_items,
    metric_columns,
    metric_refs,
    refs_by_source,
    window_condition,
)

COHORT = "trend__cohort"
WEEK = "trend__week"
WEEK_SECONDS = 7 * 24 * 3600


def period_column(index: int) -> str:
    return f"trend__period_{index}"


def weekly_metrics(config: Config) -> dict[str, MetricConfig]:
    """Metrics whose every value comes from an event source with a timestamp.

    Unit columns (units.<col>) and sources without time have no week of their own:
    they appear in the cohort and calendar analysis only.
    """
    out = {}
    for name, metric in config.metrics.items():
        refs = metric_refs(metric).values()
        if refs and all(r.source != UNITS and config.sources[r.source].timestamp for r in refs):
            out[name] = metric
    return out


def cohort_view(config: Config, unit_table: str) -> str:
    """Exposed units with their cohort week and one in/out column per calendar period."""
    exposed = ident(EXPOSED)
    cols = [f"strftime(date_trunc('week', {exposed}), '%Y-%m-%d') AS {ident(COHORT)}"]
    for i, period in enumerate(config.calendar):
        inside = window_condition(EXPOSED, period.start, period.end)
        cols.append(f"CASE WHEN {inside} THEN 'in' ELSE 'out' END AS {ident(period_column(i))}")
    return f"SELECT *, {', '.join(cols)}\nFROM {unit_table}\nWHERE {exposed} IS NOT NULL"


def observation_end(config: Config) -> dt.datetime | None:
    """The configured end (exclusive), or None: then the data's last event decides."""
    end = config.experiment.end
    return None if end is None else dt.datetime.combine(end + dt.timedelta(days=1), dt.time())


def unit_weeks_query(config: Config, tables: Mapping[str, str], unit_table: str) -> str:
    """One row per unit x full week since exposure, with each weekly metric's values.

    `config` holds only weekly metrics (see `weekly_metrics`); `tables` maps source
    names to their registered tables. Columns: unit_id, arm, WEEK, the metric values.
    """
    exp = config.experiment
    exposed = ident(EXPOSED)
    ctes, joins, lasts = [], [], []
    for name, refs in sorted(refs_by_source(config).items()):
        source = config.sources[name]
        assert source.timestamp
        ts = f"CAST({ident(source.timestamp)} AS TIMESTAMP)"
        cte = ident("s_" + name)
        events = (
            f"SELECT e.*, x.unit_id AS {ident('__unit')}, x.{exposed} FROM {tables[name]} AS e "
            f"JOIN (SELECT unit_id, {exposed} FROM {unit_table}) AS x "
            f"ON CAST(e.{ident(source.id)} AS VARCHAR) = x.unit_id"
        )
        ctes.append(
            f"{cte} AS (\n  SELECT {ident('__unit')} AS unit_id, "
            f"CAST(floor(date_diff('second', {exposed}, {ts}) / {WEEK_SECONDS}) AS BIGINT) "
            f"AS week, {aggregate_items(refs)}, MAX({ts}) AS last_at\n"
            f"  FROM ({events}) AS ev\n"
            f"  WHERE {window_condition(source.timestamp, exp.start, exp.end)} "
            f"AND {ts} >= {exposed}\n  GROUP BY 1, 2\n)"
        )
        joins.append(f"LEFT JOIN {cte} USING (unit_id, week)")
        lasts.append(f"SELECT MAX(last_at) AS t FROM {cte}")
    end = observation_end(config)
    bound = (
        f"TIMESTAMP {sql_string(end.isoformat(sep=' '))}"
        if end is not None
        else f"(SELECT MAX(t) FROM ({' UNION ALL '.join(lasts)}) AS l)"
    )
    full_weeks = f"CAST(floor(date_diff('second', {exposed}, {bound}) / {WEEK_SECONDS}) AS BIGINT)"
    ctes.append(
        f"weeks AS (\n  SELECT unit_id, arm, UNNEST(range(0, GREATEST({full_weeks}, 0))) AS week\n"
        f"  FROM {unit_table}\n  WHERE {exposed} IS NOT NULL\n)"
    )
    select = ["w.unit_id", "w.arm", f"CAST(w.week AS VARCHAR) AS {ident(WEEK)}"]
    for name, metric in config.metrics.items():
        select += metric_columns(name, metric)
    return (
        "WITH "
        + ",\n".join(ctes)
        + "\nSELECT "
        + ",\n       ".join(select)
        + "\nFROM weeks AS w\n"
        + "\n".join(joins)
    )
