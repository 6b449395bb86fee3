"""The output formats, as an enum with exhaustive dispatch."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # rich costs ~25 ms to import; `--help` must stay fast
    from rich.console import RenderableType


class Format(str, Enum):
    table = "table"
    json = "json"


def render(result: dict[str, Any], fmt: Format) -> RenderableType | str:
    """A rich renderable for `table`, text for every other format."""
    if fmt is Format.table:
        from personalroi.report.table import render_table

        return render_table(result)
    if fmt is Format.json:
        from personalroi.report.json_format import render_json

        return render_json(result)
    raise AssertionError(f"unhandled format {fmt}")  # pragma: no cover
