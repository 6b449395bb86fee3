"""The six attribution models' inputs in one SQL query: a small table, never a row per touch.

The query reads each file once. Every touch is matched to the conversion whose
path it is on (the unit's first conversion at or after it, later than the one
before; k = -1 after the unit's last conversion), the conversions are added as
marker rows, and a window pass over each path (unit, k), touches in time
order (ties by channel, then flag) and the marker last, gives every row its
position i, the path's touch count n, the time-decay normaliser and the state
before it. One GROUP BY then returns, per arm and (state before -> state):

- the transitions of the Markov chain (a touch row: the state before it, START when
  it is the first, to its own state; a marker row: the last touch to CONVERSION;
  `ends_open` counts the last touches of non-converting paths, which go to NULL);
- the five rule models' credits to each touch state (value x the model's weight);
- the conversions and their value (marker rows; those with no touch before them
  are the untouched conversions, credited to NO_TOUCH by every model).

Written as plain SELECTs with standard window functions and FILTER, no UDFs, so
sqlglot can carry it to Postgres or Spark. Credits and values are summed as
DECIMAL(38, 12): sums of exact decimals do not depend on the order in which the
threads add them, so the result is the same to the last bit on every run (a
rounding of at most 5e-13 per touch).
"""

from __future__ import annotations

from personalroi.data.sources import INTEGER_TYPES, Table, ident
from personalroi.data.unit_sql import window_condition
from personalroi.plan.query_plan import QueryPlan
from personalroi.plan.sections import AttributionPlan

RULE_MODELS = ("first_touch", "last_touch", "linear", "time_decay", "position_based")
EXACT = "DECIMAL(38, 12)"

# Share of the path's value per touch, by model; i = position (1-based), n = touches >= 1.
WEIGHTS = {
    "first_touch": "CASE WHEN i = 1 THEN 1.0 ELSE 0.0 END",
    "last_touch": "CASE WHEN i = n THEN 1.0 ELSE 0.0 END",
    "linear": "1.0 / n",
    "time_decay": "decay / decay_sum",
    # 40 % first, 40 % last, 20 % over the middle; one touch all, two touches 50/50.
    "position_based": (
        "CASE WHEN n = 1 THEN 1.0 WHEN n = 2 THEN 0.5 "
        "WHEN i = 1 OR i = n THEN 0.4 ELSE 0.2 / (n - 2) END"
    ),
}
# The columns of a result row, in order.
COLUMNS = (
    "arm",
    "is_conversion",
    "from_channel",
    "from_flag",
    "channel",
    "personalized",
    "steps",
    "ends_open",
    "starts_open",
    "value",
    *RULE_MODELS,
)


def journey_query(
    plan: QueryPlan, units_sql: str, touches: str, conversions: str, ids: str = "VARCHAR"
) -> str:
    """The query over `units_sql` (unit_id, arm: one row per unit) and the registered
    touch and conversion views (quoted names); `ids` is the type of unit_id (id_type)."""
    return (
        _walked(plan, units_sql, touches, conversions, "unit_id", ids)
        + f"""
SELECT {_TRANSITION_KEY},
  {_transition_sums()}
FROM walked
GROUP BY {_TRANSITION_KEY}
ORDER BY {_ORDER}"""
    )


def _walked(
    plan: QueryPlan, units_sql: str, touches: str, conversions: str, key: str, ids: str
) -> str:
    """The WITH clause down to `walked`: one row per touch and per conversion marker.

    The window runs twice, over disjoint rows: `paths` walks the converting paths
    (k <> -1: their touches and markers), which need every window value, and the second
    half of `walked` the touches after a unit's last conversion (k = -1, a single open
    path per unit), which carry no credit and so need no decay sum: COUNT(*) over the
    unit instead of COUNT(channel) and SUM(decay) over the path. At 1 M units 96 % of the
    touches are on open paths, and those two partition sums were about a third of the
    window's CPU.

    `key` is the column of `units_sql` that names a unit in the paths' partitions
    (`unit_key`): unit_id itself, or a number per unit, which DuckDB partitions and
    joins faster than text (0.4-0.5 of the query's 3.6 CPU s at 1 M units). The touches
    and conversions are matched to `units_sql`'s unit_id as `ids` (id_type)."""
    att, window = plan.attribution, plan.window
    assert att is not None
    touch_src, conv_src = att.touches, att.conversions
    assert touch_src.timestamp is not None and conv_src.timestamp is not None
    half_life = float(att.half_life_days)
    return f"""WITH units AS ({units_sql}),
t AS (
  SELECT u.arm, u.{key} AS unit_key, f.ts, f.channel, f.personalized
  FROM (
    SELECT CAST({ident(touch_src.id)} AS {ids}) AS unit_id,
           CAST({ident(touch_src.timestamp)} AS TIMESTAMP) AS ts,
           COALESCE(CAST({ident(att.channel)} AS VARCHAR), '(missing)') AS channel,
           {personalized_flag(att.personalized)} AS personalized
    FROM {touches}
    WHERE {ident(touch_src.timestamp)} IS NOT NULL
      AND {window_condition(touch_src.timestamp, window.start, window.end)}
  ) AS f JOIN units AS u ON f.unit_id = u.unit_id
),
c AS (
  SELECT arm, unit_key, ts, value,
         ROW_NUMBER() OVER (PARTITION BY unit_key ORDER BY ts, value) AS k,
         LAG(ts) OVER (PARTITION BY unit_key ORDER BY ts, value) AS prev_ts
  FROM (
    SELECT u.arm, u.{key} AS unit_key, f.ts, f.value
    FROM (
      SELECT CAST({ident(conv_src.id)} AS {ids}) AS unit_id,
             CAST({ident(conv_src.timestamp)} AS TIMESTAMP) AS ts,
             COALESCE(CAST({ident(att.value)} AS DOUBLE), 0) AS value
      FROM {conversions}
      WHERE {ident(conv_src.timestamp)} IS NOT NULL
        AND {window_condition(conv_src.timestamp, window.start, window.end)}
    ) AS f JOIN units AS u ON f.unit_id = u.unit_id
  ) AS conversions
),
steps AS (
  SELECT t.arm, t.unit_key, COALESCE(c.k, -1) AS k, 0 AS is_conversion, t.ts, t.channel,
         t.personalized, c.value,
         POWER(0.5, GREATEST(date_diff('second', t.ts, c.ts) / 86400.0, 0) / {half_life!r})
           AS decay
  FROM t LEFT JOIN c ON c.unit_key = t.unit_key AND t.ts <= c.ts
    AND (c.prev_ts IS NULL OR t.ts > c.prev_ts)
  UNION ALL
  SELECT arm, unit_key, k, 1, ts, NULL, NULL, value, NULL FROM c
),
paths AS (
  SELECT *, ROW_NUMBER() OVER w AS i, COUNT(channel) OVER p AS n,
         SUM(decay) OVER p AS decay_sum,
         LAG(channel) OVER w AS from_channel, LAG(personalized) OVER w AS from_flag
  FROM steps
  WHERE k <> -1
  WINDOW p AS (PARTITION BY unit_key, k),
         w AS (PARTITION BY unit_key, k ORDER BY is_conversion, ts, channel, personalized)
),
walked AS (
  SELECT * FROM paths
  UNION ALL
  SELECT *, ROW_NUMBER() OVER w AS i, COUNT(*) OVER p AS n, CAST(NULL AS DOUBLE) AS decay_sum,
         LAG(channel) OVER w AS from_channel, LAG(personalized) OVER w AS from_flag
  FROM steps
  WHERE k = -1
  WINDOW p AS (PARTITION BY unit_key),
         w AS (PARTITION BY unit_key ORDER BY ts, channel, personalized)
)"""


_TRANSITION_KEY = "arm, is_conversion, from_channel, from_flag, channel, personalized"
_ORDER = (
    "arm, is_conversion, from_channel NULLS FIRST, from_flag NULLS FIRST, channel, personalized"
)


def _credit(model: str, personalized_only: bool = False) -> str:
    # CASE, not FILTER: the weight is undefined on marker rows (n = 0), and only CASE
    # promises not to evaluate it there.
    flag = " AND personalized" if personalized_only else ""
    return (
        f"CASE WHEN is_conversion = 0 AND k <> -1{flag} "
        f"THEN CAST(value * {WEIGHTS[model]} AS {EXACT}) END"
    )


def _transition_sums() -> str:
    """COLUMNS after the key: counts, the conversions' value and each rule model's credits."""
    return ",\n  ".join(
        [
            "COUNT(*) AS steps",
            "COUNT(*) FILTER (WHERE is_conversion = 0 AND k = -1 AND i = n) AS ends_open",
            "COUNT(*) FILTER (WHERE is_conversion = 0 AND k = -1 AND i = 1) AS starts_open",
            f"SUM(CAST(value AS {EXACT})) FILTER (WHERE is_conversion = 1) AS value",
            *(f"SUM({_credit(m)}) AS {m}" for m in RULE_MODELS),
        ]
    )


# The share statistics per arm (the `arm` rows of share_parts): the arm's units, y = a
# unit's converted value and x = its personalized credit under each rule model.
SHARE_COLUMNS = (
    "n_units",
    "sum_y",
    "sum_yy",
    *(f"{m}__{s}" for m in RULE_MODELS for s in ("x", "xx", "xy")),
)
# The section's table: `kind` ('arm' or 'transition'), then COLUMNS, then SHARE_COLUMNS.
TABLE_COLUMNS = ("kind", *COLUMNS, *SHARE_COLUMNS)


def _product(a: str, b: str) -> str:
    """a * b of two exact per-unit sums, rounded to EXACT once per unit: the same
    product for the same unit on every run, so their exact sum is the same too."""
    return f"CAST(CAST({a} AS DOUBLE) * CAST({b} AS DOUBLE) AS {EXACT})"


def share_parts(
    plan: QueryPlan,
    units: str,
    touches: str,
    conversions: str,
    key: str = "unit_id",
    ids: str = "VARCHAR",
) -> tuple[list[str], str]:
    """The attribution section's table over the per-unit table `units` (unit_id, arm) and
    the touch and conversion tables, as CTEs and a final SELECT of TABLE_COLUMNS: per arm
    and transition (kind 'transition') journey_query's rows, and per arm (kind 'arm') its
    units and the share statistics, from the same window passes.

    The converting paths' window pass (`paths`, a twelfth of the rows at 1 M units) is
    materialized once and read by two aggregates: `walked` by transition (as in
    journey_query) and `paths` by unit, over the only rows that add to a share (the
    conversion markers and the personalized touches of converting paths). Units with
    neither add nothing to the sums. `key` names a unit in the paths (_walked): unit_id,
    or the unit table's number per unit; `ids` the type the paths match unit ids as
    (id_type: the unit table's text ids cast to it).
    """
    unit_id = unit_id_as(ids)
    columns = f"{unit_id}, arm" if key == "unit_id" else f"{unit_id}, arm, {ident(key)}"
    walked = _walked(plan, f"SELECT {columns} FROM {units}", touches, conversions, ident(key), ids)
    walked = walked.removeprefix("WITH ").replace("paths AS (", "paths AS MATERIALIZED (", 1)
    personalized = ", ".join(
        f"SUM({_credit(m, personalized_only=True)}) AS x__{m}" for m in RULE_MODELS
    )
    y = "COALESCE(y, 0)"
    unit_sums = [f"SUM({y}) AS sum_y", f"SUM({_product(y, y)}) AS sum_yy"]
    for m in RULE_MODELS:
        x = f"COALESCE(x__{m}, 0)"
        unit_sums += [f"SUM({x}) AS {m}__x", f"SUM({_product(x, x)}) AS {m}__xx"]
        unit_sums += [f"SUM({_product(x, y)}) AS {m}__xy"]
    per_unit = f"""per_unit AS (
  SELECT arm, unit_key,
    SUM(CAST(value AS {EXACT})) FILTER (WHERE is_conversion = 1) AS y,
    {personalized}
  FROM paths
  WHERE is_conversion = 1 OR personalized
  GROUP BY arm, unit_key
)"""
    no_key = ", ".join(["NULL"] * (len(COLUMNS) - 1))
    no_shares = ", ".join(f"NULL AS {c}" for c in SHARE_COLUMNS)
    shares = ", ".join(f"s.{c}" for c in SHARE_COLUMNS[1:])
    select = f"""SELECT {", ".join(TABLE_COLUMNS)} FROM (
  SELECT 'transition' AS kind, {_TRANSITION_KEY},
    {_transition_sums()},
    {no_shares}
  FROM walked
  GROUP BY {_TRANSITION_KEY}
  UNION ALL
  SELECT 'arm', a.arm, {no_key}, a.n_units, {shares}
  FROM (SELECT arm, COUNT(*) AS n_units FROM units GROUP BY arm) AS a
  LEFT JOIN (
    SELECT arm, {", ".join(unit_sums)}
    FROM per_unit
    GROUP BY arm
  ) AS s ON s.arm = a.arm
) AS journeys
ORDER BY kind, {_ORDER}"""
    return [walked, per_unit], select


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


def id_type(*id_columns: tuple[Table, str]) -> str:
    """The type the paths match units on: the files' own integer type where every id
    column (units, touches, conversions) has that same one, else VARCHAR, as the audit
    names units. Integers are equal exactly when their text is, and DuckDB casts, hashes
    and partitions them for less than text (at 1 M units, 2.5 M touches cast to text and
    the paths partitioned by it: about 0.5 of the attribute query's 3.4 CPU s)."""
    kinds = {table.columns[column].upper() for table, column in id_columns}
    kind = kinds.pop() if len(kinds) == 1 else "VARCHAR"
    return kind if kind in INTEGER_TYPES else "VARCHAR"


def unit_id_as(ids: str) -> str:
    """The select item of a units table's text unit_id as the paths match it (`id_type`)."""
    return "unit_id" if ids == "VARCHAR" else f"CAST(unit_id AS {ids}) AS unit_id"


def personalized_flag(column: str | None) -> str:
    """A touch's personalized flag from the configured column (FALSE without one)."""
    if not column:
        return "FALSE"
    # Two short IN lists, not one of six: DuckDB turns six constants into a join against a
    # constant table, a hash probe per touch (0.2 s of CPU at 2.5 M touches).
    text = f"CAST({ident(column)} AS VARCHAR)"
    return f"COALESCE({text} IN ('1', 'true', 'True') OR {text} IN ('TRUE', 'yes', '1.0'), FALSE)"
