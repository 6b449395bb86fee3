"""Check the data a config names without running the audit, collecting every problem.

`personalroi validate` uses this to report all data problems at once; each
message names the file (and row or column) and the config key.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from personalroi.data.column_checks import require_numeric, require_timestamps
from personalroi.data.duplicates import refuse_repeats
from personalroi.data.sources import Table, filtered, register
from personalroi.errors import DataError
from personalroi.plan.metrics import ROLE_KEYS
from personalroi.plan.query_plan import QueryPlan
from personalroi.plan.refs import UNITS

if TYPE_CHECKING:
    import duckdb

KeyPath = tuple[str | int, ...]


@dataclass(frozen=True)
class DataProblem:
    key: KeyPath  # where in the config the offending file or column is named
    message: str


@dataclass
class _Collector:
    problems: list[DataProblem] = field(default_factory=list)

    def attempt(self, key: KeyPath, check: Callable[..., Any], *args: Any) -> bool:
        """Run one check; keep its DataError as a problem instead of stopping."""
        try:
            check(*args)
        except DataError as exc:
            self.problems.append(DataProblem(key, str(exc)))
            return False
        return True


def data_problems(plan: QueryPlan) -> list[DataProblem]:
    import duckdb

    con = duckdb.connect()
    out = _Collector()
    tables: dict[str, Table] = {}

    def register_as(name: str, view: str, path: Any) -> None:
        tables[name] = register(con, view, path)

    def filter_rows(name: str) -> None:
        tables[name] = filtered(con, tables[name], filters[name])

    filters = plan.row_filters
    out.attempt(("units", "path"), register_as, UNITS, "src__units", plan.units.path)
    for name, source in plan.sources.items():
        out.attempt(("sources", name, "path"), register_as, name, f"src_{name}", source.path)
    for name in filters:
        if name in tables:
            at: KeyPath = ("units", "where") if name == UNITS else ("sources", name, "where")
            if not out.attempt(at, filter_rows, name):
                del tables[name]  # its checks would only repeat the filter's problem
    if UNITS in tables:
        _unit_checks(con, plan, tables[UNITS], out)
    for i, dim in enumerate(plan.units.dimensions):
        source_name, column = dim.source or "", dim.column
        if source_name in tables:
            loc: KeyPath = ("units", "dimensions", i)
            out.attempt(loc, tables[source_name].require, column, "units.dimensions")
    for name, source in plan.sources.items():
        if name not in tables:
            continue
        table = tables[name]
        out.attempt(("sources", name, "id"), table.require, source.id, f"sources.{name}.id")
        if source.timestamp:
            key = f"sources.{name}.timestamp"
            out.attempt(
                ("sources", name, "timestamp"),
                require_timestamps,
                con,
                table,
                source.timestamp,
                key,
            )
    for metric_name, metric in plan.metrics.items():
        for role, ref in metric.refs.items():
            if ref.source not in tables or ref.counts_rows:
                continue
            loc = ("metrics", metric_name, ROLE_KEYS[role])
            dotted = ".".join(loc)
            out.attempt(loc, require_numeric, con, tables[ref.source], ref.column, dotted)
    if plan.engagement is not None:
        for key, src, column in plan.engagement.columns():
            if src in tables:
                where: KeyPath = ("engagement", key)
                table = tables[src]
                out.attempt(where, require_numeric, con, table, column, f"engagement.{key}")
    return out.problems


def _unit_checks(
    con: duckdb.DuckDBPyConnection, plan: QueryPlan, units: Table, out: _Collector
) -> None:
    from personalroi.data.arms import find_arms  # the audit's own arm check, reused

    u = plan.units
    id_ok = out.attempt(("units", "id"), units.require, u.id, "units.id")
    arm_ok = out.attempt(("units", "arm"), units.require, u.arm, "units.arm")
    for i, dim in enumerate(u.dimensions):
        if dim.source is None:
            out.attempt(("units", "dimensions", i), units.require, dim.name, "units.dimensions")
    if u.timestamp:
        key = "units.timestamp"
        out.attempt(("units", "timestamp"), require_timestamps, con, units, u.timestamp, key)
    for covered, column in u.covariate_columns.items():
        key = f"units.covariates.{covered}"
        path = ("units", "covariates", *covered.split("."))
        out.attempt(path, require_numeric, con, units, column, key)
    if id_ok and arm_ok:
        out.attempt(("experiment", "control"), find_arms, con, plan, units)
        out.attempt(("units", "duplicates"), refuse_repeats, con, u, units)
