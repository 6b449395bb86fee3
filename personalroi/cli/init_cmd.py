"""`personalroi init`: a starter config from a CSV's columns."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from personalroi.cli.common import QuietOption, note, refuse_inputs, user_errors, write_atomic

ORDER = 15
HELP = """Write a starter config for a units file, guessing each column's role.

Guesses id, arm (and the control), timestamp, segments, revenue-like, binary
and baseline columns from names and values, and says why in YAML comments.

Example: personalroi init exports/visitors.csv -o personalroi.yaml
"""


@user_errors
def init(
    data: Annotated[Path, typer.Argument(help="CSV or Parquet file, one row per unit.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Config file to write.")] = Path(
        "personalroi.yaml"
    ),
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing config.")] = False,
    quiet: QuietOption = False,
) -> None:
    from personalroi.config.starter import guess_roles, require_outcomes, starter_yaml
    from personalroi.data.profile import profile_columns
    from personalroi.errors import PersonalroiError

    refuse_inputs(output, [data])
    if output.exists() and not force:
        raise PersonalroiError(f"{output}: already exists; pass --force to overwrite it.")
    roles = guess_roles(profile_columns(data))
    require_outcomes(roles, str(data))
    folder = output.expanduser().resolve().parent
    relative = os.path.relpath(data.expanduser().resolve(), folder)
    write_atomic(output, starter_yaml(roles, Path(relative).as_posix(), data.name))
    todo = [r for r, v in (("id", roles.id), ("arm", roles.arm)) if v is None]
    note(
        f"wrote {output}: id {roles.id or '?'}, arm {roles.arm or '?'} "
        f"(control {roles.control or '?'}), {len(roles.dimensions)} segment column(s), "
        f"{len(roles.revenue) + len(roles.binary) + len(roles.other)} metric(s). "
        + (f"Fill in: {', '.join(todo)}. " if todo else "")
        + f"Next: personalroi validate -c {output}",
        quiet,
    )


def register(app: typer.Typer) -> None:
    app.command("init", help=HELP)(init)
