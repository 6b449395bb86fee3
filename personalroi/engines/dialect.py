"""DuckDB SQL in another engine's dialect: sqlglot, plus the few spellings it leaves wrong."""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from personalroi.errors import PersonalroiError

# sqlglot logs what a dialect lacks (IGNORE NULLS, a bare RESET) as warnings on stderr;
# the rewrites below handle what matters, and a user's terminal is no place for them.
logging.getLogger("sqlglot").setLevel(logging.ERROR)

if TYPE_CHECKING:
    from sqlglot import exp

DIALECTS = ("duckdb", "bigquery", "snowflake", "spark", "postgres")


def to_dialect(sql: str, dialect: str) -> str:
    """Transpile DuckDB SQL to `dialect`, pretty-printed, ending with a semicolon."""
    import sqlglot

    if dialect not in DIALECTS:
        choices = ", ".join(DIALECTS)
        raise PersonalroiError(f"unknown SQL dialect {dialect!r}; choose one of {choices}.")
    parsed = sqlglot.parse_one(sql, read="duckdb")
    tree = portable_tree(parsed, dialect)
    if dialect == "snowflake":
        _keep_output_names(tree, parsed)
    return tree.sql(dialect=dialect, pretty=True) + ";\n"


def transpile_tree(tree: exp.Expr, dialect: str, pretty: bool = False) -> str:
    """A parsed DuckDB statement written in `dialect`."""
    return portable_tree(tree, dialect).sql(dialect=dialect, pretty=pretty)


def portable_tree(tree: exp.Expr, dialect: str) -> exp.Expr:
    """A copy of the parsed DuckDB statement, rewritten where `dialect` spells it otherwise."""
    from sqlglot import exp

    if dialect == "duckdb":
        return tree
    tree = tree.copy()
    for quantile in list(tree.find_all(exp.PercentileCont)):
        _portable_quantile(quantile, dialect)
    for number, derived in enumerate(tree.find_all(exp.Subquery)):
        # DuckDB names a derived table for you; PostgreSQL before 16 and others need a name.
        if not derived.alias and isinstance(derived.parent, (exp.From, exp.Join)):
            derived.set("alias", exp.TableAlias(this=exp.to_identifier(f"derived_{number}")))
    for call in list(tree.find_all(exp.Anonymous)):
        if str(call.this).lower() == "isfinite":
            call.replace(_finite(call.expressions[0]))
    for group in tree.find_all(exp.Group):
        if group.args.get("all"):
            _spell_out_group_by_all(group)
    for window in list(tree.find_all(exp.Window)):
        _portable_row_number(window, dialect)
    if dialect == "bigquery":
        # NUMERIC holds 9 decimals; the exact sums (attribution's DECIMAL(38, 12)) need
        # BIGNUMERIC, which holds 38.
        for cast in tree.find_all(exp.Cast):
            scale = cast.to.expressions[1:2] if cast.to.is_type("decimal") else []
            if scale and int(scale[0].name) > 9:
                cast.set("to", exp.DataType.build("BIGDECIMAL"))
        # BigQuery's WEEK starts on Sunday; DuckDB's (and PostgreSQL's, Spark's,
        # Snowflake's default) on Monday, as ISO weeks do.
        for trunc in tree.find_all(exp.DateTrunc, exp.TimestampTrunc, exp.DatetimeTrunc):
            unit = trunc.args.get("unit")
            if unit is not None and unit.name.upper() == "WEEK":
                trunc.set("unit", exp.var("ISOWEEK"))
    if dialect != "postgres":
        # WITH x AS MATERIALIZED (...): a hint only DuckDB and PostgreSQL read.
        for cte in tree.find_all(exp.CTE):
            cte.set("materialized", None)
    if dialect == "snowflake":
        _snowflake_names(tree)
    if dialect == "postgres":
        # ANY_VALUE arrived in PostgreSQL 16; the data layer uses it on values that are
        # equal within the group, so any aggregate that picks one of them does.
        for pick in list(tree.find_all(exp.AnyValue)):
            outer = pick.parent if isinstance(pick.parent, exp.IgnoreNulls) else pick
            outer.replace(exp.Min(this=pick.this.copy()))
    return tree


# A name DuckDB SQL writes in lower case that Snowflake folds to upper case unquoted.
PLAIN_LOWER = re.compile(r"[a-z_][a-z0-9_$]*")


def _snowflake_names(tree: exp.Expr) -> None:
    """Plain lower-case names as Snowflake stores them unquoted: quoted upper case.

    The data layer quotes column names ("visitor_id"); in Snowflake a quoted name is
    case-sensitive and a table created the usual way (unquoted) has VISITOR_ID, so
    "visitor_id" would not be found. Quoted upper case finds it, is safe for names
    that are keywords (DATE), and is what the names of the SQL's own aliases and
    CTEs become too, so every reference still matches. Names with capitals or other
    characters were chosen by the user: they stay as written.
    """
    from sqlglot import exp

    for name in tree.find_all(exp.Identifier):
        if PLAIN_LOWER.fullmatch(name.this):
            name.set("this", name.this.upper())
            name.set("quoted", True)


def _keep_output_names(tree: exp.Expr, original: exp.Expr) -> None:
    """The query's result columns aliased with the names the DuckDB SQL gave them, so
    that `personalroi sql`'s output, saved from Snowflake, has the column names an
    aggregated audit reads (Snowflake would return ARM, REVENUE_PER_VISITOR__N). The
    ORDER BY keeps naming the grouped input columns, which hold the same values."""
    from sqlglot import exp

    if not isinstance(tree, exp.Select) or not isinstance(original, exp.Select):
        return
    projections = []
    for item, before in zip(tree.expressions, original.expressions, strict=True):
        name = before.alias_or_name
        if isinstance(item, exp.Star) or not PLAIN_LOWER.fullmatch(name or ""):
            projections.append(item)
            continue
        inner = item.this if isinstance(item, exp.Alias) else item
        projections.append(exp.alias_(inner, exp.to_identifier(name, quoted=True)))
    tree.set("expressions", projections)


# Spark and Snowflake refuse ROW_NUMBER() without ORDER BY; a unique increasing id
# serves the same purpose (a tie-break in table order), without moving every row
# into one partition as ORDER BY a constant would on Spark.
ROW_IDS = {"spark": "MONOTONICALLY_INCREASING_ID", "snowflake": "SEQ8"}


def _portable_row_number(window: exp.Window, dialect: str) -> None:
    """`ROW_NUMBER() OVER ()` (the file's row order) as the engine's row id."""
    from sqlglot import exp

    # OVER w names a window defined in the WINDOW clause: not bare, whatever it holds.
    named = window.args.get("alias") is not None
    bare = not named and not window.args.get("partition_by") and not window.args.get("order")
    if dialect in ROW_IDS and bare and isinstance(window.this, exp.RowNumber):
        window.replace(exp.Anonymous(this=ROW_IDS[dialect], expressions=[]))


def _spell_out_group_by_all(group: exp.Group) -> None:
    """GROUP BY ALL (DuckDB, Snowflake, Spark 3.4+) as the positions of the select's
    non-aggregate items, which every engine reads. Constants are left out: grouping by
    one changes nothing, and PostgreSQL types a grouped NULL as text, which a UNION
    with a boolean column then refuses."""
    from sqlglot import exp

    select = group.parent
    assert isinstance(select, exp.Select)
    positions = [
        exp.Literal.number(i)
        for i, item in enumerate(select.expressions, start=1)
        if not item.find(exp.AggFunc)
        and not isinstance(item.unalias(), (exp.Null, exp.Literal, exp.Boolean))
    ]
    group.set("all", None)
    group.set("expressions", positions)


def _finite(value: exp.Expr) -> exp.Expr:
    """isfinite(x) where only DuckDB has it: |x| < inf is false for infinities and for
    NaN, which PostgreSQL, Spark and Snowflake order above every number and
    BigQuery never calls smaller."""
    from sqlglot import exp

    infinity = exp.cast(exp.Literal.string("inf"), exp.DataType.Type.DOUBLE)
    return exp.paren(exp.LT(this=exp.Abs(this=value.copy()), expression=infinity))


def _portable_quantile(node: exp.PercentileCont, dialect: str) -> None:
    """Exact continuous quantile, spelled as each engine accepts it.

    sqlglot writes PERCENTILE_CONT(x, q) for BigQuery and Spark, where it is
    analytic-only (BigQuery) or absent (Spark < 3.3): use the window form on
    BigQuery (the caps CTE then keeps one row) and `percentile` on Spark.
    """
    from sqlglot import exp

    if dialect == "spark":
        node.replace(exp.Anonymous(this="PERCENTILE", expressions=[node.this, node.expression]))
    elif dialect == "bigquery":
        target: exp.Expr = node
        if isinstance(node.parent, exp.Filter):
            # BigQuery has no FILTER (WHERE); sqlglot rewrites it into the argument
            # for aggregates, not for the analytic form: IF(cond, x, NULL) here.
            condition = node.parent.expression.this
            node.set("this", exp.If(this=condition.copy(), true=node.this, false=exp.null()))
            target = node.parent
        select = target.find_ancestor(exp.Select)
        target.replace(exp.Window(this=node.copy()))
        if select is not None and not select.args.get("limit"):
            select.limit(1, copy=False)
