"""Engagement aggregates in DuckDB: sessions and conversions reduced per visitor, then per
arm (x segment) to a few sums, and per time-on-site window to counts.

One scan of the sessions source and one of the conversion source build a per-visitor
table (joined to the audit's unit table, so the window and contamination filters
hold); every later query reads only that table. The statistics see the sums.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from personalroi.config.model import Config, Engagement
from personalroi.data.quality import require_numeric
from personalroi.data.sources import Table, duckdb_errors, ident
from personalroi.data.unit_sql import window_condition
from personalroi.stats.sufficient import JointStats

if TYPE_CHECKING:
    import duckdb

VISITORS = "engagement_units"
PAGE_BINS = ("1", "2-3", "4-6", "7+")
_PAGE_LIMITS = ((None, 1), (2, 3), (4, 6), (7, None))
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
class EngagementData:
    groups: list[GroupSums]
    # Window edges of visitor time on site: min, the quantile cut points, max.
    edges: tuple[float, ...]
    windows: list[WindowCell]


def engagement_columns(eng: Engagement) -> list[tuple[str, str, str]]:
    """(config key, source, column) of every numeric column the section names."""
    keys: tuple[str, ...] = ("time_on_site", "pages", "bounced", "personalized_impressions")
    keys += ("personalized_clicks", "default_impressions", "default_clicks")
    out = [(k, eng.source, getattr(eng, k)) for k in keys if getattr(eng, k) is not None]
    if eng.value is not None:
        out.append(("value", eng.conversion, eng.value))
    return out


def check_columns(
    con: duckdb.DuckDBPyConnection, eng: Engagement, tables: dict[str, Table]
) -> None:
    """Every configured column exists and holds numbers (DataError naming the key otherwise).

    Numeric-typed columns are not scanned again here; `personalroi validate` does that.
    """
    for key, source, column in engagement_columns(eng):
        table = tables[source]
        table.require(column, f"engagement.{key}")
        if not table.is_numeric(column):
            require_numeric(con, table, column, f"engagement.{key}")


def _num(column: str | None) -> str:
    return "0" if column is None else f"COALESCE(CAST({ident(column)} AS DOUBLE), 0)"


def visitor_query(config: Config, tables: dict[str, Table], unit_table: str) -> str:
    """One row per audited unit with its session and conversion totals."""
    eng = config.engagement
    assert eng is not None
    exp = config.experiment
    sess, conv = config.sources[eng.source], config.sources[eng.conversion]
    pages = _num(eng.pages)
    bins = []
    for i, (low, high) in enumerate(_PAGE_LIMITS):
        cond = " AND ".join(
            ([f"{pages} >= {low}"] if low is not None else [])
            + ([f"{pages} <= {high}"] if high is not None else [])
        )
        bins.append(f"SUM(CASE WHEN {cond} THEN 1 ELSE 0 END) AS pages_{i}")
    bounced = "0" if eng.bounced is None else f"CASE WHEN {_num(eng.bounced)} > 0 THEN 1 ELSE 0 END"
    s_where = window_condition(sess.timestamp, exp.start, exp.end) if sess.timestamp else "TRUE"
    o_where = window_condition(conv.timestamp, exp.start, exp.end) if conv.timestamp else "TRUE"
    segment = f"u.{ident(eng.segment)}" if eng.segment else "NULL"
    s_cols = ["sessions", "tos", "bounces", "pages", "p_impressions", "p_clicks"]
    s_cols += ["d_impressions", "d_clicks", *(f"pages_{i}" for i in range(len(PAGE_BINS)))]
    return (
        f"WITH s AS (\n  SELECT CAST({ident(sess.id)} AS VARCHAR) AS unit_id, COUNT(*) AS sessions,"
        f" SUM({_num(eng.time_on_site)}) AS tos, SUM({bounced}) AS bounces,"
        f" SUM({pages}) AS pages, SUM({_num(eng.personalized_impressions)}) AS p_impressions,"
        f" SUM({_num(eng.personalized_clicks)}) AS p_clicks,"
        f" SUM({_num(eng.default_impressions)}) AS d_impressions,"
        f" SUM({_num(eng.default_clicks)}) AS d_clicks, {', '.join(bins)}\n"
        f"  FROM {ident(tables[eng.source].view)} WHERE {s_where} GROUP BY 1\n),\n"
        f"o AS (\n  SELECT CAST({ident(conv.id)} AS VARCHAR) AS unit_id, COUNT(*) AS orders,"
        f" SUM({_num(eng.value)}) AS revenue\n"
        f"  FROM {ident(tables[eng.conversion].view)} WHERE {o_where} GROUP BY 1\n)\n"
        f"SELECT u.unit_id, u.arm, CAST({segment} AS VARCHAR) AS segment, "
        + ", ".join(f"COALESCE(s.{c}, 0) AS {c}" for c in s_cols)
        + ", COALESCE(o.orders, 0) AS orders, COALESCE(o.revenue, 0) AS revenue,"
        " CASE WHEN COALESCE(o.orders, 0) > 0 THEN 1 ELSE 0 END AS converted\n"
        f"FROM {ident(unit_table)} u LEFT JOIN s USING (unit_id) LEFT JOIN o USING (unit_id)"
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


def _records(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description or []]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _window_case(edges: tuple[float, ...]) -> str:
    """Window index of `tos`: (edge[i], edge[i+1]], the first window closed on the left."""
    inner = edges[1:-1]
    if not inner:
        return "0"
    whens = " ".join(f"WHEN tos <= {edge!r} THEN {i}" for i, edge in enumerate(inner))
    return f"CASE {whens} ELSE {len(inner)} END"


def load_engagement(
    con: duckdb.DuckDBPyConnection,
    config: Config,
    tables: dict[str, Table],
    unit_table: str,
) -> EngagementData:
    eng = config.engagement
    assert eng is not None
    check_columns(con, eng, tables)
    with duckdb_errors(config.sources[eng.source].path):
        # The audit leaves the engine on one thread for deterministic sums: scan, join
        # and sort in parallel, then sum the unit-ordered table on one thread again.
        con.execute("RESET threads")
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {VISITORS} AS "
            f"{visitor_query(config, tables, unit_table)} ORDER BY unit_id"
        )
        con.execute("SET threads = 1")
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
        edges = _edges(con, eng.windows)
        windows = []
        if edges:
            sql = (
                f"SELECT arm, segment, {_window_case(edges)} AS w, COUNT(*) AS n, "
                f"SUM(converted) AS c FROM {VISITORS} WHERE sessions > 0 "
                "GROUP BY ALL ORDER BY 1, 2, 3"
            )
            windows = [
                WindowCell(str(a), _level(s), int(w), int(n), int(c))
                for a, s, w, n, c in con.execute(sql).fetchall()
            ]
    return EngagementData(groups, edges, windows)


def _level(value: object) -> str | None:
    return None if value is None else str(value)


def _edges(con: duckdb.DuckDBPyConnection, windows: int) -> tuple[float, ...]:
    """min, the distinct quantile cut points of visitor time on site, max."""
    probs = ", ".join(f"{i / windows!r}" for i in range(1, windows))
    row = con.execute(
        f"SELECT MIN(tos), quantile_cont(tos, [{probs}]), MAX(tos) FROM {VISITORS} "
        "WHERE sessions > 0"
    ).fetchone()
    if row is None or row[0] is None:
        return ()
    low, cuts, high = float(row[0]), [float(c) for c in row[1]], float(row[2])
    inner = sorted({c for c in cuts if low < c < high})
    return (low, *inner, high)
