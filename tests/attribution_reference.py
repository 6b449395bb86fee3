"""The per-touch reference of attribution: every touch a Python object.

`personalroi attribute` and the audit compute the six models in SQL
(personalroi/attribution/journey_sql.py, journeys.py); the tests hold them to this
plain reading of the same definitions. `load_paths` cuts the touches into paths with
DuckDB (a conversion's path: the unit's touches after its previous conversion and at or
before this one; touches after a unit's last conversion form a non-converting path, which
the Markov model needs; only units of the units file count, inside the window); the rule
models split each conversion's value over its path's touches by position; the Markov
model splits it by removal effect over the transition counts.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import duckdb

from personalroi.attribution.credits import MODELS, NO_TOUCH, Credits, Touch
from personalroi.attribution.journey_sql import personalized_flag, require_columns
from personalroi.attribution.markov import (
    CONVERSION,
    NULL,
    START,
    State,
    effects_from_counts,
    markov_credits,
)
from personalroi.data.progress import connect
from personalroi.data.sources import duckdb_errors, ident, register
from personalroi.data.unit_sql import unit_query, window_condition
from personalroi.errors import ConfigError
from personalroi.plan.query_plan import QueryPlan
from personalroi.plan.refs import UNITS


@dataclass(frozen=True)
class PathTouch(Touch):
    days_before: float = 0.0  # time from this touch to the conversion (0 for non-converting)


@dataclass(frozen=True)
class Path:
    """Touches in time order; `value` is the conversion's value, 0 if it did not convert."""

    touches: tuple[PathTouch, ...]
    value: float = 0.0
    converted: bool = True


def converting(paths: Iterable[Path]) -> list[Path]:
    return [p for p in paths if p.converted]


Weights = Callable[[tuple[PathTouch, ...]], list[float]]


def first_touch(touches: tuple[PathTouch, ...]) -> list[float]:
    return [1.0] + [0.0] * (len(touches) - 1)


def last_touch(touches: tuple[PathTouch, ...]) -> list[float]:
    return [0.0] * (len(touches) - 1) + [1.0]


def linear(touches: tuple[PathTouch, ...]) -> list[float]:
    return [1 / len(touches)] * len(touches)


def time_decay(half_life_days: float) -> Weights:
    """Weights halve with every `half_life_days` between the touch and the conversion."""

    def weights(touches: tuple[PathTouch, ...]) -> list[float]:
        raw = [math.pow(0.5, max(t.days_before, 0.0) / half_life_days) for t in touches]
        total = sum(raw)
        return [w / total for w in raw]

    return weights


def position_based(
    touches: tuple[PathTouch, ...], first: float = 0.4, last: float = 0.4
) -> list[float]:
    """40 % to the first touch, 40 % to the last, 20 % spread over the ones between.

    One touch takes everything; two touches split it in the ratio first:last.
    """
    n = len(touches)
    if n == 1:
        return [1.0]
    if n == 2:
        return [first / (first + last), last / (first + last)]
    middle = (1 - first - last) / (n - 2)
    return [first] + [middle] * (n - 2) + [last]


def attribute(paths: Iterable[Path], weights: Weights) -> Credits:
    credits = Credits()
    for path in converting(paths):
        if not path.touches:
            credits.add(Touch(NO_TOUCH), path.value)
            continue
        for touch, share in zip(path.touches, weights(path.touches), strict=True):
            credits.add(touch, share * path.value)
    return credits


def transition_counts(paths: Iterable[Path]) -> Counter[tuple[object, object]]:
    counts: Counter[tuple[object, object]] = Counter()
    for path in paths:
        states: list[object] = [START, *((t.channel, t.personalized) for t in path.touches)]
        states.append(CONVERSION if path.converted else NULL)
        counts.update(zip(states[:-1], states[1:], strict=False))
    return counts


def removal_effects(paths: list[Path]) -> dict[State, float]:
    return effects_from_counts(transition_counts(paths))


def attribute_markov(paths: Iterable[Path]) -> Credits:
    """Converted value split by removal effect; conversions without touches go to NO_TOUCH."""
    paths = list(paths)
    touched = [p for p in paths if p.touches]
    bare = [p.value for p in paths if p.converted and not p.touches]
    untouched = sum(bare) if bare else None
    return markov_credits(
        transition_counts(touched), sum(p.value for p in touched if p.converted), untouched
    )


def attribute_all(paths: list[Path], half_life_days: float) -> dict[str, Credits]:
    weights = {
        "first_touch": first_touch,
        "last_touch": last_touch,
        "linear": linear,
        "time_decay": time_decay(half_life_days),
        "position_based": position_based,
    }
    out = {name: attribute(paths, w) for name, w in weights.items()}
    out["markov"] = attribute_markov(paths)
    return {name: out[name] for name in MODELS}


def attribution_to_dict(
    credits: dict[str, Credits], paths: list[Path], half_life_days: float
) -> dict[str, Any]:
    converted = [p for p in paths if p.converted]
    return {
        "schema_version": 1,
        "models": {name: c.as_dict() for name, c in credits.items()},
        "total_value": float(sum(p.value for p in converted)),
        "conversions": len(converted),
        "non_converting_paths": len(paths) - len(converted),
        "half_life_days": half_life_days,
    }


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


def _paths(rows: list[tuple[object, ...]]) -> list[Path]:
    out: list[Path] = []
    key: tuple[object, object] | None = None
    touches: list[PathTouch] = []
    value = 0.0
    for unit, k, row_value, channel, personalized, days, _ts in rows:
        if (unit, k) != key:
            if key is not None:
                out.append(Path(tuple(touches), value, converted=key[1] != -1))
            key, touches, value = (unit, k), [], float(row_value)  # type: ignore[arg-type]
        if channel is not None:
            touches.append(PathTouch(str(channel), bool(personalized), float(days)))  # type: ignore[arg-type]
    if key is not None:
        out.append(Path(tuple(touches), value, converted=key[1] != -1))
    return out
