"""SQL that reduces per-unit values to per-arm sufficient statistics.

Output: one row per arm (and dimension level), with for each metric
`<m>__n, <m>__sum, <m>__sum_sq`, plus `<m>__sum_y, <m>__sum_y_sq, <m>__sum_xy`
for ratio metrics (y = denominator) and metrics with a covariate (y = covariate).
This is also the layout of the aggregated input file.
"""

from __future__ import annotations

from personalroi.data.sources import ident
from personalroi.plan.metrics import PRE_SUFFIXES, MetricPlan
from personalroi.plan.query_plan import QueryPlan


def _capped(metric: MetricPlan, expr: str) -> str:
    name = metric.name
    return f"LEAST({expr}, caps.{ident('cap__' + name)})" if metric.winsorize is not None else expr


def stat_columns(plan: QueryPlan) -> tuple[list[str], list[str]]:
    """SELECT items of each metric's sufficient statistics, and of the winsorization caps.

    The statistics read `caps.cap__<metric>` where a metric is winsorized; the caps
    items (`quantile_cont` over every unit) go in a one-row `caps` relation.
    """
    cols: list[str] = []
    caps: list[str] = []
    for name, metric in plan.metrics.items():
        out = lambda stat, m=name: ident(f"{m}__{stat}")  # noqa: E731
        pre: tuple[str, str] | None = None
        if metric.type == "ratio":
            x, y = ident(f"{name}__num"), ident(f"{name}__den")
            both = f"{x} IS NOT NULL AND {y} IS NOT NULL"
            if metric.pre_period is not None:
                # No pre-period value: no pre-period activity, 0 (as for mean metrics).
                px = f"COALESCE({ident(name + '__pnum')}, 0)"
                py = f"COALESCE({ident(name + '__pden')}, 0)"
                pre = (px, py)
        else:
            x = ident(name)
            cov = metric.pre_period is not None
            # A unit without a pre-period value had no pre-period activity: 0.
            y = f"COALESCE({ident(name + '__cov')}, 0)" if cov else ""
            both = f"{x} IS NOT NULL"
        if metric.winsorize is not None:
            caps.append(f"quantile_cont({x}, {metric.winsorize}) AS {ident('cap__' + name)}")
            x = _capped(metric, x)
        cols += [
            f"COUNT(CASE WHEN {both} THEN 1 END) AS {out('n')}",
            f"SUM(CASE WHEN {both} THEN {x} END) AS {out('sum')}",
            f"SUM(CASE WHEN {both} THEN {x} * {x} END) AS {out('sum_sq')}",
        ]
        if y:
            cols += [
                f"SUM(CASE WHEN {both} THEN {y} END) AS {out('sum_y')}",
                f"SUM(CASE WHEN {both} THEN {y} * {y} END) AS {out('sum_y_sq')}",
                f"SUM(CASE WHEN {both} THEN {x} * {y} END) AS {out('sum_xy')}",
            ]
        if pre is not None:
            products = zip(PRE_SUFFIXES, _pre_products(x, y, *pre), strict=True)
            cols += [f"SUM(CASE WHEN {both} THEN {v} END) AS {out(k)}" for k, v in products]
    return cols, caps


def _pre_products(x: str, y: str, px: str, py: str) -> list[str]:
    """The expressions summed for PRE_SUFFIXES, in that order."""
    return [px, f"{px} * {px}", py, f"{py} * {py}", f"{px} * {py}"] + [
        f"{a} * {b}" for a in (x, y) for b in (px, py)
    ]


def arm_stats_query(plan: QueryPlan, unit_table: str, dimension: str | None = None) -> str:
    keys = ["arm"] + ([ident(dimension)] if dimension else [])
    cols, caps = stat_columns(plan)
    source = unit_table
    if caps:
        source = f"{unit_table}, (SELECT {', '.join(caps)} FROM {unit_table}) AS caps"
    return (
        f"SELECT {', '.join(keys)},\n  "
        + ",\n  ".join(cols)
        + f"\nFROM {source}\nGROUP BY {', '.join(keys)}\nORDER BY {', '.join(keys)}"
    )


def grouped_stats_query(plan: QueryPlan, unit_table: str, caps_table: str | None = None) -> str:
    """Every arm's statistics overall and per level of each dimension, in one pass.

    One row per arm with every dimension column NULL, plus one row per arm x
    level of each dimension with only that column set (unit dimension values
    are never NULL: unit_sql writes '(missing)'). `n_units` counts units per arm
    for the SRM check. `caps_table` names a one-row relation holding the
    winsorization caps, if any metric is winsorized.

    The units are aggregated once, by arm x every dimension combination; the
    statistics are sums, so GROUPING SETS then rolls up that small table (four
    hash aggregates over 10 M units cost 14 s more than one).
    """
    dims = [ident(d) for d in plan.units.dimension_names]
    cols, _ = stat_columns(plan)
    keys = ", ".join(["arm", *dims])
    source = f"{unit_table}, {caps_table}" if caps_table else unit_table
    fine = (
        f"SELECT {keys},\n  COUNT(*) AS n_units,\n  "
        + ",\n  ".join(cols)
        + f"\nFROM {source}\nGROUP BY {keys}"
    )
    if not dims:
        return fine + "\nORDER BY arm"
    names = ["n_units", *(c.rsplit(" AS ", 1)[1] for c in cols)]
    sets = ", ".join(["(arm)", *(f"(arm, {d})" for d in dims)])
    order = ", ".join(["arm", *(f"{d} NULLS FIRST" for d in dims)])
    return (
        f"SELECT {keys},\n  "
        + ",\n  ".join(f"SUM({n}) AS {n}" for n in names)
        + f"\nFROM (\n{fine}\n) AS by_cell\nGROUP BY GROUPING SETS ({sets})\nORDER BY {order}"
    )
