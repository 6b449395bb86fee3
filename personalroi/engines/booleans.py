"""Boolean value columns read as 1 and 0 on every engine, as DuckDB reads them.

The data layer writes `CAST(column AS DOUBLE)` for every value column. DuckDB casts
TRUE to 1.0; PostgreSQL has no cast from boolean to double precision and BigQuery
none from BOOL to FLOAT64. `ColumnTypes` knows the engine's column types (its
tables and the temporary tables built from them), lets sqlglot type each cast's
operand, and where that is BOOLEAN casts `CASE WHEN x THEN 1 WHEN NOT x THEN 0 END`
instead (NULL stays NULL), which every engine casts to a number.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlglot import exp

MARK = "personalroi_cast"


class ColumnTypes:
    """Column types (DuckDB names) of the tables a connection's statements read."""

    def __init__(self) -> None:
        self._tables: dict[str, dict[str, str]] = {}

    def add(self, table: exp.Table, columns: dict[str, str]) -> None:
        self._tables[_key(table)] = {c: t.upper() for c, t in columns.items()}

    def any_boolean(self) -> bool:
        return any("BOOLEAN" in t.values() for t in self._tables.values())

    def record(self, name: str, select: exp.Expr) -> None:
        """A temporary table's column types, from the SELECT that fills it."""
        from sqlglot import exp

        if not self.any_boolean():
            return
        typed = self._typed(select)
        if typed is None or not isinstance(typed, exp.Query):
            return
        self._tables[name.lower()] = {
            s.alias_or_name: "BOOLEAN"
            if s.type is not None and s.type.is_type(exp.DataType.Type.BOOLEAN)
            else "UNKNOWN"
            for s in typed.selects
        }

    def numbers_from_booleans(self, tree: exp.Expr) -> exp.Expr:
        """`tree` (DuckDB SQL) with each numeric cast of a BOOLEAN made a cast of 1 or 0."""
        from sqlglot import exp

        if not self.any_boolean():
            return tree
        casts = [c for c in tree.find_all(exp.Cast) if c.to.is_type(*exp.DataType.NUMERIC_TYPES)]
        if not casts:
            return tree
        for number, cast in enumerate(casts):
            cast.meta[MARK] = number
        typed = self._typed(tree)
        boolean = set()
        if typed is not None:
            boolean = {
                c.meta[MARK]
                for c in typed.find_all(exp.Cast)
                if MARK in c.meta
                and c.this.type is not None
                and c.this.type.is_type(exp.DataType.Type.BOOLEAN)
            }
        for cast in casts:
            if cast.meta.pop(MARK) in boolean:
                value = cast.this
                cast.set("this", _one_or_zero(value))
        return tree

    def _typed(self, tree: exp.Expr) -> exp.Expr | None:
        """A copy of `tree` with sqlglot's types, or None where sqlglot cannot type it
        (the statement is then sent as written)."""
        from sqlglot import exp
        from sqlglot.errors import SqlglotError
        from sqlglot.optimizer.annotate_types import annotate_types
        from sqlglot.optimizer.qualify import qualify
        from sqlglot.schema import MappingSchema

        copy = tree.copy()
        schema: dict[str, object] = {}
        # One flat namespace (sqlglot's schema wants one depth): shop.visitors -> personalroi_t0.
        for number, table in enumerate(list(copy.find_all(exp.Table))):
            columns = self._tables.get(_key(table))
            if columns is None:
                continue
            name = f"personalroi_t{number}"
            schema[name] = {c: _type(t) for c, t in columns.items()}
            alias = table.args.get("alias") or exp.TableAlias(this=exp.to_identifier(table.name))
            table.replace(exp.Table(this=exp.to_identifier(name), alias=alias))
        try:
            known = MappingSchema(schema, dialect="duckdb")
            qualified = qualify(
                copy, schema=known, dialect="duckdb", validate_qualify_columns=False
            )
            return annotate_types(qualified, schema=known, dialect="duckdb")
        except (SqlglotError, KeyError, ValueError):
            return None


def _key(table: exp.Table) -> str:
    return ".".join(p.name for p in table.parts).lower()


def _type(name: str) -> str:
    from sqlglot import exp
    from sqlglot.errors import SqlglotError

    try:
        exp.DataType.build(name, dialect="duckdb")
    except (SqlglotError, ValueError):
        return "UNKNOWN"
    return name


def _one_or_zero(value: exp.Expr) -> exp.Expr:
    from sqlglot import exp

    return exp.Case(
        ifs=[
            exp.If(this=value.copy(), true=exp.Literal.number(1)),
            exp.If(this=exp.Not(this=exp.paren(value.copy())), true=exp.Literal.number(0)),
        ]
    )
