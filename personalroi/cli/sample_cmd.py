"""`personalroi sample`: write a synthetic experiment with known true effects."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from personalroi.cli.common import QuietOption, note, user_errors, write_atomic

ORDER = 90
HELP = """Generate a synthetic experiment (visitors, orders, sessions, NPS, touches), known effects.

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
    from personalroi.data.sample import TRUE_EFFECTS, config_yaml, generate

    if out.exists() and not out.is_dir():
        raise typer.BadParameter(f"{out} exists and is not a folder", param_hint="--out")
    out.mkdir(parents=True, exist_ok=True)
    data = generate(units, seed)
    for name, frame in data.tables().items():
        write_atomic(out / f"{name}.csv", frame.to_csv(index=False))
    write_atomic(out / "personalroi.yaml", config_yaml("", units))
    note(
        f"wrote {units:,} visitors, {len(data.orders):,} orders, {len(data.sessions):,} "
        f"sessions, {len(data.nps):,} survey answers to {out}/",
        quiet,
    )
    typer.echo("true relative effects vs control (NPS in points):")
    for arm, effects in TRUE_EFFECTS.items():
        typer.echo(f"  {arm}: " + ", ".join(f"{k} {v:+g}" for k, v in effects.items()))


def register(app: typer.Typer) -> None:
    app.command("sample", help=HELP)(sample)
