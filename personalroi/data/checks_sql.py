"""The data-quality checks' table: one statement (the writer) for every check.

One row per number a check needs, in long form (`COLUMNS`): `kind` says which check
reads it, `item` names the source, column or metric, `stat` the number, `arm` the
arm where it is per arm; `note` carries the config text a check's detail quotes
(the window, the duplicates policy, a row filter), so the table alone is enough to
word the checks (data/checks_read.py) where the config has no sources (the by-hand
path). The statement reads:

- the unit index: one row per (id, arm) of the units file with its row count, rows
  outside the window and negative values (data/scan.py; a CTE by hand);
- each source reduced per unit: rows, rows outside the window, negative values
  (scan.py's reduced tables; CTEs by hand), semi-joined to the index for coverage;
- the units file again only for the (id, arm) pairs with repeated rows (a semi join
  on the index), to say whether they disagree; not at all where the caller knows
  that no pair repeats (`CheckInputs.repeats`);
- the sources joined dimensions read, and every filtered file's rows, as before;
- the unit table, for the heavy-tail sums per arm with and without the top 0.1 %
  capped (data/heavy_tail.py).

Written once in DuckDB SQL; `personalroi sql` transpiles it. The audit runs it as two
statements (`split_checks`): the counts on every thread, the heavy-tail float sums on
one, so that they add in the unit table's order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from personalroi.data.duplicates import dimension_columns, kept_order, policy_text
from personalroi.data.heavy_tail import TAIL_QUANTILE, TAIL_SUMS, tail_columns
from personalroi.data.sources import ident, sql_string, with_ctes
from personalroi.data.unit_sql import source_window, unit_columns, window_condition
from personalroi.plan.query_plan import QueryPlan
from personalroi.plan.refs import UNITS

COLUMNS = ["part", "kind", "item", "stat", "arm", "value", "note"]
TEXT_COLUMNS = ("kind", "item", "stat", "arm", "note")
INDEX_CTE = "chk_index"


@dataclass(frozen=True)
class FilteredTable:
    """A file with a row filter: every row of it, the filter as SQL and its config key."""

    every_row: str
    where: str
    key: str


@dataclass(frozen=True)
class CheckInputs:
    """What the statement reads, by name. `index` and `reduced` (the audit's scan tables)
    are optional: missing ones become CTEs over `tables`."""

    tables: Mapping[str, str]  # 'units' and each source: the (filtered) rows
    unit_table: str  # one row per unit, as the audit analyses it
    filtered: Mapping[str, FilteredTable] = field(default_factory=dict)
    index: str | None = None
    reduced: Mapping[str, str] = field(default_factory=dict)
    # False: the index counts every (id, arm) once, so the repeats' counts are 0 without
    # reading the units file again (a semi join on no pairs still reads all of it).
    repeats: bool = True


def units_window(plan: QueryPlan) -> str:
    """Whether a units row is in the experiment window (TRUE without a bound or timestamp)."""
    window, units = plan.window, plan.units
    if units.timestamp and window.bounded:
        return window_condition(units.timestamp, window.start, window.end)
    return "TRUE"


def negative_count(column: str) -> str:
    """SELECT item: the rows with a negative `column`, as `neg_<column>`."""
    return (
        f"COUNT(*) FILTER (WHERE CAST({ident(column)} AS DOUBLE) < 0) AS {ident('neg_' + column)}"
    )


def index_select(
    plan: QueryPlan, rows: str, keys: Sequence[str] | None = None, extra: str = ""
) -> str:
    """The unit index over the units `rows`: per (id, arm) its rows, the rows outside the
    window and the negative values (`keys`: what to group by, the casts by default;
    `extra`: more SELECT items, each after a comma)."""
    units = plan.units
    uid, arm = ident(units.id), ident(units.arm)
    keys = keys or [f"CAST({uid} AS VARCHAR)", f"CAST({arm} AS VARCHAR)"]
    negatives = "".join(f", {negative_count(c)}" for c in plan.negative_columns.get(UNITS, []))
    return (
        f"SELECT CAST({uid} AS VARCHAR) AS id, CAST({arm} AS VARCHAR) AS arm, COUNT(*) AS n, "
        f"COUNT(*) FILTER (WHERE NOT ({units_window(plan)})) AS outside{negatives}{extra}"
        f" FROM {rows} AS units_file GROUP BY {', '.join(keys)}"
    )


class _Rows:
    """The UNION ALL branches, each its own `part` (the table's order)."""

    def __init__(self, first: int = 0) -> None:
        self.first = first  # the first part's number
        self.parts: list[str] = []

    def add(
        self,
        kind: str,
        stat: str,
        value: str,
        source: str | None = None,
        item: str | None = None,
        arm: str = "CAST(NULL AS VARCHAR)",
        note: str | None = None,
    ) -> None:
        text = [
            sql_string(kind),
            "CAST(NULL AS VARCHAR)" if item is None else sql_string(item),
            sql_string(stat),
            arm,
        ]
        items = [str(self.first + len(self.parts)), *text, f"CAST({value} AS DOUBLE)"]
        items.append("CAST(NULL AS VARCHAR)" if note is None else sql_string(note))
        row = ", ".join(f"{v} AS {ident(c)}" for v, c in zip(items, COLUMNS, strict=True))
        self.parts.append(f"SELECT {row}" + (f" FROM {source}" if source else ""))

    def select(self) -> str:
        names = ", ".join(ident(c) for c in COLUMNS)
        union = "\nUNION ALL\n".join(self.parts)
        return f"SELECT {names} FROM (\n{union}\n) AS chk_all ORDER BY part, arm"


def checks_parts(plan: QueryPlan, inputs: CheckInputs) -> tuple[list[str], str]:
    """The statement as its CTEs and its final SELECT (the table, ordered)."""
    ctes, rows = _checks(plan, inputs)
    _tail_rows(plan, inputs.unit_table, ctes, rows)
    return ctes, rows.select()


def split_checks(plan: QueryPlan, inputs: CheckInputs) -> tuple[str, str | None]:
    """The table as two statements: every count and order-free number, then the
    heavy-tail float sums (None without a mean or ratio metric), their parts numbered on
    from the first's. Together they give the rows `checks_parts` gives."""
    ctes, rows = _checks(plan, inputs)
    tail_ctes: list[str] = []
    tail = _Rows(first=len(rows.parts))
    _tail_rows(plan, inputs.unit_table, tail_ctes, tail)
    sums = with_ctes(tail_ctes, tail.select()) if tail.parts else None
    return with_ctes(ctes, rows.select()), sums


def _checks(plan: QueryPlan, inputs: CheckInputs) -> tuple[list[str], _Rows]:
    """The CTEs and rows of every check but the heavy tails."""
    units = plan.units
    ctes: list[str] = []
    index = inputs.index
    if index is None:
        ctes.append(f"{INDEX_CTE} AS (\n{index_select(plan, inputs.tables[UNITS])}\n)")
        index = INDEX_CTE
    rows = _Rows()
    rows.add("policy", "policy", "0", item=units.duplicates, note=policy_text(units))
    unit_negatives = plan.negative_columns.get(UNITS, [])
    sums = "".join(f", SUM({ident('neg_' + c)}) AS {ident('neg_' + c)}" for c in unit_negatives)
    ctes.append(
        "chk_units AS (SELECT SUM(n) AS n_rows, "
        "COUNT(*) FILTER (WHERE id IS NOT NULL AND arm IS NOT NULL) AS pairs, "
        "SUM(n) FILTER (WHERE id IS NULL OR arm IS NULL) AS missing, "
        f"SUM(outside) AS outside{sums} FROM {index})"
    )
    ctes.append(
        "chk_ids AS (SELECT COUNT(*) AS ids, COUNT(*) FILTER (WHERE arms > 1) AS multi_arm "
        f"FROM (SELECT id, COUNT(arm) AS arms FROM {index} WHERE id IS NOT NULL GROUP BY id) "
        "AS by_id)"
    )
    for stat in ("n_rows", "pairs", "missing"):
        rows.add("units", stat, stat, "chk_units")
    for stat in ("ids", "multi_arm"):
        rows.add("units", stat, stat, "chk_ids")
    # The window as the outside-window checks quote it; without a bound there are none.
    window = f"{plan.window.start}..{plan.window.end}" if plan.window.bounded else None
    rows.add("units", "outside", "outside", "chk_units", note=window if units.timestamp else None)
    _repeats(plan, inputs, index, ctes, rows)
    rows.add(
        "arm",
        "in_data",
        "1",
        f"(SELECT DISTINCT arm FROM {index} WHERE arm IS NOT NULL) AS chk_arms",
        arm="arm",
    )
    negatives = {(UNITS, c): "chk_units" for c in unit_negatives}
    for i, name in enumerate(plan.sources):
        negatives |= _source_rows(plan, inputs, index, name, f"{i}", window, ctes, rows)
    for name, columns in plan.negative_columns.items():
        for column in columns:
            value = ident("neg_" + column)
            rows.add("negative", "rows", value, negatives[(name, column)], name, note=column)
    for i, (looked_up, columns) in enumerate(sorted(dimension_columns(plan).items())):
        table = inputs.tables[looked_up]
        _dimension_rows(plan, looked_up, columns, table, f"chk_d{i}", ctes, rows)
    for i, (name, filtered) in enumerate(inputs.filtered.items()):
        ctes.append(
            f"chk_f{i} AS (SELECT COUNT(*) AS total, COUNT(*) FILTER (WHERE NOT "
            f"COALESCE(({filtered.where}), FALSE)) AS excluded FROM {filtered.every_row})"
        )
        rows.add("filter", "total", "total", f"chk_f{i}", name, note=filtered.key)
        rows.add("filter", "excluded", "excluded", f"chk_f{i}", name, note=filtered.where)
    return ctes, rows


def _source_rows(
    plan: QueryPlan,
    inputs: CheckInputs,
    index: str,
    name: str,
    number: str,
    window: str | None,
    ctes: list[str],
    rows: _Rows,
) -> dict[tuple[str, str], str]:
    """A source's join coverage (a semi join on the index) and rows outside the window;
    returns the CTE holding each of its negative-value counts."""
    reduced = inputs.reduced.get(name)
    if reduced is None:
        reduced = f"chk_s{number}"
        ctes.append(f"{reduced} AS (\n{_reduce_source(plan, name, inputs.tables[name])}\n)")
    hits, totals = f"chk_h{number}", f"chk_t{number}"
    ctes.append(
        f"{hits} AS (SELECT SUM(n - outside) AS matched, "
        f"COUNT(*) FILTER (WHERE n > outside) AS units_hit FROM {reduced} AS src "
        f"SEMI JOIN {index} AS i ON src.unit_id = i.id)"
    )
    columns = plan.negative_columns.get(name, [])
    summed = "".join(f", SUM({ident('neg_' + c)}) AS {ident('neg_' + c)}" for c in columns)
    ctes.append(
        f"{totals} AS (SELECT SUM(n) AS total, SUM(outside) AS outside{summed} FROM {reduced})"
    )
    rows.add("source", "matched", "matched", hits, name)
    rows.add("source", "units_hit", "units_hit", hits, name)
    rows.add("source", "total", "total", totals, name)
    windowed = window if plan.sources[name].timestamp else None
    rows.add("source", "outside", "outside", totals, name, note=windowed)
    return {(name, c): totals for c in columns}


def _reduce_source(plan: QueryPlan, name: str, table: str) -> str:
    """A source per unit: its rows, the rows outside the window, the negative values."""
    negatives = "".join(f", {negative_count(c)}" for c in plan.negative_columns.get(name, []))
    key = f"CAST({ident(plan.sources[name].id)} AS VARCHAR)"
    return (
        f"SELECT {key} AS unit_id, COUNT(*) AS n, "
        f"COUNT(*) FILTER (WHERE NOT ({source_window(plan, name)})) AS outside{negatives} "
        f"FROM {table} AS source_file GROUP BY {key}"
    )


def _differs(expr: str) -> str:
    """A column differs within a group when two rows hold different values, or one none.

    Compared as text: every engine orders text (PostgreSQL has no MIN of a boolean).
    """
    text = f"CAST({expr} AS VARCHAR)"
    return f"(MIN({text}) IS DISTINCT FROM MAX({text}) OR COUNT({text}) NOT IN (0, COUNT(*)))"


def _repeats(
    plan: QueryPlan, inputs: CheckInputs, index: str, ctes: list[str], rows: _Rows
) -> None:
    """The units with repeated rows in the window, how many disagree, and in which column.

    Only the (id, arm) pairs the index counts more than once are read again (a semi
    join on them), and without `inputs.repeats` nothing is: every count is 0.
    """
    units = plan.units
    uid, arm = ident(units.id), ident(units.arm)
    compared = unit_columns(plan)
    if not inputs.repeats:
        zeros = "".join(f", 0 AS d{i}" for i in range(len(compared)))
        ctes.append(f"chk_repeats AS (SELECT 0 AS units_hit, 0 AS disagreeing{zeros})")
    else:
        flags = [f"{_differs(e)} AS d{i}" for i, e in enumerate(compared.values())]
        any_flag = " OR ".join(f"d{i}" for i in range(len(flags))) or "FALSE"
        counts = "".join(f", COUNT(*) FILTER (WHERE d{i}) AS d{i}" for i in range(len(flags)))
        keys = f"CAST({uid} AS VARCHAR), CAST({arm} AS VARCHAR)"
        cond = units_window(plan)
        ctes.append(
            f"chk_repeats AS (SELECT COUNT(*) AS units_hit, COUNT(*) FILTER (WHERE {any_flag}) "
            f"AS disagreeing{counts} FROM (SELECT {', '.join(['1 AS one', *flags])} "
            f"FROM {inputs.tables[UNITS]} AS units_file SEMI JOIN (SELECT id AS chk_id, arm AS "
            f"chk_arm FROM {index} WHERE n > 1) AS chk_pairs ON CAST({uid} AS VARCHAR) = "
            f"chk_pairs.chk_id AND CAST({arm} AS VARCHAR) = chk_pairs.chk_arm "
            f"WHERE {uid} IS NOT NULL AND {arm} IS NOT NULL AND {cond} "
            f"GROUP BY {keys} HAVING COUNT(*) > 1) AS per_pair)"
        )
    rows.add("repeats", "units_hit", "units_hit", "chk_repeats")
    rows.add("repeats", "disagreeing", "disagreeing", "chk_repeats")
    for i, name in enumerate(compared):
        rows.add("repeats", "differs", f"d{i}", "chk_repeats", name)


def _dimension_rows(
    plan: QueryPlan,
    source: str,
    columns: list[str],
    table: str,
    cte: str,
    ctes: list[str],
    rows: _Rows,
) -> None:
    """A source joined dimensions read: its units with repeated rows, and how many disagree."""
    uid = ident(plan.sources[source].id)
    flags = " OR ".join(_differs(ident(c)) for c in columns)
    ctes.append(
        f"{cte} AS (SELECT COUNT(*) AS repeated, COUNT(*) FILTER (WHERE differs) AS differing "
        f"FROM (SELECT {flags} AS differs FROM {table} AS source_file WHERE {uid} IS NOT NULL "
        f"GROUP BY CAST({uid} AS VARCHAR) HAVING COUNT(*) > 1) AS per_unit)"
    )
    rows.add("dimension", "repeated", "repeated", cte, source, note=kept_order(plan, source))
    rows.add("dimension", "differing", "differing", cte, source, note=", ".join(columns))


def _tail_rows(plan: QueryPlan, unit_table: str, ctes: list[str], rows: _Rows) -> None:
    """Per mean or ratio metric: the cap (its own CTE, BigQuery's quantile being analytic
    only), the largest value, and per arm the sums with and without it plus the values
    at and below the largest (the next value for the warning's text)."""
    columns = tail_columns(plan)
    if not columns:
        return
    both = {n: f"{x} IS NOT NULL AND {y} IS NOT NULL" for n, (x, y) in columns.items()}
    caps = ", ".join(
        f"quantile_cont({x}, {TAIL_QUANTILE}) FILTER (WHERE {both[n]}) AS cap_{i}"
        for i, (n, (x, _)) in enumerate(columns.items())
    )
    tops = ", ".join(
        f"MAX({x}) FILTER (WHERE {both[n]}) AS top_{i}"
        for i, (n, (x, _)) in enumerate(columns.items())
    )
    items = []
    for i, (n, (x, y)) in enumerate(columns.items()):
        capped = f"LEAST({x}, cap_{i})"
        only = f" FILTER (WHERE {both[n]})"
        sums = {
            "n": "COUNT(*)",
            "x": f"SUM({x})",
            "xx": f"SUM({x} * {x})",
            "cx": f"SUM({capped})",
            "cxx": f"SUM({capped} * {capped})",
            "y": f"SUM({y})",
            "yy": f"SUM({y} * {y})",
            "xy": f"SUM({x} * {y})",
            "cxy": f"SUM({capped} * {y})",
        }
        assert tuple(sums) == TAIL_SUMS
        items += [f"{agg}{only} AS t{i}_{s}" for s, agg in sums.items()]
        items.append(f"COUNT(*) FILTER (WHERE {both[n]} AND {x} = top_{i}) AS t{i}_at_top")
        items.append(f"MAX({x}) FILTER (WHERE {both[n]} AND {x} < top_{i}) AS t{i}_below_top")
    ctes += [
        f"chk_caps AS (SELECT {caps} FROM {unit_table})",
        f"chk_tops AS (SELECT {tops} FROM {unit_table})",
        f"chk_tail AS (SELECT arm, {', '.join(items)} FROM {unit_table} "
        "CROSS JOIN chk_caps CROSS JOIN chk_tops GROUP BY arm)",
    ]
    for i, name in enumerate(columns):
        rows.add("tail", "cap", f"cap_{i}", "chk_caps", name)
        rows.add("tail", "top", f"top_{i}", "chk_tops", name)
        for stat in (*TAIL_SUMS, "at_top", "below_top"):
            rows.add("tail", stat, f"t{i}_{stat}", "chk_tail", name, arm="arm")
