"""Read touchpoints and conversions with DuckDB and cut them into paths.

A conversion's path is the unit's touches after its previous conversion and
at or before this one; the touches after a unit's last conversion (all of
them, for units that never converted) form a non-converting path, which the
Markov model needs. Only units of the units file count, inside the window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from personalroi.attribution.paths import Path, Touch
from personalroi.data.progress import connect
from personalroi.data.sources import Table, duckdb_errors, ident, register
from personalroi.data.unit_sql import unit_query, window_condition
from personalroi.errors import ConfigError
from personalroi.plan.query_plan import QueryPlan
from personalroi.plan.refs import UNITS
from personalroi.plan.sections import AttributionPlan

if TYPE_CHECKING:
    import duckdb


def load_paths(plan: QueryPlan, con: duckdb.DuckDBPyConnection | None = None) -> list[Path]:
    if plan.attribution is None:
        raise ConfigError("the config has no attribution section (see `attribute --help`).")
    con = con or connect()
    att = plan.attribution
    units = register(con, "att__units", plan.units.path, plan.units.row_filter)
    touches = register(con, "att__touches", att.touches.path, att.touches.row_filter)
    convs = register(con, "att__conversions", att.conversions.path, att.conversions.row_filter)
    units.require(plan.units.id, "units.id")
    units.require(plan.units.arm, "units.arm")
    require_columns(att, touches, convs)
    units_sql = unit_query(plan.units_only(), {UNITS: ident(units.view)})
    # Ties in time are broken by channel and flag, as the journey query does (journey_sql.py).
    sql = (
        path_ctes(plan, units_sql, touches.view, convs.view)
        + "\nSELECT * FROM conv_touch UNION ALL SELECT * FROM open_touch ORDER BY 1, 2, 7, 4, 5"
    )
    with duckdb_errors(att.touches.path):
        rows = con.execute(sql).fetchall()
    return _paths(rows)


def require_columns(att: AttributionPlan, touches: Table, convs: Table) -> None:
    """Every column the attribution section names exists (DataError naming the key)."""
    touch_src, conv_src = att.touches, att.conversions
    assert touch_src.timestamp is not None and conv_src.timestamp is not None
    for column, key in [
        (touch_src.id, f"sources.{touch_src.name}.id"),
        (touch_src.timestamp, f"sources.{touch_src.name}.timestamp"),
        (att.channel, "attribution.channel"),
        *([(att.personalized, "attribution.personalized")] if att.personalized else []),
    ]:
        touches.require(column, key)
    for column, key in [
        (conv_src.id, f"sources.{conv_src.name}.id"),
        (conv_src.timestamp, f"sources.{conv_src.name}.timestamp"),
        (att.value, "attribution.value"),
    ]:
        convs.require(column, key)


def path_ctes(plan: QueryPlan, units_sql: str, touches_view: str, convs_view: str) -> str:
    """A WITH clause over the units (unit_id, ...), touch and conversion views.

    Relations: `units`; `t` (touches of those units in the window); `c`
    (conversions with their number k per unit and the previous one's time);
    `conv_touch` (unit_id, k, value, channel, personalized, days_before, touch_ts:
    each conversion with the touches of its path, one row with NULL touch when it
    has none); `open_touch` (the same columns for touches after a unit's last
    conversion, k = -1).
    """
    att, window = plan.attribution, plan.window
    assert att is not None
    touch_src, conv_src = att.touches, att.conversions
    assert touch_src.timestamp is not None and conv_src.timestamp is not None
    flag = personalized_flag(att.personalized)
    return f"""WITH units AS ({units_sql}),
t AS (
  SELECT CAST({ident(touch_src.id)} AS VARCHAR) AS unit_id,
         CAST({ident(touch_src.timestamp)} AS TIMESTAMP) AS ts,
         COALESCE(CAST({ident(att.channel)} AS VARCHAR), '(missing)') AS channel,
         {flag} AS personalized
  FROM {ident(touches_view)}
  WHERE {ident(touch_src.timestamp)} IS NOT NULL
    AND {window_condition(touch_src.timestamp, window.start, window.end)}
    AND CAST({ident(touch_src.id)} AS VARCHAR) IN (SELECT unit_id FROM units)
),
c AS (
  SELECT unit_id, ts, value,
         ROW_NUMBER() OVER (PARTITION BY unit_id ORDER BY ts) AS k,
         LAG(ts) OVER (PARTITION BY unit_id ORDER BY ts) AS prev_ts
  FROM (
    SELECT CAST({ident(conv_src.id)} AS VARCHAR) AS unit_id,
           CAST({ident(conv_src.timestamp)} AS TIMESTAMP) AS ts,
           COALESCE(CAST({ident(att.value)} AS DOUBLE), 0) AS value
    FROM {ident(convs_view)}
    WHERE {ident(conv_src.timestamp)} IS NOT NULL
      AND {window_condition(conv_src.timestamp, window.start, window.end)}
      AND CAST({ident(conv_src.id)} AS VARCHAR) IN (SELECT unit_id FROM units)
  )
),
last_c AS (SELECT unit_id, MAX(ts) AS last_ts FROM c GROUP BY unit_id),
conv_touch AS (
  SELECT c.unit_id, c.k, c.value, t.channel, t.personalized,
         date_diff('second', t.ts, c.ts) / 86400.0 AS days_before, t.ts AS touch_ts
  FROM c LEFT JOIN t ON t.unit_id = c.unit_id AND t.ts <= c.ts
    AND (c.prev_ts IS NULL OR t.ts > c.prev_ts)
),
open_touch AS (
  SELECT t.unit_id, -1 AS k, 0.0 AS value, t.channel, t.personalized,
         0.0 AS days_before, t.ts AS touch_ts
  FROM t LEFT JOIN last_c USING (unit_id)
  WHERE last_c.last_ts IS NULL OR t.ts > last_c.last_ts
)"""


def personalized_flag(column: str | None) -> str:
    """A touch's personalized flag from the configured column (FALSE without one)."""
    if not column:
        return "FALSE"
    # Two short IN lists, not one of six: DuckDB turns six constants into a join against a
    # constant table, a hash probe per touch (0.2 s of CPU at 2.5 M touches).
    text = f"CAST({ident(column)} AS VARCHAR)"
    return f"COALESCE({text} IN ('1', 'true', 'True') OR {text} IN ('TRUE', 'yes', '1.0'), FALSE)"


def _paths(rows: list[tuple[object, ...]]) -> list[Path]:
    out: list[Path] = []
    key: tuple[object, object] | None = None
    touches: list[Touch] = []
    value = 0.0
    for unit, k, row_value, channel, personalized, days, _ts in rows:
        if (unit, k) != key:
            if key is not None:
                out.append(Path(tuple(touches), value, converted=key[1] != -1))
            key, touches, value = (unit, k), [], float(row_value)  # type: ignore[arg-type]
        if channel is not None:
            touches.append(Touch(str(channel), bool(personalized), float(days)))  # type: ignore[arg-type]
    if key is not None:
        out.append(Path(tuple(touches), value, converted=key[1] != -1))
    return out
