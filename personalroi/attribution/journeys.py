"""`personalroi attribute` out of core: the journey query's small table, folded per arm.

DuckDB returns, per arm and transition, the counts and credits of journey_sql.py;
this module adds them up into each arm's (and the pooled) credits per model,
solves the Markov chain on the small transition table, and builds the command's
JSON document. No touch becomes a Python object; the tests hold it to the per-touch
reference in tests/attribution_reference.py.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from personalroi.attribution.credits import MODELS, NO_TOUCH, Credits, Touch
from personalroi.attribution.journey_sql import (
    COLUMNS,
    RULE_MODELS,
    id_type,
    journey_query,
    require_columns,
    unit_id_as,
)
from personalroi.attribution.markov import CONVERSION, NULL, START, markov_credits
from personalroi.data.progress import connect, execute
from personalroi.data.sources import duckdb_errors, ident, register_all
from personalroi.data.unit_sql import unit_query
from personalroi.errors import ConfigError
from personalroi.plan.query_plan import QueryPlan
from personalroi.plan.refs import UNITS

if TYPE_CHECKING:
    import duckdb

    from personalroi.document.attribution import AttributeJson

State = tuple[str, bool]
ZERO = Decimal(0)


@dataclass
class Journeys:
    """One arm's (or every arm's) conversions, rule-model credits and Markov transitions."""

    conversions: int = 0
    value: Decimal = ZERO  # of every conversion
    touched_value: Decimal = ZERO  # of the conversions with a touch before them
    untouched_conversions: int = 0
    untouched_value: Decimal = ZERO
    open_paths: int = 0  # non-converting paths (touches after a unit's last conversion)
    # model -> touch state -> credited value
    credits: dict[str, dict[State, Decimal]] = field(
        default_factory=lambda: {m: {} for m in RULE_MODELS}
    )
    transitions: Counter[tuple[object, object]] = field(default_factory=Counter)

    def add(self, other: Journeys) -> None:
        self.conversions += other.conversions
        self.value += other.value
        self.touched_value += other.touched_value
        self.untouched_conversions += other.untouched_conversions
        self.untouched_value += other.untouched_value
        self.open_paths += other.open_paths
        for model, states in other.credits.items():
            mine = self.credits[model]
            for state, credit in states.items():
                mine[state] = mine.get(state, ZERO) + credit
        self.transitions.update(other.transitions)


def fold(rows: Iterable[tuple[Any, ...]]) -> dict[str, Journeys]:
    """The query's rows (journey_sql.COLUMNS) as Journeys per arm."""
    out: dict[str, Journeys] = {}
    for row in rows:
        r = dict(zip(COLUMNS, row, strict=True))
        j = out.setdefault(str(r["arm"]), Journeys())
        before: object = START if r["from_channel"] is None else _state(r, "from_")
        if r["is_conversion"]:
            count, value = int(r["steps"]), exact(r["value"])
            j.conversions += count
            j.value += value
            if r["from_channel"] is None:  # no touch before it
                j.untouched_conversions += count
                j.untouched_value += value
            else:
                j.touched_value += value
                j.transitions[(before, CONVERSION)] += count
            continue
        state = _state(r, "")
        j.transitions[(before, state)] += int(r["steps"])
        if r["ends_open"]:
            j.transitions[(state, NULL)] += int(r["ends_open"])
        j.open_paths += int(r["starts_open"])
        for model in RULE_MODELS:
            if r[model] is not None:  # NULL: the state is on non-converting paths only
                j.credits[model][state] = j.credits[model].get(state, ZERO) + exact(r[model])
    return out


def exact(value: object) -> Decimal:
    """A sum as a Decimal: DuckDB, PostgreSQL and Spark return DECIMAL sums as Decimal; an
    engine that returns a float (BigQuery's FLOAT64 stand-in) is taken at its shortest
    repr, which gives back the decimal that float was rounded from."""
    if value is None:
        return ZERO
    return value if isinstance(value, Decimal) else Decimal(repr(float(value)))  # type: ignore[arg-type]


def _state(row: Mapping[str, Any], prefix: str) -> State:
    flag = row["from_flag"] if prefix else row["personalized"]
    return (str(row[f"{prefix}channel"]), bool(flag))


def pooled(by_arm: Mapping[str, Journeys]) -> Journeys:
    total = Journeys()
    for arm in sorted(by_arm):
        total.add(by_arm[arm])
    return total


def model_credits(j: Journeys) -> dict[str, Credits]:
    """The six models' credits, as the per-touch reference gives them
    (tests/attribution_reference.py)."""
    out = {}
    for model in RULE_MODELS:
        credits = Credits()
        if j.untouched_conversions:
            credits.add(Touch(NO_TOUCH), float(j.untouched_value))
        for (channel, flag), value in sorted(j.credits[model].items()):
            credits.add(Touch(channel, flag), float(value))
        out[model] = credits
    untouched = float(j.untouched_value) if j.untouched_conversions else None
    out["markov"] = markov_credits(j.transitions, float(j.touched_value), untouched)
    return {m: out[m] for m in MODELS}


def load_journeys(plan: QueryPlan, con: duckdb.DuckDBPyConnection | None = None) -> Journeys:
    """Every arm's journeys pooled, read from the config's units, touch and conversion files."""
    if plan.attribution is None:
        raise ConfigError("the config has no attribution section (see `attribute --help`).")
    con = con or connect()
    att, filters = plan.attribution, plan.row_filters
    touch_src, conv_src = att.touches, att.conversions
    files = {
        UNITS: ("att__units", plan.units.path),
        touch_src.name: ("att__touches", touch_src.path),
        conv_src.name: ("att__conversions", conv_src.path),
    }
    tables = register_all(con, files, {k: v for k, v in filters.items() if k in files})
    units = tables[UNITS]
    units.require(plan.units.id, "units.id")
    units.require(plan.units.arm, "units.arm")
    touches, convs = tables[touch_src.name], tables[conv_src.name]
    require_columns(att, touches, convs)
    # One row per unit in one arm (a unit seen in two arms is contaminated and left out),
    # as unit_query's deduplicated form gives it; without metrics or dimensions, which of
    # a unit's repeated rows is kept does not matter, so a GROUP BY replaces its window.
    rows = unit_query(plan.units_only(), {UNITS: ident(units.view)}, deduplicate=False)
    ids = id_type((units, plan.units.id), (touches, touch_src.id), (convs, conv_src.id))
    units_sql = (
        f"SELECT {unit_id_as(ids)}, MIN(arm) AS arm FROM ({rows}) AS unit_rows "
        "GROUP BY unit_rows.unit_id HAVING MIN(arm) = MAX(arm)"
    )
    sql = journey_query(plan, units_sql, ident(touches.view), ident(convs.view), ids)
    with duckdb_errors(touch_src.path):
        result = execute(con, sql, "Attributing").fetchall()
    return pooled(fold(result))


def attribution_document(
    plan: QueryPlan, con: duckdb.DuckDBPyConnection | None = None
) -> AttributeJson:
    """`personalroi attribute --format json` (SPEC section 3)."""
    att = plan.attribution
    journeys = load_journeys(plan, con)
    assert att is not None
    return {
        "schema_version": 1,
        "models": {m: c.as_dict() for m, c in model_credits(journeys).items()},
        "total_value": float(journeys.value),
        "conversions": journeys.conversions,
        "non_converting_paths": journeys.open_paths,
        "half_life_days": att.half_life_days,
    }
