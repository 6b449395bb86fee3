"""SQL that reduces the units file and event sources to one row per unit.

Pure string building from the query plan: the same query runs in the embedded
DuckDB engine and, transpiled, in a warehouse (`personalroi sql`).
Output columns: unit_id, arm, one per dimension (named as in the config), and
per metric either `<metric>` or `<metric>__num`/`<metric>__den` (ratio), plus
`<metric>__cov` where a CUPED covariate is configured (`<metric>__pnum`/`<metric>__pden`,
the pre-period ratio, for a ratio metric).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from personalroi.data.sources import ident, sql_string
from personalroi.plan.inputs import UnitsInput
from personalroi.plan.metrics import MetricPlan
from personalroi.plan.query_plan import QueryPlan
from personalroi.plan.refs import UNITS, PrePeriod, ValueRef

# Each unit's position by unit_id in the unit table: an integer key that every engine
# has (DuckDB's rowid is its own); "__" cannot clash with a metric's name.
UNIT_ROW = "__unit_row"
# The unit's first exposure (units.timestamp) in the unit table, when the trend needs it.
EXPOSED = "__exposed_at"
# A source row's window condition as a column (`flag_window`), for scans whose many
# aggregates filter on it: the engine evaluates a FILTER clause once per aggregate.
IN_WINDOW = "__personalroi_in_window"
# A units row's position in the file: the tie-break (or the only order) of units.duplicates.
FILE_ROW = "__personalroi_row"
# 1 on the row of a unit's rows that units.duplicates keeps (`ranked`).
PICK = "__personalroi_pick"


def _order_timestamp(units: UnitsInput) -> str | None:
    ts = units.timestamp
    return f"CAST({ident(ts)} AS TIMESTAMP)" if ts else None


def numbered(table: str) -> str:
    """`table`'s rows with their position as column FILE_ROW (a FROM item).

    Tables have no order in SQL; the engine reads a file in order (DuckDB keeps
    insertion order), so this is the line order there. A warehouse table has no
    line order: there only `units.timestamp` makes the choice reproducible.
    """
    return f"(SELECT *, ROW_NUMBER() OVER () AS {ident(FILE_ROW)} FROM {table})"


def numbered_units(per_unit: str) -> str:
    """The rows of the SELECT `per_unit` sorted by unit_id, each numbered UNIT_ROW in that
    order (the unit table), and stored in that order.

    A window with an empty OVER keeps its input's order in DuckDB, so the rows sorted
    by unit_id are numbered as they come; the table is then ordered by that integer.
    A ROW_NUMBER() OVER (ORDER BY unit_id) window sorted the wide rows by text a
    second time (0.5 of the statement's 1.9 CPU s at 1 M units). Without the last
    ORDER BY the table would keep the numbering's order too, but DuckDB then ran out
    of memory under a tight limit (400MB at 1 M units) where this passes. Elsewhere
    the number is the engine's row id (engines/dialect.py): unique per unit, which is
    what the joins on it need.
    """
    row = ident(UNIT_ROW)
    return (
        f"SELECT *, ROW_NUMBER() OVER () AS {row} "
        f"FROM (SELECT * FROM ({per_unit}) AS per_unit ORDER BY unit_id) AS by_unit ORDER BY {row}"
    )


def pick_order(units: UnitsInput) -> str:
    """ORDER BY of a unit's rows, the kept row first (units.duplicates; `error` keeps the
    first too: it refuses the file before anything is computed)."""
    ts, row = _order_timestamp(units), ident(FILE_ROW)
    way = "DESC" if units.duplicates == "last" else "ASC"
    keys = ([f"{ts} {way} NULLS LAST"] if ts else []) + [f"{row} {way}"]
    return ", ".join(keys)


def ranked(units: UnitsInput, table: str, cond: str, partition: Sequence[str]) -> str:
    """`table`'s rows with PICK = 1 on the kept row of each `partition` group (a FROM item).

    The kept row is the first by `pick_order` among the rows where `cond` holds
    (any row where none does). `table` must have FILE_ROW (`numbered`). A window,
    not DuckDB's arg_min over a struct: every engine has ROW_NUMBER, and the
    aggregates that read the kept row (`pick_aggregates`) are plain MINs.
    """
    first = f"CASE WHEN {cond} THEN 0 ELSE 1 END"
    return (
        f"(SELECT *, ROW_NUMBER() OVER (PARTITION BY {', '.join(partition)} "
        f"ORDER BY {first}, {pick_order(units)}) AS {ident(PICK)} FROM {table})"
    )


def pick_aggregates(items: Mapping[str, str], cond: str, ranked: bool = True) -> dict[str, str]:
    """{name: aggregate} taking each of `items` {name: expression} from the one kept row
    (over `ranked` rows): NULL in a group without a row where `cond` holds.

    One row is kept whole: never a column from one row and another from the next.
    Without `ranked` (over rows without PICK), the MIN over the rows where `cond` holds:
    the same in a group with at most one such row, that row being the kept one.
    """
    pick = f"{ident(PICK)} = 1 AND " if ranked else ""
    return {name: f"MIN({expr}) FILTER (WHERE {pick}{cond})" for name, expr in items.items()}


def window_condition(column: str, start: dt.date | None, end: dt.date | None) -> str:
    """Inclusive calendar-day window on a timestamp column (end day included)."""
    ts = f"CAST({ident(column)} AS TIMESTAMP)"
    parts = []
    if start is not None:
        parts.append(f"{ts} >= TIMESTAMP {sql_string(start.isoformat())}")
    if end is not None:
        after = (end + dt.timedelta(days=1)).isoformat()
        parts.append(f"{ts} < TIMESTAMP {sql_string(after)}")
    return " AND ".join(parts) if parts else "TRUE"


def _source_aggregate(ref: ValueRef, where: str | None = None) -> str:
    """The per-unit aggregate of `ref`; `where` restricts it to the rows that satisfy it."""
    if ref.column == "count" and ref.agg == "any":
        return "1"
    only = f" FILTER (WHERE {where})" if where else ""
    if ref.column == "count":
        return f"COUNT(*){only}"
    col = f"CAST({ident(ref.column)} AS DOUBLE)"
    return {
        "sum": f"SUM({col})",
        "count": f"COUNT({col})",
        "mean": f"AVG({col})",
        "max": f"MAX({col})",
        "any": f"MAX(CASE WHEN {col} > 0 THEN 1 ELSE 0 END)",
    }[ref.agg] + only


def _unit_value(ref: ValueRef) -> str:
    if ref.source == UNITS:
        return f"CAST(u.{ident(ref.column)} AS DOUBLE)"
    value = f"{ident('s_' + ref.source)}.{ident(ref.alias)}"
    # Units with no rows: 0 for sum/count/any, missing (excluded) for mean/max.
    return f"COALESCE({value}, 0)" if ref.agg in ("sum", "count", "any") else value


def _metric_value(metric: MetricPlan, expr: str) -> str:
    if metric.type == "binary":
        return f"CASE WHEN {expr} IS NULL THEN NULL WHEN {expr} > 0 THEN 1.0 ELSE 0.0 END"
    if metric.type == "nps":
        return (
            f"CASE WHEN {expr} IS NULL THEN NULL WHEN {expr} >= 9 THEN 1.0 "
            f"WHEN {expr} > 6 THEN 0.0 ELSE -1.0 END"
        )
    return expr


def _covariate_values(name: str, metric: MetricPlan, cov: PrePeriod) -> list[str]:
    """`<m>__cov` for a mean/binary metric; `<m>__pnum`, `<m>__pden` for a ratio metric.

    A single pre-period column on a ratio metric is the ratio column / 1.
    """
    if metric.type != "ratio":
        return [f"CAST(u.{ident(cov.numerator)} AS DOUBLE) AS {ident(name + '__cov')}"]
    num, den = cov.numerator, cov.denominator
    return [
        f"CAST(u.{ident(num)} AS DOUBLE) AS {ident(name + '__pnum')}",
        f"{'1.0' if den is None else f'CAST(u.{ident(den)} AS DOUBLE)'} AS "
        f"{ident(name + '__pden')}",
    ]


def aggregate_items(refs: Mapping[str, ValueRef]) -> str:
    """`<aggregate> AS <alias>, ...` for a source's values (grouped by unit, or unit x week)."""
    return ", ".join(f"{_source_aggregate(r)} AS {ident(a)}" for a, r in sorted(refs.items()))


def source_window(plan: QueryPlan, name: str, flagged: bool = False) -> str:
    """Whether a row of source `name` is in the experiment window; with `flagged`, the
    column that `flag_window` adds to the rows."""
    window, source = plan.window, plan.sources[name]
    if flagged:
        return ident(IN_WINDOW)
    return (
        window_condition(source.timestamp, window.start, window.end) if source.timestamp else "TRUE"
    )


def flag_window(plan: QueryPlan, name: str, table: str) -> str:
    """`table`'s rows with the window condition as column IN_WINDOW (a FROM item)."""
    return f"(SELECT *, {source_window(plan, name)} AS {ident(IN_WINDOW)} FROM {table})"


def reduced_aggregates(plan: QueryPlan, name: str, flagged: bool = False) -> list[str]:
    """SELECT items of source `name`'s per-unit values over every row, each filtered to the window.

    A table grouped by unit with these items and `in_window` (the rows in the window)
    can stand in for the source in `unit_query(..., reduced=...)`. `flagged`: over
    the rows of `flag_window`.
    """
    cond = source_window(plan, name, flagged)
    refs = plan.refs_by_source.get(name, {})
    return [f"COUNT(*) FILTER (WHERE {cond}) AS in_window"] + [
        f"{_source_aggregate(r, cond)} AS {ident(a)}" for a, r in sorted(refs.items())
    ]


def metric_columns(name: str, metric: MetricPlan) -> list[str]:
    """SELECT items of a metric's per-unit values, reading `u.` unit columns and `s_` sources."""
    out = []
    for role, ref in metric.refs.items():
        alias = name if role == "value" else f"{name}__{role}"
        out.append(f"{_metric_value(metric, _unit_value(ref))} AS {ident(alias)}")
    return out


def _level(expr: str) -> str:
    return f"COALESCE(CAST({expr} AS VARCHAR), '(missing)')"


def dimension_cte(plan: QueryPlan, source: str, table: str) -> str:
    """`d_<source>`: one row per unit of a source that joined dimensions read.

    A unit's repeated rows there are resolved as in the units file (units.duplicates):
    the earliest or latest by the source's timestamp, file order without one.
    """
    src = plan.sources[source]
    columns = [c for s, c in plan.units.joined_dimensions.values() if s == source]
    ts = f"CAST({ident(src.timestamp)} AS TIMESTAMP)" if src.timestamp else None
    way = "DESC" if plan.units.duplicates == "last" else "ASC"
    order = ([f"{ts} {way} NULLS LAST"] if ts else []) + [f"{ident(FILE_ROW)} {way}"]
    picked = ", ".join(f"{ident(c)} AS {ident(c)}" for c in dict.fromkeys(columns))
    return (
        f"{ident('d_' + source)} AS (\n  SELECT * FROM (\n"
        f"    SELECT CAST({ident(src.id)} AS VARCHAR) AS unit_id, {picked}, "
        f"ROW_NUMBER() OVER (PARTITION BY CAST({ident(src.id)} AS VARCHAR) "
        f"ORDER BY {', '.join(order)}) AS __pick\n    FROM {numbered(table)} AS source_file\n"
        "  ) AS ranked WHERE __pick = 1\n)"
    )


def dimension_values(units: UnitsInput) -> list[str]:
    """SELECT items of every dimension, from the unit row or from its joined source."""
    out = []
    for dim in units.dimensions:
        if dim.source is not None:
            looked_up = ident("d_" + dim.source) + "." + ident(dim.column)
            out.append(f"{_level(looked_up)} AS {ident(dim.name)}")
        else:
            out.append(f"u.{ident(dim.name)}")
    return out


def unit_columns(plan: QueryPlan, exposure: bool = False) -> dict[str, str]:
    """The unit table's columns from the units file besides id and arm: {name: expression}.

    The dimensions (text, '(missing)' for none), the unit columns metrics and
    covariates read, and with `exposure` the first exposure as EXPOSED.
    """
    units = plan.units
    out = {d: _level(ident(d)) for d in units.own_dimensions}
    out |= {c: ident(c) for c in plan.unit_value_columns}
    if exposure:
        assert units.timestamp
        out[EXPOSED] = f"CAST({ident(units.timestamp)} AS TIMESTAMP)"
    return out


def unit_query(
    plan: QueryPlan,
    tables: Mapping[str, str],
    arms: Sequence[str] | None = None,
    deduplicate: bool = True,
    exposure: bool = False,
    reduced: Mapping[str, str] | None = None,
    carry: Mapping[str, Mapping[str, str]] | None = None,
    unit_index: str | None = None,
) -> str:
    """SELECT producing one row per unit; `tables` maps 'units' and source names to tables.

    `deduplicate=False` skips collapsing repeated unit rows: only for files the
    quality checks found free of duplicate ids (it saves a hash aggregate per unit).
    `exposure=True` keeps `units.timestamp` as the column EXPOSED (the trend analysis).
    `reduced` maps sources to tables already grouped by unit_id with the columns of
    `reduced_aggregates` (read once for the checks too), used instead of the source.
    `carry` adds, per source, more per-unit columns {name: aggregate over its rows}
    (0 for a unit without rows); a reduced table must already hold them by name.
    `unit_index` names a table grouped by (id, arm) with `in_window` and the
    `unit_columns` aggregated over the rows in the window, read instead of the file.
    """
    window, units = plan.window, plan.units
    kept = unit_columns(plan, exposure)
    if unit_index:
        # The checks' index already holds each (id, arm)'s window-filtered unit columns.
        indexed = ["id AS unit_id", "arm", *(ident(c) for c in kept)]
        units_raw = (
            f"SELECT {', '.join(indexed)}\n  FROM {unit_index}\n"
            "  WHERE id IS NOT NULL AND arm IS NOT NULL AND in_window > 0"
        )
    else:
        keep = [
            f"CAST({ident(units.id)} AS VARCHAR) AS unit_id",
            f"CAST({ident(units.arm)} AS VARCHAR) AS arm",
            *(f"{expr} AS {ident(c)}" for c, expr in kept.items()),
        ]
        unit_window = (
            window_condition(units.timestamp, window.start, window.end)
            if units.timestamp
            else "TRUE"
        )
        if deduplicate:
            # The unit's kept row (units.duplicates) is picked by time, then file order.
            keep.append(
                f"ROW_NUMBER() OVER (PARTITION BY CAST({ident(units.id)} AS VARCHAR), "
                f"CAST({ident(units.arm)} AS VARCHAR) ORDER BY {pick_order(units)}) AS __pick"
            )
        units_from = numbered(tables[UNITS]) if deduplicate else tables[UNITS]
        units_raw = (
            f"SELECT {', '.join(keep)}\n  FROM {units_from} AS units_file\n"
            f"  WHERE {ident(units.id)} IS NOT NULL AND {ident(units.arm)} IS NOT NULL"
            f" AND {unit_window}"
        )
        if deduplicate:
            units_raw = f"SELECT * FROM (\n  {units_raw}\n  ) AS ranked WHERE __pick = 1"
    ctes = [
        f"units_raw AS (\n  {units_raw}\n)",
        # One row per (unit, arm) is left; a unit seen in more than one arm is
        # contaminated: dropped, and counted by the checks. MIN over the unit's one row
        # per arm, not ANY_VALUE: portable (Postgres < 16 has no ANY_VALUE); MIN = MAX,
        # not COUNT(DISTINCT): one hash aggregate instead of three operators.
        "u AS (\n  SELECT unit_id, MIN(arm) AS arm"
        + "".join(f", MIN({ident(c)}) AS {ident(c)}" for c in kept)
        + "\n  FROM units_raw GROUP BY unit_id HAVING MIN(arm) = MAX(arm)\n)"
        if deduplicate
        else "u AS (SELECT * FROM units_raw)",
    ]
    joins = []
    carry = carry or {}
    by_source = plan.refs_by_source
    for name in sorted(set(by_source) | set(carry)):
        source, refs, extra = plan.sources[name], by_source.get(name, {}), carry.get(name, {})
        cte = ident("s_" + name)
        if reduced and name in reduced:
            columns = ", ".join(ident(a) for a in [*sorted(refs), *extra])
            ctes.append(
                f"{cte} AS (\n  SELECT unit_id, {columns}\n  FROM {reduced[name]}\n"
                "  WHERE in_window > 0\n)"
            )
        else:
            items = [aggregate_items(refs)] if refs else []
            items += [f"{agg} AS {ident(a)}" for a, agg in extra.items()]
            ctes.append(
                f"{cte} AS (\n  SELECT CAST({ident(source.id)} AS VARCHAR) AS unit_id, "
                f"{', '.join(items)}\n  FROM {tables[name]}\n"
                f"  WHERE {source_window(plan, name)}\n  GROUP BY 1\n)"
            )
        joins.append(f"LEFT JOIN {cte} USING (unit_id)")
    for looked_up in sorted({s for s, _ in units.joined_dimensions.values()}):
        ctes.append(dimension_cte(plan, looked_up, tables[looked_up]))
        joins.append(f"LEFT JOIN {ident('d_' + looked_up)} USING (unit_id)")
    select = ["u.unit_id", "u.arm", *dimension_values(units)]
    if exposure:
        select.append(f"u.{ident(EXPOSED)}")
    for name, metric in plan.metrics.items():
        select += metric_columns(name, metric)
        if metric.pre_period is not None:
            select += _covariate_values(name, metric, metric.pre_period)
    for name, extra in sorted(carry.items()):
        select += [f"COALESCE({ident('s_' + name)}.{ident(a)}, 0) AS {ident(a)}" for a in extra]
    where = f"\nWHERE u.arm IN ({', '.join(sql_string(a) for a in arms)})" if arms else ""
    return (
        "WITH "
        + ",\n".join(ctes)
        + "\nSELECT "
        + ",\n       ".join(select)
        + "\nFROM u\n"
        + "\n".join(joins)
        + where
    )
