"""The per-visitor engagement sums, as SQL aggregates over the sessions and conversion rows.

They ride along in the one scan per file that reduces each source to units for the
metrics (data/scan.py::scan_once) and land in the audit's unit table as
`engagement__<name>` columns, so the engagement pass reads no file again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from personalroi.data.column_checks import require_numeric
from personalroi.data.sources import Table, ident
from personalroi.data.unit_sql import source_window
from personalroi.plan.query_plan import QueryPlan
from personalroi.plan.sections import EngagementPlan

if TYPE_CHECKING:
    from personalroi.engines.base import Connection

PREFIX = "engagement__"
PAGE_BINS = ("1", "2-3", "4-6", "7+")
_PAGE_LIMITS = ((None, 1), (2, 3), (4, 6), (7, None))
_SUMMED = {  # per-visitor sum -> the config key of the session column it adds up
    "tos": "time_on_site",
    "pages": "pages",
    "p_impressions": "personalized_impressions",
    "p_clicks": "personalized_clicks",
    "d_impressions": "default_impressions",
    "d_clicks": "default_clicks",
}


def _num(column: str) -> str:
    return f"COALESCE(CAST({ident(column)} AS DOUBLE), 0)"


def visitor_sums(plan: QueryPlan, flagged: bool = False) -> dict[str, dict[str, str]]:
    """Per source, {per-visitor name: aggregate over its rows in the experiment window}.

    Names: sessions, tos, bounces, pages, p_/d_impressions, p_/d_clicks and
    pages_<i> (sessions per PAGE_BINS bin) from the sessions source; orders and
    revenue from the conversion source. A column the config leaves out has no sum.
    `flagged`: over rows that carry the window condition (`unit_sql.flag_window`).
    """
    eng = plan.engagement
    if eng is None:
        return {}
    # Counted: the rows meeting a condition; summed: a column.
    counted = {"sessions": "TRUE"}
    if eng.bounced is not None:
        counted["bounces"] = f"{_num(eng.bounced)} > 0"
    if eng.pages is not None:
        pages = _num(eng.pages)
        for i, (low, high) in enumerate(_PAGE_LIMITS):
            bounds = ([f"{pages} >= {low}"] if low is not None else []) + (
                [f"{pages} <= {high}"] if high is not None else []
            )
            counted[f"pages_{i}"] = " AND ".join(bounds)
    summed = {n: _num(getattr(eng, k)) for n, k in _SUMMED.items() if getattr(eng, k)}
    sessions = _aggregates(plan, eng.source, counted, summed, flagged)
    revenue = {"revenue": _num(eng.value)} if eng.value is not None else {}
    orders = _aggregates(plan, eng.conversion, {"orders": "TRUE"}, revenue, flagged)
    if eng.conversion == eng.source:
        return {eng.source: sessions | orders}
    return {eng.source: sessions, eng.conversion: orders}


def _aggregates(
    plan: QueryPlan, source: str, counted: dict[str, str], summed: dict[str, str], flagged: bool
) -> dict[str, str]:
    inside = source_window(plan, source, flagged)
    return {n: f"COUNT(*) FILTER (WHERE {inside} AND {c})" for n, c in counted.items()} | {
        n: f"SUM({v}) FILTER (WHERE {inside})" for n, v in summed.items()
    }


def check_columns(con: Connection, eng: EngagementPlan, tables: dict[str, Table]) -> None:
    """Every configured column exists and holds numbers (DataError naming the key otherwise).

    Numeric-typed columns are not scanned again here; `personalroi validate` does that.
    """
    for key, source, column in eng.columns():
        table = tables[source]
        table.require(column, f"engagement.{key}")
        if not table.is_numeric(column):
            require_numeric(con, table, column, f"engagement.{key}")


def carried_sums(plan: QueryPlan, flagged: bool = False) -> dict[str, dict[str, str]]:
    """`visitor_sums` keyed by their unit-table column names (for `unit_query(carry=...)`)."""
    return {
        source: {PREFIX + name: agg for name, agg in sums.items()}
        for source, sums in visitor_sums(plan, flagged).items()
    }
