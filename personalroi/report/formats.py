"""The output formats, as an enum with exhaustive dispatch."""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import TYPE_CHECKING

from personalroi.i18n import Lang, using

if TYPE_CHECKING:  # rich costs ~25 ms to import; `--help` must stay fast
    from rich.console import RenderableType

    from personalroi.document import AuditJson
    from personalroi.document.history import HistoryEntryJson


class Format(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"
    html = "html"


class DocumentFormat(str, Enum):
    """Formats of the single-purpose commands (`clv`, `attribute`): no HTML report."""

    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"


def render(
    result: AuditJson,
    fmt: Format,
    history: Sequence[HistoryEntryJson] = (),
    lang: Lang = Lang.en,
) -> RenderableType | str:
    """A rich renderable for `table`, text for every other format.

    Table, markdown and HTML are in `lang`; JSON and CSV are for machines and stay English
    whatever `lang` says (keys, headers, the CSV's headline comment). `history` (earlier
    audits of the experiment, oldest first) feeds the HTML trend chart.
    """
    with using(lang if fmt in (Format.table, Format.markdown, Format.html) else Lang.en):
        return _render(result, fmt, history)


def _render(
    result: AuditJson, fmt: Format, history: Sequence[HistoryEntryJson]
) -> RenderableType | str:
    if fmt is Format.table:
        from personalroi.report.table import render_table

        return render_table(result)
    if fmt is Format.json:
        from personalroi.report.json_format import render_json

        return render_json(result)
    if fmt is Format.markdown:
        from personalroi.report.markdown import render_markdown

        return render_markdown(result)
    if fmt is Format.csv:
        from personalroi.report.csv_format import render_csv

        return render_csv(result)
    if fmt is Format.html:
        from personalroi.report.html import render_html

        return render_html(result, history)
    raise AssertionError(f"unhandled format {fmt}")  # pragma: no cover
