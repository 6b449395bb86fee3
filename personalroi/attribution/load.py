"""Read touchpoints and conversions with DuckDB and cut them into paths.

A conversion's path is the unit's touches after its previous conversion and
at or before this one; the touches after a unit's last conversion (all of
them, for units that never converted) form a non-converting path, which the
Markov model needs. Only units of the units file count, inside the window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from personalroi.attribution.paths import Path, Touch
from personalroi.config.model import Config
from personalroi.data.sources import duckdb_errors, ident, register
from personalroi.data.unit_sql import UNITS, unit_query, window_condition
from personalroi.errors import ConfigError

if TYPE_CHECKING:
    import duckdb


def load_paths(config: Config, con: duckdb.DuckDBPyConnection | None = None) -> list[Path]:
    import duckdb

    if config.attribution is None:
        raise ConfigError("the config has no attribution section (see `attribute --help`).")
    att, exp = config.attribution, config.experiment
    touch_src, conv_src = config.sources[att.source], config.sources[att.conversions]
    assert touch_src.timestamp is not None and conv_src.timestamp is not None
    con = con or duckdb.connect()
    units = register(con, "att__units", config.units.path)
    touches = register(con, "att__touches", touch_src.path)
    convs = register(con, "att__conversions", conv_src.path)
    units.require(config.units.id, "units.id")
    units.require(config.units.arm, "units.arm")
    for column, key in [
        (touch_src.id, f"sources.{att.source}.id"),
        (touch_src.timestamp, f"sources.{att.source}.timestamp"),
        (att.channel, "attribution.channel"),
        *([(att.personalized, "attribution.personalized")] if att.personalized else []),
    ]:
        touches.require(column, key)
    for column, key in [
        (conv_src.id, f"sources.{att.conversions}.id"),
        (conv_src.timestamp, f"sources.{att.conversions}.timestamp"),
        (att.value, "attribution.value"),
    ]:
        convs.require(column, key)
    bare = config.model_copy(update={"metrics": {}})
    flag = (
        f"COALESCE(CAST({ident(att.personalized)} AS VARCHAR) IN ('1', 'true', 'True', "
        "'TRUE', 'yes', '1.0'), FALSE)"
        if att.personalized
        else "FALSE"
    )
    sql = f"""WITH units AS ({unit_query(bare, {UNITS: ident(units.view)})}),
t AS (
  SELECT CAST({ident(touch_src.id)} AS VARCHAR) AS unit_id,
         CAST({ident(touch_src.timestamp)} AS TIMESTAMP) AS ts,
         COALESCE(CAST({ident(att.channel)} AS VARCHAR), '(missing)') AS channel,
         {flag} AS personalized
  FROM {ident(touches.view)}
  WHERE {ident(touch_src.timestamp)} IS NOT NULL
    AND {window_condition(touch_src.timestamp, exp.start, exp.end)}
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
    FROM {ident(convs.view)}
    WHERE {ident(conv_src.timestamp)} IS NOT NULL
      AND {window_condition(conv_src.timestamp, exp.start, exp.end)}
      AND CAST({ident(conv_src.id)} AS VARCHAR) IN (SELECT unit_id FROM units)
  )
),
last_c AS (SELECT unit_id, MAX(ts) AS last_ts FROM c GROUP BY unit_id)
SELECT c.unit_id, c.k, c.value, t.channel, t.personalized,
       date_diff('second', t.ts, c.ts) / 86400.0 AS days_before, t.ts AS touch_ts
FROM c LEFT JOIN t ON t.unit_id = c.unit_id AND t.ts <= c.ts
  AND (c.prev_ts IS NULL OR t.ts > c.prev_ts)
UNION ALL
SELECT t.unit_id, -1, 0.0, t.channel, t.personalized, 0.0, t.ts
FROM t LEFT JOIN last_c USING (unit_id)
WHERE last_c.last_ts IS NULL OR t.ts > last_c.last_ts
ORDER BY 1, 2, 7"""
    with duckdb_errors(touch_src.path):
        rows = con.execute(sql).fetchall()
    return _paths(rows)


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
