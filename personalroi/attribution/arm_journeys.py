"""The attribution section's table: one writer (the query) and one reader.

The same single window pass as `personalroi attribute` (journey_sql.py) over a
per-unit table, with each arm's units and the per-unit share statistics the
section's delta-method comparison needs (journey_sql.share_parts). Every sum is
exact (DECIMAL), so the query may use every thread and still gives the same bits
on every run. The audit runs it on its unit table; the by-hand path saves it
(`units.aggregated.attribution`); both read it with `read_arm_journeys`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from personalroi.attribution.journey_sql import (
    COLUMNS,
    EXACT,
    RULE_MODELS,
    TABLE_COLUMNS,
    id_type,
    require_columns,
    share_parts,
)
from personalroi.attribution.journeys import Journeys, fold
from personalroi.data.progress import all_threads, records
from personalroi.data.saved_table import read_saved_table
from personalroi.data.sources import Table, duckdb_errors, ident, with_ctes
from personalroi.data.unit_sql import UNIT_ROW
from personalroi.plan.query_plan import QueryPlan
from personalroi.plan.refs import UNITS
from personalroi.stats.sufficient import JointStats

if TYPE_CHECKING:
    from personalroi.engines.base import Connection

FILE_KEY = "units.aggregated.attribution"
# The saved table's columns by type; the sums are exact decimals (journey_sql.EXACT).
_TEXT = ("kind", "arm", "from_channel", "channel")
_FLAGS = ("from_flag", "personalized")
_COUNTS = ("is_conversion", "steps", "ends_open", "starts_open", "n_units")


@dataclass(frozen=True)
class ArmJourneys:
    journeys: dict[str, Journeys]  # arm -> its conversions, credits and transitions
    # arm -> rule model -> per unit: x = its personalized credit, y = its converted value
    shares: dict[str, dict[str, JointStats]]


def load_arm_journeys(
    con: Connection, plan: QueryPlan, unit_table: str, tables: dict[str, Table]
) -> ArmJourneys:
    """The audit's own: the table over its unit table."""
    att = plan.attribution
    assert att is not None
    touches, convs = tables[att.touches.name], tables[att.conversions.name]
    require_columns(att, touches, convs)
    ids = id_type(
        (tables[UNITS], plan.units.id), (touches, att.touches.id), (convs, att.conversions.id)
    )
    # The unit table numbers its units (UNIT_ROW): the paths are partitioned by that number.
    ctes, select = share_parts(
        plan, ident(unit_table), ident(touches.view), ident(convs.view), UNIT_ROW, ids
    )
    with duckdb_errors(att.touches.path), all_threads(con):
        rows = records(con, with_ctes(ctes, select), "Attributing")
    return read_arm_journeys(rows)


def read_arm_journeys(records: Sequence[Mapping[str, Any]]) -> ArmJourneys:
    """The table's rows (as {column: value}) as each arm's journeys and share statistics."""
    journeys = fold(tuple(r[c] for c in COLUMNS) for r in records if r["kind"] == "transition")
    shares = {str(r["arm"]): _shares(r) for r in records if r["kind"] == "arm"}
    return ArmJourneys(journeys, shares)


def _shares(s: Mapping[str, Any]) -> dict[str, JointStats]:
    def f(key: str) -> float:
        return float(s.get(key) or 0)

    n = int(s["n_units"])
    return {
        m: JointStats(n, f(f"{m}__x"), f(f"{m}__xx"), f("sum_y"), f("sum_yy"), f(f"{m}__xy"))
        for m in RULE_MODELS
    }


def read_arm_journeys_file(path: Path) -> ArmJourneys:
    """The by-hand path: the saved table (CSV or Parquet)."""
    types = dict.fromkeys(_TEXT, "VARCHAR") | dict.fromkeys(_FLAGS, "BOOLEAN")
    types |= dict.fromkeys(_COUNTS, "BIGINT")
    types |= {c: EXACT for c in TABLE_COLUMNS if c not in types}
    records = read_saved_table(path, FILE_KEY, "attribution", {c: types[c] for c in TABLE_COLUMNS})
    return read_arm_journeys(records)
