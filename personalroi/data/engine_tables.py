"""The config's tables (or Spark's paths) made visible to the data layer's queries.

On the embedded engine `sources.register_all` turns files into DuckDB views. On a
remote engine the data stays where it is: each input gets the same view name as a
local file would, standing for the engine's table, and a row filter becomes a view
over it, so every query the data layer writes reads the same names on any engine.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from personalroi.data.inputs import Input
from personalroi.data.sources import Table, filter_condition, ident
from personalroi.engines.base import RemoteConnection
from personalroi.errors import DataError


def register_remote(con: RemoteConnection, inputs: Mapping[str, Input]) -> dict[str, Table]:
    """{name: Table} for 'units' and each source, under each input's view name."""
    return {name: _register(con, i) for name, i in inputs.items()}


def _register(con: RemoteConnection, spec: Input) -> Table:
    # Messages name a table as "table shop.visitors" where they would name a file.
    where = Path(spec.location)
    view, row_filter = spec.view, spec.row_filter
    file_view = f"{view}__file" if row_filter else view
    if spec.table is not None:
        con.alias(file_view, spec.table)
        columns = con.columns(spec.table)
    else:
        register_path = getattr(con.adapter, "register_path", None)
        if register_path is None:
            raise DataError(f"{where}: engine {con.kind} reads tables; give table: instead of path")
        register_path(file_view, str(spec.path))
        columns = con.columns(file_view)
    table = Table(file_view, where, columns, ident(file_view))
    if row_filter is None:
        return table
    condition, key = filter_condition(table, row_filter)
    con.execute(f"CREATE VIEW {ident(view)} AS SELECT * FROM {ident(file_view)} WHERE {condition}")
    return Table(view, where, columns, ident(view), file_view, condition, key)
