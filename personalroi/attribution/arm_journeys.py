"""The audit's attribution inputs per arm: the journey query over the audit's unit table.

The same single window pass as `personalroi attribute` (journey_sql.py), with the
per-unit share statistics the section's delta-method comparison needs added as a
second grouping set. Every sum is exact (DECIMAL), so the query may use every
thread and still gives the same bits on every run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from personalroi.attribution.journey_sql import COLUMNS, RULE_MODELS, SHARE_COLUMNS, share_query
from personalroi.attribution.journeys import Journeys, fold
from personalroi.attribution.load import require_columns
from personalroi.data.progress import all_threads, execute
from personalroi.data.sources import Table, duckdb_errors, ident
from personalroi.plan.query_plan import QueryPlan
from personalroi.stats.sufficient import JointStats

if TYPE_CHECKING:
    from personalroi.engines.base import Connection


@dataclass(frozen=True)
class ArmJourneys:
    journeys: dict[str, Journeys]  # arm -> its conversions, credits and transitions
    # arm -> rule model -> per unit: x = its personalized credit, y = its converted value
    shares: dict[str, dict[str, JointStats]]


def load_arm_journeys(
    con: Connection, plan: QueryPlan, unit_table: str, tables: dict[str, Table]
) -> ArmJourneys:
    att = plan.attribution
    assert att is not None
    touches, convs = tables[att.touches.name], tables[att.conversions.name]
    require_columns(att, touches, convs)
    units_sql = f"SELECT unit_id, arm FROM {ident(unit_table)}"
    sql = share_query(plan, units_sql, ident(touches.view), ident(convs.view))
    with duckdb_errors(att.touches.path), all_threads(con):
        rows = execute(con, sql, "Attributing").fetchall()
        counts = con.execute(f"SELECT arm, COUNT(*) FROM {ident(unit_table)} GROUP BY arm")
        units = {str(arm): int(n) for arm, n in counts.fetchall()}
    journeys = fold(row[1 : 1 + len(COLUMNS)] for row in rows if row[0] == 1)
    sums = {str(row[1]): dict(zip(SHARE_COLUMNS, row[1 + len(COLUMNS) :], strict=True))
            for row in rows if row[0] == 0}  # fmt: skip
    shares = {arm: _shares(n, sums.get(arm, {})) for arm, n in units.items()}
    return ArmJourneys(journeys, shares)


def _shares(n: int, s: dict[str, object]) -> dict[str, JointStats]:
    def f(key: str) -> float:
        return float(s.get(key) or 0)  # type: ignore[arg-type]

    return {
        m: JointStats(n, f(f"{m}__x"), f(f"{m}__xx"), f("sum_y"), f("sum_yy"), f(f"{m}__xy"))
        for m in RULE_MODELS
    }
