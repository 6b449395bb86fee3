"""`personalroi validate`: every problem in a config and its data, at once."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from personalroi.cli.common import (
    EXIT_USAGE,
    ConfigOption,
    QuietOption,
    bundled_config,
    note,
    user_errors,
)

ORDER = 20
HELP = """Check a config and the data it names; report every problem at once.

Each problem names the config line and key, and for data the file, row and
column. Exit 0 when all is well, 2 when anything needs fixing.

Example: personalroi validate -c configs/example.yaml
"""


@user_errors
def validate(
    config: ConfigOption = None,
    data: Annotated[
        bool, typer.Option("--data/--no-data", help="Also check the data files (default: yes).")
    ] = True,
    quiet: QuietOption = False,
) -> None:
    from personalroi.config.load import check_config, format_problems, locate

    path = Path(config or bundled_config())
    cfg, problems = check_config(path)
    checked = "config"
    if cfg is not None and data:
        from personalroi.data.preflight import data_problems
        from personalroi.plan.compile import compile_plan

        for found in data_problems(compile_plan(cfg)):
            problems.append(f"{locate(path, found.key)}: {found.message}")
        checked = f"config and {1 + len(cfg.sources)} data file(s)"
    if problems:
        message = format_problems(
            path, problems, "the config and its data" if cfg else "the config"
        )
        if cfg is None and data:
            message += "\n  (the data is checked once the config is valid)"
        typer.echo(f"personalroi: error: {message}", err=True)
        raise typer.Exit(EXIT_USAGE)
    assert cfg is not None
    note(
        f"{path}: ok: {checked} checked; {len(cfg.metrics)} metrics, {len(cfg.sources)} sources.",
        quiet,
    )


def register(app: typer.Typer) -> None:
    app.command("validate", help=HELP)(validate)
