"""Engagement aggregates in DuckDB: sessions and conversions reduced per visitor, then per
arm (x segment) to a few sums, and per time-on-site window to counts.

The per-visitor totals come from the audit's unit table (its `engagement__` columns,
summed in the one scan of each file), so the window and contamination filters
hold; the one statement over that table is engagement/table.py's (built from the
view and group sums here). The statistics see the sums.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from personalroi.data.engagement_sums import PAGE_BINS, PREFIX, visitor_sums
from personalroi.data.sources import ident
from personalroi.plan.query_plan import QueryPlan
from personalroi.stats.sufficient import JointStats

if TYPE_CHECKING:
    pass

VISITORS = "engagement_units"
PAIRS = {  # JointStats name -> (x, y) per-visitor columns
    "time_conversion": ("tos", "converted"),
    "bounces": ("bounces", "sessions"),
    "pages": ("pages", "sessions"),
    "personalized": ("p_clicks", "p_impressions"),
    "default": ("d_clicks", "d_impressions"),
}
COUNTS: tuple[str, ...] = ("units", "with_sessions", "conversions", "orders", "seen")
COUNTS += ("seen_converted", "clicked", "clicked_converted")
COUNTS += tuple(f"pages_{i}" for i in range(len(PAGE_BINS)))


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


def visitor_view(plan: QueryPlan, unit_table: str) -> str:
    """One row per audited unit with its session and conversion totals.

    The totals are the unit table's `engagement__` columns (see data/engagement_sums.py); a
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


def group_parts(segmented: bool, visitors: str) -> tuple[str, str]:
    """The per-arm (x segment) sums: the select list, and FROM `visitors` with the grouping."""
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
    for name, (x, y) in PAIRS.items():
        cond = has if name == "time_conversion" else ""
        parts += [
            f"COUNT(*) {cond} AS {name}__n",
            f"SUM({x}) {cond} AS {name}__sx",
            f"SUM({x} * {x}) {cond} AS {name}__sxx",
            f"SUM({y}) {cond} AS {name}__sy",
            f"SUM({y} * {y}) {cond} AS {name}__syy",
            f"SUM({x} * {y}) {cond} AS {name}__sxy",
        ]
    select = "arm, " + (
        "segment, GROUPING(segment) AS all_segments, "
        if segmented
        else "NULL AS segment, 1 AS all_segments, "
    )
    sets = "(arm), (arm, segment)" if segmented else "(arm)"
    return select + ", ".join(parts), f"\nFROM {visitors} GROUP BY GROUPING SETS ({sets})"


def joint(record: Mapping[str, Any], name: str) -> JointStats:
    def f(stat: str) -> float:
        value = record[f"{name}__{stat}"]
        return 0.0 if value is None else float(value)

    return JointStats(int(f("n")), f("sx"), f("sxx"), f("sy"), f("syy"), f("sxy"))


def level(value: object) -> str | None:
    return None if value is None else str(value)
