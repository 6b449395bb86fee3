"""`personalroi sql`: the by-hand queries for a warehouse or Spark cluster, one per section."""

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
HELP = """Print the SQL that reduces raw exports to the audit's small tables, one per section.

Each section is one labelled statement: stats (per-arm sufficient statistics),
checks (what the data-quality checks count), clv (the buyers' purchase
histories, with a clv section), trend (by cohort and week, with
units.timestamp), moments (the ROI's joint interval, with a mean or binary
revenue metric), engagement (with an engagement section) and attribution (with
an attribution section). Run each where the data lives (DuckDB, BigQuery,
Snowflake, Spark, Postgres), save its result as CSV or Parquet and audit them
with `units: {aggregated: {stats: FILE, checks: FILE, clv: FILE, trend: FILE,
moments: FILE, engagement: FILE, attribution: FILE}}`: the numbers and checks
equal an audit of the raw rows. Table names default to the config's file names
(DuckDB: the files themselves); override with --table NAME=TABLE.

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
    section: Annotated[
        str | None,
        typer.Option(
            "--section",
            "-s",
            metavar="NAME",
            help="Print only this section's statement (stats, checks, clv, trend, moments, "
            "engagement, attribution).",
        ),
    ] = None,
    output: OutputOption = None,
) -> None:
    from personalroi.audit.section_sql import printed
    from personalroi.config import load_config
    from personalroi.plan.compile import compile_plan

    path = Path(config or bundled_config())
    cfg = load_config(path)
    refuse_inputs(output, config_inputs(path, cfg))
    chosen = dialect.value if dialect else cfg.engine.kind
    text = printed(cfg, compile_plan(cfg), chosen, table or [], only=section)
    emit(text, output, no_color=True)


def register(app: typer.Typer) -> None:
    app.command("sql", help=HELP)(sql)
