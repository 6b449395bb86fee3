"""`personalroi clv`: customer lifetime value per arm, historical and forecast."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from personalroi.cli.common import (
    ConfigOption,
    DocumentFormatOption,
    LangOption,
    MemoryLimitOption,
    NoColorOption,
    OutputOption,
    QuietOption,
    emit_document,
    memory_limited,
    note,
    report_language,
    section_config,
    user_errors,
)
from personalroi.report.formats import DocumentFormat

if TYPE_CHECKING:
    from personalroi.document.clv import ClvJson

ORDER = 40
HELP = """Customer lifetime value per arm: purchase history and a BG/NBD + Gamma-Gamma forecast.

Reads the orders source named in the config's clv section; compares repeat rate,
purchase frequency, days between purchases, category expansion and revenue with
control, fits both models per arm and checks them on a holdout (the last third
of the window), warning where the forecast misses.

Example: personalroi clv -c configs/example.yaml --format json
"""


@user_errors
@memory_limited
def clv(
    config: ConfigOption = None,
    format: DocumentFormatOption = DocumentFormat.table,
    output: OutputOption = None,
    seed: Annotated[int, typer.Option(help="Seed for the bootstrap.")] = 0,
    quiet: QuietOption = False,
    no_color: NoColorOption = False,
    lang: LangOption = None,
    memory_limit: MemoryLimitOption = None,
) -> None:
    from personalroi.clv.document import clv_document
    from personalroi.clv.run import run_clv
    from personalroi.plan.compile import compile_plan
    from personalroi.report.json_format import clean

    path, cfg = section_config(
        config, output, "clv", "clv: {source: orders, amount: amount, time_unit: week}"
    )
    note(f"personalroi: fitting BG/NBD and Gamma-Gamma per arm ({path})", quiet)
    plan = compile_plan(cfg)
    doc: ClvJson = clean(clv_document(run_clv(plan, cfg.economics.horizon_months, seed=seed)))
    from personalroi.report import clv_export as export
    from personalroi.report.clv_table import render_clv_table

    renderers = {
        DocumentFormat.table: render_clv_table,
        DocumentFormat.markdown: export.render_clv_markdown,
        DocumentFormat.csv: export.render_clv_csv,
    }
    emit_document(doc, format, renderers, output, no_color, report_language(lang))


def register(app: typer.Typer) -> None:
    app.command("clv", help=HELP)(clv)
