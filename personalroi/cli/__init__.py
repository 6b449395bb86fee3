"""The command line: one small module per command, wiring only.

Heavy libraries (pandas, scipy, duckdb) are imported inside the commands so
`personalroi --help` starts fast.
"""

from __future__ import annotations

import typer

from personalroi.cli import audit_cmd, sample_cmd

app = typer.Typer(
    name="personalroi",
    help="Prove, with honest statistics, whether website personalization pays off.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode=None,
)
app.command("audit", help=audit_cmd.HELP)(audit_cmd.audit)
app.command("sample", help=sample_cmd.HELP)(sample_cmd.sample)


def main() -> None:
    app()
