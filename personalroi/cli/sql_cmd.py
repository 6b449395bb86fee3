"""`personalroi sql`: the aggregation query for a warehouse or Spark cluster."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from personalroi.cli.common import (
    ConfigOption,
    OutputOption,
    bundled_config,
    config_inputs,
    emit,
    refuse_inputs,
    user_errors,
)

ORDER = 60
HELP = """Print the SQL that reduces raw exports to per-arm sufficient statistics.

Run it where the data lives (DuckDB, BigQuery, Snowflake, Spark, Postgres), save
the result as CSV or Parquet and audit it with `units: {aggregated: FILE}`:
the numbers equal an audit of the raw rows. Table names default to the config's
file names (DuckDB: the files themselves); override with --table NAME=TABLE.

Example: personalroi sql -c configs/example.yaml --dialect bigquery --table units=shop.exp.visitors
"""


class Dialect(str, Enum):
    duckdb = "duckdb"
    bigquery = "bigquery"
    snowflake = "snowflake"
    spark = "spark"
    postgres = "postgres"


@user_errors
def sql(
    config: ConfigOption = None,
    dialect: Annotated[
        Dialect | None,
        typer.Option(
            "--dialect",
            "-d",
            help="SQL dialect to write [default: the config's engine, or duckdb].",
        ),
    ] = None,
    table: Annotated[
        list[str] | None,
        typer.Option(
            "--table",
            "-t",
            metavar="NAME=TABLE",
            help="NAME=TABLE: read 'units' or a source from this table (repeatable).",
        ),
    ] = None,
    output: OutputOption = None,
) -> None:
    from personalroi.config import load_config
    from personalroi.data.warehouse_sql import query_for_plan
    from personalroi.plan.compile import compile_plan

    path = Path(config or bundled_config())
    cfg = load_config(path)
    refuse_inputs(output, config_inputs(path, cfg))
    chosen = dialect.value if dialect else cfg.engine.kind
    emit(query_for_plan(compile_plan(cfg), chosen, table or []), output, no_color=True)


def register(app: typer.Typer) -> None:
    app.command("sql", help=HELP)(sql)
