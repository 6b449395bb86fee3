"""`personalroi attribute`: multi-touch attribution of revenue to channels and personalization."""

from __future__ import annotations

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

ORDER = 45
HELP = """Credit converted revenue to channels and to personalized vs generic touchpoints.

Six models side by side: first touch, last touch, linear, time decay (half-life
from the config), position-based (40/20/40) and Markov chain removal effect, so
you see how much the verdict depends on the attribution rule.

Example: personalroi attribute -c configs/example.yaml --format json
"""


@user_errors
@memory_limited
def attribute(
    config: ConfigOption = None,
    format: DocumentFormatOption = DocumentFormat.table,
    output: OutputOption = None,
    quiet: QuietOption = False,
    no_color: NoColorOption = False,
    lang: LangOption = None,
    memory_limit: MemoryLimitOption = None,
) -> None:
    from personalroi.attribution.journeys import attribution_document
    from personalroi.cli.progress import scan_progress
    from personalroi.plan.compile import compile_plan
    from personalroi.report.json_format import clean

    path, cfg = section_config(
        config,
        output,
        "attribution",
        "attribution: {source: touchpoints, channel: channel, conversions: orders, value: amount}",
    )
    with scan_progress(quiet):
        doc = clean(attribution_document(compile_plan(cfg)))
    note(
        f"personalroi: {doc['conversions']:,} conversions and {doc['non_converting_paths']:,} "
        f"non-converting paths from {path}",
        quiet,
    )
    from personalroi.report import attribution_export as export
    from personalroi.report.attribution_table import render_attribution_table

    renderers = {
        DocumentFormat.table: render_attribution_table,
        DocumentFormat.markdown: export.render_attribution_markdown,
        DocumentFormat.csv: export.render_attribution_csv,
    }
    emit_document(doc, format, renderers, output, no_color, report_language(lang))


def register(app: typer.Typer) -> None:
    app.command("attribute", help=HELP)(attribute)
