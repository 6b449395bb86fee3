"""Attribution per arm in DuckDB: the audit's credits without a Python object per touch.

The paths are the `attribute` command's (load.py::path_ctes over the audit's unit
table, so the window and contamination filters hold). The five rule models are
weights computed with window functions over each path; what comes back is small:
credits per arm x channel x flag, per-arm sums of each unit's personalized credit
and converted value (for the delta-method comparison of shares), and the Markov
chain's transition counts per arm, which `markov.markov_credits` solves in Python.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from personalroi.attribution.load import path_ctes, require_columns
from personalroi.attribution.markov import CONVERSION, NULL, START
from personalroi.attribution.paths import NO_TOUCH
from personalroi.data.sources import Table, duckdb_errors, ident
from personalroi.plan.query_plan import QueryPlan
from personalroi.stats.sufficient import JointStats

if TYPE_CHECKING:
    from personalroi.engines.base import Connection

RULE_MODELS = ("first_touch", "last_touch", "linear", "time_decay", "position_based")

# Share of a conversion's value per touch, by model; i = position in the path (1-based),
# n = touches in the path (0: a conversion without touch, which gets all of it).
_WEIGHTS = {
    "first_touch": "CASE WHEN n = 0 OR i = 1 THEN 1.0 ELSE 0.0 END",
    "last_touch": "CASE WHEN n = 0 OR i = n THEN 1.0 ELSE 0.0 END",
    "linear": "CASE WHEN n = 0 THEN 1.0 ELSE 1.0 / n END",
    "time_decay": "CASE WHEN n = 0 THEN 1.0 ELSE decay / decay_sum END",
    # 40 % first, 40 % last, 20 % over the middle; one touch all, two touches 50/50.
    "position_based": (
        "CASE WHEN n <= 1 THEN 1.0 WHEN n = 2 THEN 0.5 "
        "WHEN i = 1 OR i = n THEN 0.4 ELSE 0.2 / (n - 2) END"
    ),
}
_ORDER = "ORDER BY touch_ts, channel, personalized"  # ties as in load.py


@dataclass(frozen=True)
class ArmTotals:
    conversions: int
    value: float
    touched_value: float  # conversions with at least one touch
    untouched_conversions: int
    untouched_value: float


@dataclass(frozen=True)
class ArmAttributionData:
    """What the SQL returns, per arm."""

    totals: dict[str, ArmTotals]
    # arm -> model -> (channel, personalized) -> credited value
    credits: dict[str, dict[str, dict[tuple[str, bool], float]]]
    # arm -> model -> x = a unit's personalized credit, y = its converted value, per unit
    shares: dict[str, dict[str, JointStats]]
    transitions: dict[str, Counter[tuple[object, object]]]


def _ctes(plan: QueryPlan, unit_table: str, tables: dict[str, Table]) -> str:
    att = plan.attribution
    assert att is not None
    units_sql = f"SELECT unit_id, arm FROM {ident(unit_table)}"
    touches, convs = tables[att.touches.name].view, tables[att.conversions.name].view
    half_life = float(att.half_life_days)
    weighted = ",\n".join(f"  value * ({w}) AS {m}" for m, w in _WEIGHTS.items())
    return (
        path_ctes(plan, units_sql, touches, convs)
        + f""",
ranked AS (
  SELECT *, ROW_NUMBER() OVER w AS i, COUNT(touch_ts) OVER p AS n,
         POW(0.5, GREATEST(days_before, 0) / {half_life!r}) AS decay,
         SUM(POW(0.5, GREATEST(days_before, 0) / {half_life!r})) OVER p AS decay_sum
  FROM conv_touch
  WINDOW p AS (PARTITION BY unit_id, k), w AS (PARTITION BY unit_id, k {_ORDER})
),
weighted AS (
  SELECT unit_id, COALESCE(channel, {_literal(NO_TOUCH)}) AS channel,
         COALESCE(personalized, FALSE) AS personalized,
{weighted}
  FROM ranked
)"""
    )


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _credits_sql() -> str:
    sums = ", ".join(f"SUM({m})" for m in RULE_MODELS)
    return (
        f"SELECT u.arm, w.channel, w.personalized, {sums}\n"
        "FROM weighted w JOIN units u USING (unit_id) GROUP BY ALL ORDER BY 1, 2, 3"
    )


def _shares_sql() -> str:
    pers = ", ".join(
        f"COALESCE(SUM({m}) FILTER (WHERE personalized), 0) AS {m}" for m in RULE_MODELS
    )
    stats = ["COUNT(*)", "SUM(v)", "SUM(v * v)"]
    for m in RULE_MODELS:
        x = f"COALESCE(s.{m}, 0)"
        stats += [f"SUM({x})", f"SUM({x} * {x})", f"SUM({x} * v)"]
    return f""",
unit_value AS (SELECT unit_id, SUM(value) AS value FROM c GROUP BY unit_id),
unit_pers AS (SELECT unit_id, {pers} FROM weighted GROUP BY unit_id),
per_unit AS (
  SELECT u.arm, COALESCE(uv.value, 0) AS v, s.*
  FROM units u LEFT JOIN unit_value uv USING (unit_id) LEFT JOIN unit_pers s USING (unit_id)
)
SELECT arm, {", ".join(stats)} FROM per_unit s GROUP BY arm ORDER BY arm"""


def _totals_sql() -> str:
    return """
SELECT u.arm, COUNT(*) FILTER (WHERE i = 1), COALESCE(SUM(value) FILTER (WHERE i = 1), 0),
       COALESCE(SUM(value) FILTER (WHERE i = 1 AND n > 0), 0),
       COUNT(*) FILTER (WHERE n = 0), COALESCE(SUM(value) FILTER (WHERE n = 0), 0)
FROM ranked JOIN units u USING (unit_id) GROUP BY u.arm ORDER BY 1"""


def _transitions_sql() -> str:
    """(arm, from channel, from flag, to channel, to flag, converted, count); a NULL
    'from' is the start state, a NULL 'to' the end (conversion or null)."""
    return f""",
walk AS (
  SELECT unit_id, k, channel, personalized,
         LAG(channel) OVER w AS prev_channel, LAG(personalized) OVER w AS prev_flag,
         ROW_NUMBER() OVER w AS i, COUNT(*) OVER (PARTITION BY unit_id, k) AS n
  FROM (SELECT * FROM conv_touch WHERE touch_ts IS NOT NULL UNION ALL SELECT * FROM open_touch)
  WINDOW w AS (PARTITION BY unit_id, k {_ORDER})
)
SELECT u.arm, prev_channel, prev_flag, channel, personalized, FALSE, COUNT(*)
FROM walk JOIN units u USING (unit_id) GROUP BY ALL
UNION ALL
SELECT u.arm, channel, personalized, NULL, NULL, k <> -1, COUNT(*)
FROM walk JOIN units u USING (unit_id) WHERE i = n GROUP BY ALL
ORDER BY 1, 2, 3, 4, 5, 6"""


def load_by_arm(
    con: Connection, plan: QueryPlan, unit_table: str, tables: dict[str, Table]
) -> ArmAttributionData:
    att = plan.attribution
    assert att is not None
    require_columns(att, tables[att.touches.name], tables[att.conversions.name])
    ctes = _ctes(plan, unit_table, tables)
    with duckdb_errors(att.touches.path):
        credit_rows = con.execute(ctes + "\n" + _credits_sql()).fetchall()
        share_rows = con.execute(ctes + _shares_sql()).fetchall()
        total_rows = con.execute(ctes + _totals_sql()).fetchall()
        move_rows = con.execute(ctes + _transitions_sql()).fetchall()
    credits: dict[str, dict[str, dict[tuple[str, bool], float]]] = defaultdict(
        lambda: {m: {} for m in RULE_MODELS}
    )
    for arm, channel, flag, *values in credit_rows:
        for model, value in zip(RULE_MODELS, values, strict=True):
            credits[str(arm)][model][(str(channel), bool(flag))] = float(value or 0.0)
    shares = {}
    for arm, n, sy, syy, *rest in share_rows:
        shares[str(arm)] = {
            m: JointStats(int(n), float(sx), float(sxx), float(sy), float(syy), float(sxy))
            for m, (sx, sxx, sxy) in zip(
                RULE_MODELS, zip(rest[0::3], rest[1::3], rest[2::3], strict=True), strict=True
            )
        }
    totals = {
        str(arm): ArmTotals(int(k), float(v), float(tv), int(uk), float(uv))
        for arm, k, v, tv, uk, uv in total_rows
    }
    transitions: dict[str, Counter[tuple[object, object]]] = defaultdict(Counter)
    for arm, src_c, src_f, dst_c, dst_f, converted, count in move_rows:
        src: object = START if src_c is None else (str(src_c), bool(src_f))
        dst: object = (
            (CONVERSION if converted else NULL) if dst_c is None else (str(dst_c), bool(dst_f))
        )
        transitions[str(arm)][(src, dst)] += int(count)
    return ArmAttributionData(totals, dict(credits), shares, dict(transitions))
