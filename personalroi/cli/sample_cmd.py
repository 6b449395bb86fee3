"""`personalroi sample`: write a synthetic experiment with known true effects."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from personalroi.cli.common import QuietOption, note, user_errors, write_atomic

ORDER = 90
HELP = """Generate a synthetic experiment (units, orders, sessions, NPS) with known true effects.

Writes CSV files and a ready-to-run personalroi.yaml into --out, and prints the
true effects so you can check that the audit finds them.

Example: personalroi sample --out demo --units 50000 --seed 1
         personalroi audit -c demo/personalroi.yaml
"""


@user_errors
def sample(
    out: Annotated[Path, typer.Option("--out", help="Folder to write into (created if needed).")],
    units: Annotated[int, typer.Option(min=100, help="Number of visitors.")] = 20_000,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 7,
    quiet: QuietOption = False,
) -> None:
    from personalroi.data.progress import connect
    from personalroi.data.sample import TRUE_EFFECTS, config_yaml, generate_chunks
    from personalroi.data.sample_csv import append_csv

    if out.exists() and not out.is_dir():
        raise typer.BadParameter(f"{out} exists and is not a folder", param_hint="--out")
    out.mkdir(parents=True, exist_ok=True)
    names = ("visitors", "orders", "sessions", "nps", "touchpoints")
    counts = dict.fromkeys(names, 0)
    # Written chunk by chunk into temp files, renamed at the end: memory stays flat at
    # 10 M units and a killed run leaves earlier files untouched.
    temps = {name: out / f".{name}.csv.tmp" for name in names}
    con = connect()
    try:
        for temp in temps.values():
            temp.unlink(missing_ok=True)  # left by a killed run: append_csv only appends
        for index, data in enumerate(generate_chunks(units, seed)):
            for name, columns in data.tables().items():
                append_csv(con, columns, temps[name], header=index == 0)
                counts[name] += columns["visitor_id"].size
        for name in names:
            os.replace(temps[name], out / f"{name}.csv")
    finally:
        for temp in temps.values():
            temp.unlink(missing_ok=True)
    write_atomic(out / "personalroi.yaml", config_yaml("", units))
    note(
        f"wrote {units:,} visitors, {counts['orders']:,} orders, {counts['sessions']:,} "
        f"sessions, {counts['nps']:,} survey answers to {out}/",
        quiet,
    )
    typer.echo("true relative effects vs control (NPS in points):")
    for arm, effects in TRUE_EFFECTS.items():
        typer.echo(f"  {arm}: " + ", ".join(f"{k} {v:+g}" for k, v in effects.items()))


def register(app: typer.Typer) -> None:
    app.command("sample", help=HELP)(sample)
