"""`personalroi report`: render a saved JSON result without the data."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from personalroi.cli.common import (
    FormatOption,
    LangOption,
    NoColorOption,
    OutputOption,
    emit,
    refuse_inputs,
    report_language,
    user_errors,
)
from personalroi.report.formats import Format

ORDER = 60
HELP = """Render a saved JSON result (from `audit --format json`) as table, markdown, CSV or HTML.

The data is not needed: the result holds everything the report shows. Use - to read stdin.

Example: personalroi report result.json --format html -o report.html

A saved result re-renders in any language: personalroi report result.json --lang sv
"""


@user_errors
def report(
    result: Annotated[Path, typer.Argument(help="JSON result file, or - for stdin.")],
    format: FormatOption = Format.table,
    output: OutputOption = None,
    no_color: NoColorOption = False,
    lang: LangOption = None,
) -> None:
    from personalroi.report.saved import parse_result, read_result, render_saved

    stdin = str(result) == "-"
    refuse_inputs(output, [] if stdin else [result])
    where = "<stdin>" if stdin else str(result)
    data = parse_result(sys.stdin.read(), where) if stdin else read_result(result)
    emit(render_saved(data, format, where, lang=report_language(lang)), output, no_color)


def register(app: typer.Typer) -> None:
    app.command("report", help=HELP)(report)
