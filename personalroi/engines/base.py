"""A warehouse or Spark behind the few DuckDB-connection methods the data layer uses.

The data layer writes DuckDB SQL and runs it with `con.execute(sql)`. For a remote
engine, `RemoteConnection` takes the same text, transpiles it with sqlglot to the
engine's dialect and runs it through a small per-engine `Adapter`; only the small
result tables come back. Statements that are DuckDB housekeeping are handled here:
`SET`/`RESET` (thread settings) are no-ops, views are kept as named subqueries and
inlined into later queries (BigQuery has no temporary views, and a view over a
filtered table is just a subquery), temporary tables become the engine's own.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from personalroi.engines.booleans import ColumnTypes

if TYPE_CHECKING:
    from sqlglot import exp


class Adapter(Protocol):
    """One engine's driver. SQL handed to it is already in its `dialect`."""

    kind: str
    dialect: str

    def query(self, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]: ...

    def run(self, sql: str) -> None: ...

    def create_temp_table(self, name: str, select_sql: str) -> None: ...

    def drop_temp_table(self, name: str) -> None: ...

    def columns(self, table: str) -> dict[str, str]: ...

    def cancel(self) -> None: ...

    def close(self) -> None: ...


class Result:
    """A small fetched table with the DuckDB cursor's reading methods."""

    def __init__(self, names: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        self.names = list(names)
        self.rows = [tuple(_plain(v) for v in row) for row in rows]
        self._next = 0

    @property
    def description(self) -> list[tuple[str, None, None, None, None, None, None]]:
        return [(n, None, None, None, None, None, None) for n in self.names]

    def fetchall(self) -> list[tuple[Any, ...]]:
        rest, self._next = self.rows[self._next :], len(self.rows)
        return rest

    def fetchone(self) -> tuple[Any, ...] | None:
        if self._next >= len(self.rows):
            return None
        self._next += 1
        return self.rows[self._next - 1]

    def fetchnumpy(self) -> dict[str, np.ndarray]:
        """Columns as arrays, NULLs masked, as DuckDB's fetchnumpy gives them."""
        out: dict[str, np.ndarray] = {}
        for i, name in enumerate(self.names):
            values = [row[i] for row in self.rows[self._next :]]
            out[name] = _column_array(values)
        self._next = len(self.rows)
        return out


def _column_array(values: list[Any]) -> np.ndarray:
    present = [v for v in values if v is not None]
    numeric = all(isinstance(v, (int, float)) for v in present)
    if numeric and present:
        integral = all(isinstance(v, int) and not isinstance(v, bool) for v in present)
        kind: type = np.int64 if integral else float
        filled: np.ndarray = np.array(
            [kind(0) if v is None else kind(v) for v in values], dtype=kind
        )
    else:
        filled = np.array(values, dtype=object)
    mask = np.array([v is None for v in values], dtype=bool)
    return np.ma.masked_array(filled, mask=mask) if mask.any() else filled


def _plain(value: Any) -> Any:
    """Exact numerics (PostgreSQL's sums of integers, Snowflake's NUMBER) as DuckDB
    returns them: whole numbers as int, the rest as float."""
    from decimal import Decimal

    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


class RemoteConnection:
    """`execute(duckdb_sql)` against a remote engine, through its adapter."""

    def __init__(self, adapter: Adapter) -> None:
        self.adapter = adapter
        self.kind = adapter.kind
        self._views: dict[str, exp.Expr] = {}
        self._tables: dict[str, exp.Expr] = {}
        self._types = ColumnTypes()

    def alias(self, name: str, table: str) -> None:
        """Let DuckDB SQL name the engine's `table` (shop.visitors) as `name`."""
        from sqlglot import exp

        self._tables[name] = exp.to_table(table, dialect=self.adapter.dialect)

    def columns(self, table: str) -> dict[str, str]:
        """The engine's `table`'s columns and their DuckDB type names."""
        from sqlglot import exp

        columns = self.adapter.columns(table)
        self._types.add(exp.to_table(table, dialect=self.adapter.dialect), columns)
        return columns

    def execute(self, sql: str, parameters: object = None) -> Result:
        import sqlglot
        from sqlglot import exp

        import personalroi.engines.dialect  # noqa: F401  (quiets sqlglot's warnings)
        from personalroi.progress import with_progress

        assert parameters is None, "remote engines take no query parameters"
        statements = [
            s
            for s in sqlglot.parse(sql, read="duckdb")
            # thread settings and other DuckDB housekeeping
            if s is not None and not isinstance(s, (exp.Set, exp.Command))
        ]

        def run() -> Result:
            result = Result([], [])
            for statement in statements:
                result = self._statement(statement)
            return result

        # A warehouse query can take minutes: the terminal shows that it is waiting.
        return with_progress(run, f"Waiting for {self.kind}", self.query_progress, self.interrupt)

    def _statement(self, statement: exp.Expr) -> Result:
        from sqlglot import exp

        if isinstance(statement, exp.Create):
            name = statement.this.name
            select = self._inline(statement.expression)
            if statement.args.get("kind") == "VIEW":
                self._views[name] = select
                return Result([], [])
            select = self._types.numbers_from_booleans(select)
            if statement.args.get("replace"):
                self.adapter.drop_temp_table(name)
            self.adapter.create_temp_table(name, self.to_dialect(select))
            self._types.record(name, select)
            return Result([], [])
        if isinstance(statement, exp.Drop):
            for table in statement.args.get("tables") or [statement.this]:
                if self._views.pop(table.name, None) is None:
                    self.adapter.drop_temp_table(table.name)
            return Result([], [])
        query = self._types.numbers_from_booleans(self._inline(statement))
        names, rows = self.adapter.query(self.to_dialect(query))
        return Result(names, rows)

    def _inline(self, tree: exp.Expr) -> exp.Expr:
        """Replace every named view or aliased table by what it stands for."""
        from sqlglot import exp

        tree = tree.copy()
        for node in list(tree.find_all(exp.Table)):
            if node.args.get("db"):
                continue
            name = node.name
            if name in self._tables:
                target = self._tables[name].copy()
                target.set(
                    "alias", node.args.get("alias") or exp.TableAlias(this=exp.to_identifier(name))
                )
                node.replace(target)
            elif name in self._views:
                alias = node.args.get("alias") or exp.TableAlias(this=exp.to_identifier(name))
                node.replace(exp.Subquery(this=self._views[name].copy(), alias=alias))
        return tree

    def to_dialect(self, tree: exp.Expr) -> str:
        from personalroi.engines.dialect import transpile_tree

        return transpile_tree(tree, self.adapter.dialect)

    def query_progress(self) -> float:
        return -1.0  # engines report no progress estimate: the bar shows activity only

    def interrupt(self) -> None:
        self.adapter.cancel()

    def close(self) -> None:
        self.adapter.close()


if TYPE_CHECKING:
    import duckdb

    # What the data layer's queries run on: embedded DuckDB or a remote engine.
    Connection = duckdb.DuckDBPyConnection | RemoteConnection
    Cursor = duckdb.DuckDBPyConnection | Result
