"""The terminal view of `personalroi attribute`: channels x models, then personalized share."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from personalroi.i18n import t
from personalroi.report import numbers
from personalroi.report.attribution_export import (
    PERSONALIZED_FLAGS,
    channels_in_order,
    credit,
    personalized_label,
    spread,
    title,
)
from personalroi.report.attribution_view import model_name

if TYPE_CHECKING:
    from personalroi.document.attribution import AttributeJson


def render_attribution_table(doc: AttributeJson) -> RenderableType:
    models = doc["models"]
    names = list(models)
    channels = channels_in_order(models)
    table = Table(title=title(doc), title_justify="left")
    table.add_column(t("col.channel"))
    for name in names:
        table.add_column(model_name(name), justify="right")
    for channel in channels:
        table.add_row(
            channel, *(numbers.fixed(models[n]["channels"].get(channel, 0.0)) for n in names)
        )
    total = doc["total_value"] or 1.0
    for flag in PERSONALIZED_FLAGS:
        table.add_row(
            Text(personalized_label(flag), style="bold"),
            *(credit(models[n]["personalized"][flag], total) for n in names),
        )
    shares = [models[n]["personalized"]["true"] / total for n in names]
    return Group(table, Text(spread(shares), style="dim"))
