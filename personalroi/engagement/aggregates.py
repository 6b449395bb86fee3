"""Engagement aggregates in DuckDB: sessions and conversions reduced per visitor, then per
arm (x segment) to a few sums, and per time-on-site window to counts.

The per-visitor totals come from the audit's unit table (its `engagement__` columns,
summed in the one scan of each file), so the window and contamination filters
hold; every query here reads only that table. The statistics see the sums.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from personalroi.config.model import Engagement
from personalroi.data.column_checks import require_numeric
from personalroi.data.progress import all_threads
from personalroi.data.sources import Table, duckdb_errors, ident
from personalroi.engagement.unit_sql import PAGE_BINS, PREFIX, visitor_sums
from personalroi.plan.query_plan import QueryPlan
from personalroi.stats.sufficient import JointStats

if TYPE_CHECKING:
    from personalroi.engines.base import Connection, Cursor

VISITORS = "engagement_units"
_PAIRS = {  # JointStats name -> (x, y) per-visitor columns
    "time_conversion": ("tos", "converted"),
    "bounces": ("bounces", "sessions"),
    "pages": ("pages", "sessions"),
    "personalized": ("p_clicks", "p_impressions"),
    "default": ("d_clicks", "d_impressions"),
}
_COUNTS: tuple[str, ...] = ("units", "with_sessions", "conversions", "orders", "seen")
_COUNTS += ("seen_converted", "clicked", "clicked_converted")
_COUNTS += tuple(f"pages_{i}" for i in range(len(PAGE_BINS)))


@dataclass(frozen=True)
class GroupSums:
    """One arm, or one arm x segment level (`segment` None: all levels)."""

    arm: str
    segment: str | None
    counts: dict[str, int]
    revenue: float
    # x = visitor time on site, y = converted (0/1), over visitors with a session
    time_conversion: JointStats
    bounces: JointStats  # x = bounced sessions, y = sessions, per visitor
    pages: JointStats  # x = pages, y = sessions
    personalized: JointStats  # x = clicks, y = impressions of personalized elements
    default: JointStats  # the same for default elements

    @property
    def page_bins(self) -> list[int]:
        return [self.counts[f"pages_{i}"] for i in range(len(PAGE_BINS))]


@dataclass(frozen=True)
class WindowCell:
    arm: str
    segment: str | None
    window: int
    units: int
    conversions: int


@dataclass(frozen=True)
class LongCell:
    """Visitors above the pooled median of a measure, and how many of them converted."""

    arm: str
    segment: str | None
    measure: str  # a key of MEASURES
    units: int
    conversions: int


@dataclass(frozen=True)
class EngagementData:
    groups: list[GroupSums]
    # Window edges of visitor time on site: min, the quantile cut points, max.
    edges: tuple[float, ...]
    windows: list[WindowCell]
    # The same for a visitor's pages per session (their pages / their sessions).
    pages_edges: tuple[float, ...] = ()
    pages_windows: list[WindowCell] = field(default_factory=list)
    # Per measure: its pooled median, and per arm (x segment) the visitors above it.
    medians: dict[str, float] = field(default_factory=dict)
    long: list[LongCell] = field(default_factory=list)


# Per-visitor measures of "a longer visit" (over visitors with a session).
MEASURES = {"time_on_site": "tos", "pages_per_session": "pages / sessions"}


def engagement_columns(eng: Engagement) -> list[tuple[str, str, str]]:
    """(config key, source, column) of every numeric column the section names."""
    keys: tuple[str, ...] = ("time_on_site", "pages", "bounced", "personalized_impressions")
    keys += ("personalized_clicks", "default_impressions", "default_clicks")
    out = [(k, eng.source, getattr(eng, k)) for k in keys if getattr(eng, k) is not None]
    if eng.value is not None:
        out.append(("value", eng.conversion, eng.value))
    return out


def check_columns(con: Connection, eng: Engagement, tables: dict[str, Table]) -> None:
    """Every configured column exists and holds numbers (DataError naming the key otherwise).

    Numeric-typed columns are not scanned again here; `personalroi validate` does that.
    """
    for key, source, column in engagement_columns(eng):
        table = tables[source]
        table.require(column, f"engagement.{key}")
        if not table.is_numeric(column):
            require_numeric(con, table, column, f"engagement.{key}")


def visitor_view(plan: QueryPlan, unit_table: str) -> str:
    """One row per audited unit with its session and conversion totals.

    The totals are the unit table's `engagement__` columns (see unit_sql.py); a
    column the config leaves out reads 0.
    """
    eng = plan.engagement
    assert eng is not None
    carried = {name for sums in visitor_sums(plan).values() for name in sums}
    names = ["sessions", "tos", "bounces", "pages", "p_impressions", "p_clicks"]
    names += ["d_impressions", "d_clicks", *(f"pages_{i}" for i in range(len(PAGE_BINS)))]
    names += ["orders", "revenue"]
    columns = [f"{ident(PREFIX + n) if n in carried else '0'} AS {n}" for n in names]
    segment = ident(eng.segment) if eng.segment else "NULL"
    return (
        f"SELECT unit_id, arm, CAST({segment} AS VARCHAR) AS segment, {', '.join(columns)}, "
        f"CASE WHEN {ident(PREFIX + 'orders')} > 0 THEN 1 ELSE 0 END AS converted\n"
        f"FROM {ident(unit_table)}"
    )


def _group_sql(segmented: bool) -> str:
    has = "FILTER (WHERE sessions > 0)"
    seen = "p_impressions > 0"
    parts = [
        "COUNT(*) AS units",
        f"COUNT(*) {has} AS with_sessions",
        "SUM(converted) AS conversions",
        "SUM(orders) AS orders",
        "SUM(revenue) AS revenue",
        f"SUM(CASE WHEN {seen} THEN 1 ELSE 0 END) AS seen",
        f"SUM(CASE WHEN {seen} THEN converted ELSE 0 END) AS seen_converted",
        "SUM(CASE WHEN p_clicks > 0 THEN 1 ELSE 0 END) AS clicked",
        "SUM(CASE WHEN p_clicks > 0 THEN converted ELSE 0 END) AS clicked_converted",
        *(f"SUM(pages_{i}) AS pages_{i}" for i in range(len(PAGE_BINS))),
    ]
    for name, (x, y) in _PAIRS.items():
        cond = has if name == "time_conversion" else ""
        parts += [
            f"COUNT(*) {cond} AS {name}__n",
            f"SUM({x}) {cond} AS {name}__sx",
            f"SUM({x} * {x}) {cond} AS {name}__sxx",
            f"SUM({y}) {cond} AS {name}__sy",
            f"SUM({y} * {y}) {cond} AS {name}__syy",
            f"SUM({x} * {y}) {cond} AS {name}__sxy",
        ]
    return (
        "SELECT arm, "
        + (
            "segment, GROUPING(segment) AS all_segments, "
            if segmented
            else "NULL AS segment, 1 AS all_segments, "
        )
        + ", ".join(parts)
        + f"\nFROM {VISITORS} GROUP BY GROUPING SETS ((arm)"
        + (", (arm, segment))" if segmented else ")")
        + " ORDER BY 1, 2"
    )


def _joint(record: dict[str, Any], name: str) -> JointStats:
    def f(stat: str) -> float:
        value = record[f"{name}__{stat}"]
        return 0.0 if value is None else float(value)

    return JointStats(int(f("n")), f("sx"), f("sxx"), f("sy"), f("syy"), f("sxy"))


def _records(cursor: Cursor) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description or []]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _window_case(edges: tuple[float, ...], expr: str = "tos") -> str:
    """Window index of `expr`: (edge[i], edge[i+1]], the first window closed on the left."""
    inner = edges[1:-1]
    if not inner:
        return "0"
    whens = " ".join(f"WHEN {expr} <= {edge!r} THEN {i}" for i, edge in enumerate(inner))
    return f"CASE {whens} ELSE {len(inner)} END"


def load_engagement(con: Connection, plan: QueryPlan, unit_table: str) -> EngagementData:
    eng = plan.engagement
    assert eng is not None
    with duckdb_errors(plan.sources[eng.source].path):
        # A view over the unit table: it is ordered by unit and the audit sums on one
        # thread, so the float sums below add in the same order every run.
        con.execute(f"CREATE OR REPLACE TEMP VIEW {VISITORS} AS {visitor_view(plan, unit_table)}")
        groups = [
            GroupSums(
                arm=str(record["arm"]),
                segment=None if record["all_segments"] else _level(record["segment"]),
                counts={k: int(record[k] or 0) for k in _COUNTS},
                revenue=float(record["revenue"] or 0.0),
                **{name: _joint(record, name) for name in _PAIRS},
            )
            for record in _records(con.execute(_group_sql(eng.segment is not None)))
        ]
        # Quantiles and integer counts come out the same in any order.
        with all_threads(con):
            edges, windows = _windows(con, eng.windows, MEASURES["time_on_site"])
            pages_edges: tuple[float, ...] = ()
            pages_windows: list[WindowCell] = []
            if eng.pages is not None:
                pages_edges, pages_windows = _windows(
                    con, eng.windows, MEASURES["pages_per_session"]
                )
            measures = [m for m in MEASURES if getattr(eng, _COLUMN[m]) is not None]
            medians, long = _long(con, measures, eng.segment is not None)
    return EngagementData(groups, edges, windows, pages_edges, pages_windows, medians, long)


_COLUMN = {"time_on_site": "time_on_site", "pages_per_session": "pages"}


def _windows(
    con: Connection, windows: int, expr: str
) -> tuple[tuple[float, ...], list[WindowCell]]:
    """Quantile window edges of the per-visitor `expr` and the counts per window."""
    edges = _edges(con, windows, expr)
    if not edges:
        return edges, []
    sql = (
        f"SELECT arm, segment, {_window_case(edges, expr)} AS w, COUNT(*) AS n, "
        f"SUM(converted) AS c FROM {VISITORS} WHERE sessions > 0 "
        "GROUP BY ALL ORDER BY 1, 2, 3"
    )
    cells = [
        WindowCell(str(a), _level(s), int(w), int(n), int(c))
        for a, s, w, n, c in con.execute(sql).fetchall()
    ]
    return edges, cells


def _long(
    con: Connection, measures: list[str], segmented: bool
) -> tuple[dict[str, float], list[LongCell]]:
    """Per measure, the pooled median over visitors with a session and, per arm and
    arm x segment, the visitors strictly above it and their conversions."""
    if not measures:
        return {}, []
    row = con.execute(
        "SELECT "
        + ", ".join(f"quantile_cont({MEASURES[m]}, 0.5)" for m in measures)
        + f" FROM {VISITORS} WHERE sessions > 0"
    ).fetchone()
    if row is None or row[0] is None:
        return {}, []
    medians = {m: float(v) for m, v in zip(measures, row, strict=True)}
    parts = []
    for m in measures:
        above = f"{MEASURES[m]} > {medians[m]!r}"
        parts += [f"COUNT(*) FILTER (WHERE {above})", f"SUM(converted) FILTER (WHERE {above})"]
    sets = "(arm), (arm, segment)" if segmented else "(arm)"
    grouping = "segment, GROUPING(segment)" if segmented else "NULL, 1"
    sql = (
        f"SELECT arm, {grouping}, {', '.join(parts)} FROM {VISITORS} "
        f"WHERE sessions > 0 GROUP BY GROUPING SETS ({sets}) ORDER BY 1, 2"
    )
    cells = []
    for arm, segment, all_segments, *counts in con.execute(sql).fetchall():
        for i, m in enumerate(measures):
            level = None if all_segments else _level(segment)
            cells.append(
                LongCell(str(arm), level, m, int(counts[2 * i] or 0), int(counts[2 * i + 1] or 0))
            )
    return medians, cells


def _level(value: object) -> str | None:
    return None if value is None else str(value)


def _edges(con: Connection, windows: int, expr: str = "tos") -> tuple[float, ...]:
    """min, the distinct quantile cut points of the per-visitor `expr`, max."""
    # One scalar quantile per column (the 0 and 1 quantiles are the min and the max):
    # every engine has that form; a list of quantiles, or quantiles beside MIN and
    # MAX, is DuckDB's alone (BigQuery's exact quantile is an analytic function).
    probs = [i / windows for i in range(windows + 1)]
    row = con.execute(
        "SELECT "
        + ", ".join(f"quantile_cont({expr}, {p!r})" for p in probs)
        + f" FROM {VISITORS} WHERE sessions > 0"
    ).fetchone()
    if row is None or row[0] is None:
        return ()
    low, *cuts, high = (float(v) for v in row)
    inner = sorted({c for c in cuts if low < c < high})
    return (low, *inner, high)
