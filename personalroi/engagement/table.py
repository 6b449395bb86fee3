"""The engagement section's table: one writer (the query) and one reader.

One statement over the per-unit table (its `engagement__` columns, see data/engagement_sums.py)
yields every sum the section needs, one row per part (`kind`):

- `group`: per arm and per arm x segment, the counts, the revenue and the joint sums;
- `edge`: per measure (time on site, pages per session), the pooled quantile cut
  points of the windows (`idx` 0 is the minimum, `idx` = windows the maximum; a cut
  point equal to another, to the minimum or to the maximum is left out);
- `window`: per arm x segment and window, the visitors with a session and their
  conversions (the window of a visitor: the cut points below its measure);
- `median` and `long`: per measure, the pooled median and, per arm and arm x segment,
  the visitors strictly above it and their conversions.

The cut points and medians are CTEs the windows and counts read in the same statement.
The audit runs it on its unit table; the by-hand path saves it
(`units.aggregated.engagement`); both read it with `read_engagement`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from personalroi.data.progress import records
from personalroi.data.sources import duckdb_errors, ident, register, with_ctes
from personalroi.engagement.aggregates import (
    COUNTS,
    MEASURES,
    PAIRS,
    VISITORS,
    EngagementData,
    GroupSums,
    LongCell,
    WindowCell,
    group_parts,
    joint,
    level,
    visitor_view,
)
from personalroi.errors import DataError
from personalroi.plan.query_plan import QueryPlan
from personalroi.plan.sections import EngagementPlan

if TYPE_CHECKING:
    from personalroi.engines.base import Connection

FILE_KEY = "units.aggregated.engagement"
_JOINT = [f"{name}__{stat}" for name in PAIRS for stat in ("n", "sx", "sxx", "sy", "syy", "sxy")]
COLUMNS = ["kind", "arm", "segment", "all_segments", "measure", "idx", "value"]
COLUMNS += [*COUNTS, "revenue", *_JOINT]
_KINDS = ("group", "edge", "window", "median", "long")
_COLUMN = {"time_on_site": "time_on_site", "pages_per_session": "pages"}


def _row(kind: str, given: Mapping[str, str]) -> str:
    """One SELECT list in COLUMNS order: `given` columns, NULL for the others."""
    order = _KINDS.index(kind)
    values = {"kind": f"'{kind}'"} | dict(given)
    items = [f"{values.get(c, 'NULL')} AS {ident(c)}" for c in COLUMNS]
    return f"SELECT {order} AS part, " + ", ".join(items)


def _q(measure: str, i: int) -> str:
    return ident(f"{measure}__q{i}")


def _inner(measure: str, i: int, windows: int) -> str:
    """Cut point i (0 < i < windows) counts: inside (min, max) and unlike the ones before."""
    q = _q(measure, i)
    conds = [f"{q} > {_q(measure, 0)}", f"{q} < {_q(measure, windows)}"]
    conds += [f"{q} <> {_q(measure, j)}" for j in range(1, i)]
    return " AND ".join(conds)


def _over_keys(
    kind: str,
    keys: Sequence[tuple[str, int]],
    value: Mapping[tuple[str, int], str],
    keep: Mapping[tuple[str, int], str],
    idx: bool = True,
) -> str:
    """One row per (measure, index) key from eng_q's one row: its `value` where `keep`."""
    listed = " UNION ALL ".join(f"SELECT '{m}' AS measure, {i} AS idx" for m, i in keys)

    def case(of: Mapping[tuple[str, int], str], default: str) -> str:
        whens = " ".join(
            f"WHEN eng_k.measure = '{m}' AND eng_k.idx = {i} THEN {of[(m, i)]}" for m, i in keys
        )
        return f"CASE {whens} ELSE {default} END"

    flags = {k: f"CASE WHEN {cond} THEN 1 ELSE 0 END" for k, cond in keep.items()}
    given = {"measure": "measure", "value": "value"} | ({"idx": "idx"} if idx else {})
    return _row(kind, given) + (
        f" FROM (SELECT eng_k.measure, eng_k.idx, {case(value, 'NULL')} AS value, "
        f"{case(flags, '0')} AS keep FROM eng_q CROSS JOIN ({listed}) AS eng_k) AS eng_p "
        "WHERE keep = 1"
    )


def engagement_query(eng: EngagementPlan, visitors: str, listed: bool = False) -> str:
    """DuckDB SQL over `visitors` (aggregates.visitor_view's columns): the table, ordered.

    `listed`: DuckDB's own quantile lists (see `_quantiles`), for DuckDB only."""
    ctes, select = engagement_parts(eng, visitors, listed)
    return with_ctes(ctes, select)


def _quantiles(
    eng: EngagementPlan, measures: list[str], windowed: list[str], visitors: str, listed: bool
) -> list[str]:
    """The CTE(s) for eng_q: one row, every cut point and median of every measure.

    A quantile keeps all its values in memory (it cannot spill): one quantile_cont per cut
    point holds the visitors' values once for each, 14 times at 10 M visitors (1.2 GB)
    with five windows. `listed` asks DuckDB for all of a measure's quantiles from one
    list (one copy of the values); it picks the same values and interpolates them alike,
    so the numbers are the same to the bit. Other engines have no such list.
    """
    cuts = [i / eng.windows for i in range(eng.windows + 1)]
    where = f"FROM {visitors} WHERE sessions > 0"
    if not listed:
        items = [
            f"quantile_cont({MEASURES[m]}, {f!r}) AS {_q(m, i)}"
            for m in windowed
            for i, f in enumerate(cuts)
        ]
        items += [f"quantile_cont({MEASURES[m]}, 0.5) AS {ident(m + '__median')}" for m in measures]
        return [f"eng_q AS (SELECT {', '.join(items)} {where})"]
    read = {m: cuts * (m in windowed) + [0.5] * (m in measures) for m in [*windowed, *measures]}
    lists = ", ".join(
        f"quantile_cont({MEASURES[m]}, [{', '.join(map(repr, f))}]) AS {ident(m)}"
        for m, f in read.items()
    )
    picks = [f"{ident(m)}[{i + 1}] AS {_q(m, i)}" for m in windowed for i in range(len(cuts))]
    picks += [f"{ident(m)}[{len(read[m])}] AS {ident(m + '__median')}" for m in measures]
    return [
        f"eng_lists AS (SELECT {lists} {where})",
        f"eng_q AS (SELECT {', '.join(picks)} FROM eng_lists)",
    ]


def engagement_parts(
    eng: EngagementPlan, visitors: str, listed: bool = False
) -> tuple[list[str], str]:
    """`engagement_query` as its CTEs and its final SELECT."""
    segmented = eng.segment is not None
    windows = eng.windows
    measures = [m for m in MEASURES if getattr(eng, _COLUMN[m]) is not None]
    windowed = ["time_on_site"] + (["pages_per_session"] if eng.pages is not None else [])
    ctes = [
        *_quantiles(eng, measures, windowed, visitors, listed),
        f"eng_v AS (SELECT * FROM {visitors} CROSS JOIN eng_q WHERE sessions > 0)",
    ]
    grouping = (
        "segment AS g_segment, GROUPING(segment) AS g_all"
        if segmented
        else "NULL AS g_segment, 1 AS g_all"
    )
    sets = "GROUPING SETS ((arm), (arm, segment))" if segmented else "GROUPING SETS ((arm))"
    group_select, group_from = group_parts(segmented, visitors)
    names = ["arm", "segment", "all_segments", *COUNTS, "revenue", *_JOINT]
    parts = [
        _row("group", {n: ident(n) for n in names})
        + f" FROM (SELECT {group_select}{group_from}) AS eng_g"
    ]
    # Every cut point in one part and every median in another, each one pass over eng_q:
    # an engine that inlines CTEs (Spark) computes eng_q again for each part reading it.
    points = [(m, i) for m in windowed for i in range(windows + 1)]
    keep = {
        (m, i): f"{_q(m, 0)} IS NOT NULL" if i in (0, windows) else _inner(m, i, windows)
        for m, i in points
    }
    if points:
        parts.append(_over_keys("edge", points, {p: _q(*p) for p in points}, keep))
    for m in windowed:
        index = " + ".join(
            f"CASE WHEN {_inner(m, i, windows)} AND {_q(m, i)} < {MEASURES[m]} THEN 1 ELSE 0 END"
            for i in range(1, windows)
        )
        given = {
            "arm": "arm",
            "segment": "segment",
            "measure": f"'{m}'",
            "idx": "w",
            "units": "n",
            "conversions": "c",
        }
        parts.append(
            _row("window", given) + f" FROM (SELECT arm, segment, {index or '0'} AS w, "
            "COUNT(*) AS n, SUM(converted) AS c FROM eng_v GROUP BY arm, segment, w) AS eng_w"
        )
    medians = {(m, 0): ident(m + "__median") for m in measures}
    if medians:
        present = {k: f"{v} IS NOT NULL" for k, v in medians.items()}
        parts.append(_over_keys("median", list(medians), medians, present, idx=False))
    for m in measures:
        median = ident(m + "__median")
        above = f"{MEASURES[m]} > {median}"
        given = {
            "arm": "arm",
            "segment": "g_segment",
            "all_segments": "g_all",
            "measure": f"'{m}'",
            "units": "n",
            "conversions": "c",
        }
        parts.append(
            _row("long", given)
            + f" FROM (SELECT arm, {grouping}, COUNT(*) FILTER (WHERE {above}) AS n, "
            f"SUM(converted) FILTER (WHERE {above}) AS c FROM eng_v GROUP BY {sets}) AS eng_l"
        )
    order = "part, measure, arm, segment, idx"
    return ctes, (
        "SELECT "
        + ", ".join(ident(c) for c in COLUMNS)
        + " FROM (\n"
        + "\nUNION ALL\n".join(parts)
        + f"\n) AS eng_all ORDER BY {order}"
    )


def load_engagement(con: Connection, plan: QueryPlan, unit_table: str) -> EngagementData:
    """The audit's own: the table over its unit table (ordered by unit, summed on one
    thread, so the float sums add in the same order every run)."""
    eng = plan.engagement
    assert eng is not None
    with duckdb_errors(plan.sources[eng.source].path):
        con.execute(f"CREATE OR REPLACE TEMP VIEW {VISITORS} AS {visitor_view(plan, unit_table)}")
        listed = not plan.engine.remote_engine
        rows = records(con, engagement_query(eng, VISITORS, listed), "Engagement")
    return read_engagement(rows)


def read_engagement(records: Sequence[Mapping[str, Any]]) -> EngagementData:
    """The table's rows (as {column: value}) as the section's sums."""
    groups: list[GroupSums] = []
    cuts: dict[str, dict[int, float]] = {}
    cells: dict[str, list[WindowCell]] = {}
    medians: dict[str, float] = {}
    long: list[LongCell] = []
    for r in records:
        kind, measure = str(r["kind"]), r["measure"]
        segment = level(r["segment"])
        if kind == "group":
            groups.append(
                GroupSums(
                    arm=str(r["arm"]),
                    segment=None if _int(r["all_segments"]) else segment,
                    counts={k: _int(r[k]) for k in COUNTS},
                    revenue=float(r["revenue"] or 0.0),
                    **{name: joint(r, name) for name in PAIRS},
                )
            )
        elif kind == "edge":
            cuts.setdefault(str(measure), {})[_int(r["idx"])] = float(r["value"])
        elif kind == "window":
            cells.setdefault(str(measure), []).append(
                WindowCell(str(r["arm"]), segment, _int(r["idx"]), _int(r["units"]),
                           _int(r["conversions"]))
            )  # fmt: skip
        elif kind == "median":
            medians[str(measure)] = float(r["value"])
        elif kind == "long":
            at = None if _int(r["all_segments"]) else segment
            long.append(
                LongCell(str(r["arm"]), at, str(measure), _int(r["units"]),
                         _int(r["conversions"]))
            )  # fmt: skip
    edges = {m: _edges(points) for m, points in cuts.items()}
    tos, pages = "time_on_site", "pages_per_session"
    # Per arm and segment, the measures in MEASURES order (the confusion rows' order).
    order = {m: i for i, m in enumerate(MEASURES)}
    long.sort(key=lambda c: (c.arm, c.segment is None, c.segment or "", order[c.measure]))
    return EngagementData(
        groups,
        edges.get(tos, ()),
        cells.get(tos, []) if edges.get(tos) else [],
        edges.get(pages, ()),
        cells.get(pages, []) if edges.get(pages) else [],
        {m: medians[m] for m in MEASURES if m in medians},
        long if medians else [],
    )


def _edges(points: dict[int, float]) -> tuple[float, ...]:
    if not points:
        return ()
    top = max(points)
    inner = sorted({v for i, v in points.items() if 0 < i < top})
    return (points[0], *inner, points[top])


def _int(value: Any) -> int:
    return 0 if value is None else int(value)


def read_engagement_file(path: Path) -> EngagementData:
    """The by-hand path: the saved table (CSV or Parquet)."""
    import duckdb

    if not path.is_file():
        raise DataError(
            f"{path}: no such file ({FILE_KEY}); save the engagement query's result there."
        )
    con = duckdb.connect()
    table = register(con, "engagement__table", path)
    for column in COLUMNS:
        table.require(column, FILE_KEY)
    text = ("kind", "arm", "segment", "measure")
    for column in COLUMNS:
        if column not in text and not table.is_numeric(column):
            raise DataError(
                f"{path}: column {column!r} ({FILE_KEY}) holds text; it must hold numbers."
            )
    casts = [
        f"CAST({ident(c)} AS {'VARCHAR' if c in text else 'DOUBLE'}) AS {ident(c)}" for c in COLUMNS
    ]
    with duckdb_errors(path):
        cursor = con.execute(f"SELECT {', '.join(casts)} FROM {ident(table.view)}")
        rows = cursor.fetchall()
    return read_engagement([dict(zip(COLUMNS, row, strict=True)) for row in rows])
