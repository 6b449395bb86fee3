"""The command line: one small module per command (`*_cmd.py`), wiring only.

Each command module defines `ORDER` (its place in --help) and `register(app)`.
Heavy libraries (pandas, scipy, duckdb) are imported inside the commands so
`personalroi --help` starts fast.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path

import typer

app = typer.Typer(
    name="personalroi",
    help="Prove, with honest statistics, whether website personalization pays off.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        from personalroi import __version__

        typer.echo(f"personalroi {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: bool = typer.Option(
        False, "--version", help="Print the version and exit.", callback=_version, is_eager=True
    ),
) -> None:
    """Prove, with honest statistics, whether website personalization pays off."""


def _register_commands() -> None:
    # A directory listing, not pkgutil (which costs ~35 ms to import at every start).
    modules = [
        importlib.import_module(f"{__name__}.{path.stem}")
        for path in Path(__file__).parent.glob("*_cmd.py")
    ]
    for module in sorted(modules, key=lambda m: (m.ORDER, m.__name__)):
        module.register(app)


_register_commands()


# OpenBLAS (numpy's and scipy's wheels), MKL (some conda builds), and OpenMP builds of
# either.
BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "OMP_NUM_THREADS")


def main() -> None:
    from personalroi.cli.common import exit_cleanly_on_sigterm

    # One BLAS thread, whatever the environment says: a dot product over 50 k values or
    # more splits across BLAS threads and so adds in another order (the CLV history sums,
    # the one-step bootstrap), and the same --seed must give the same JSON everywhere.
    # Threads would not pay either: the matrices here have a few columns, and a second
    # OpenBLAS thread cost the 10 k-unit audit 0.4 CPU s of spinning. BLAS reads these
    # once, when numpy loads, which no import above does.
    for blas_threads in BLAS_THREAD_VARIABLES:
        os.environ[blas_threads] = "1"

    exit_cleanly_on_sigterm()
    app()
