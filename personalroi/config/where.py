"""Row filters (`units.where`, `sources.<name>.where`): one boolean SQL expression over a
file's columns, parsed with sqlglot and held to a whitelist.

The filter reaches DuckDB (and, transpiled, a warehouse) as SQL text, so only what
cannot read other tables, call unknown code or end the statement is let through:
columns of that file, literals, comparisons, AND/OR/NOT, arithmetic, CASE/IF, casts
and a few scalar functions. The text sent on is regenerated from the parsed tree
(every column quoted), never the user's string.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlglot

FUNCTIONS = (
    "lower, upper, length, trim, substring, abs, round, coalesce, greatest, least, "
    "CAST and TRY_CAST"
)


@functools.cache
def _allowed() -> tuple[type, ...]:
    from sqlglot import exp

    return (
        exp.Column,
        exp.Identifier,
        exp.Literal,
        exp.Boolean,
        exp.Null,
        exp.Paren,
        exp.Tuple,  # the list of IN (...); subqueries are refused on their own
        # comparison and boolean logic
        exp.EQ,
        exp.NEQ,
        exp.GT,
        exp.GTE,
        exp.LT,
        exp.LTE,
        exp.NullSafeEQ,
        exp.NullSafeNEQ,
        exp.Is,
        exp.In,
        exp.Between,
        exp.Like,
        exp.ILike,
        exp.And,
        exp.Or,
        exp.Not,
        # arithmetic and text
        exp.Add,
        exp.Sub,
        exp.Mul,
        exp.Div,
        exp.Mod,
        exp.Neg,
        exp.DPipe,
        exp.Case,
        exp.If,
        exp.Cast,
        exp.TryCast,
        exp.DataType,
        exp.DataTypeParam,
        # scalar functions
        exp.Lower,
        exp.Upper,
        exp.Length,
        exp.Trim,
        exp.Substring,
        exp.Abs,
        exp.Round,
        exp.Coalesce,
        exp.Greatest,
        exp.Least,
    )


@functools.cache
def parse_where(text: str) -> sqlglot.exp.Expr:
    """The filter's parse tree; ValueError saying what is not allowed."""
    import sqlglot
    from sqlglot import exp
    from sqlglot.tokens import TokenType

    try:
        tokens = sqlglot.Dialect.get_or_raise("duckdb").tokenize(text)
        if any(t.token_type == TokenType.SEMICOLON for t in tokens):
            raise ValueError("one expression only: ';' is not allowed")
        trees = [t for t in sqlglot.parse(text, read="duckdb") if t is not None]
    except sqlglot.errors.SqlglotError as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ValueError(f"not a SQL expression: {first}") from None
    if len(trees) != 1:
        raise ValueError("one boolean SQL expression, e.g. \"country = 'DE'\"")
    tree = trees[0]
    for node in tree.walk():
        if isinstance(node, exp.Column) and (node.table or node.args.get("db")):
            raise ValueError(
                f"{node.sql()}: a table reference; name the file's columns only, unqualified"
            )
        if isinstance(node, exp.Subquery | exp.Select | exp.Query):
            raise ValueError("subqueries are not allowed in a row filter")
        if not isinstance(node, _allowed()):
            what = node.sql(dialect="duckdb")[:60] or type(node).__name__
            raise ValueError(
                f"`{what}` is not allowed in a row filter: use the file's columns, literals, "
                f"comparisons, AND/OR/NOT, arithmetic, CASE and {FUNCTIONS}"
            )
    return tree


def where_columns(text: str) -> list[str]:
    """The column names the filter reads, in order of appearance."""
    from sqlglot import exp

    names = [c.name for c in parse_where(text).find_all(exp.Column)]
    return list(dict.fromkeys(names))


def where_sql(text: str, columns: dict[str, str] | None = None) -> str:
    """DuckDB SQL of the filter with every column quoted; `columns` maps the names as
    written to the file's own spelling (DuckDB matches names regardless of case)."""
    from sqlglot import exp

    tree = parse_where(text).copy()
    for column in tree.find_all(exp.Column):
        name = (columns or {}).get(column.name, column.name)
        column.set("this", exp.Identifier(this=name, quoted=True))
    return tree.sql(dialect="duckdb", comments=False)
