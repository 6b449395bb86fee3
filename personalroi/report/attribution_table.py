"""The terminal view of `personalroi attribute`: channels x models, then personalized share."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from personalroi.report.attribution_export import PERSONALIZED_LABELS, channels_in_order


def render_attribution_table(doc: dict[str, Any]) -> RenderableType:
    models = doc["models"]
    names = list(models)
    channels = channels_in_order(models)
    table = Table(
        title=f"Converted value credited per channel ({doc['conversions']:,} conversions, "
        f"{doc['total_value']:,.2f} in total)",
        title_justify="left",
    )
    table.add_column("channel")
    for name in names:
        table.add_column(name.replace("_", " "), justify="right")
    for channel in channels:
        table.add_row(channel, *(f"{models[n]['channels'].get(channel, 0.0):,.2f}" for n in names))
    total = doc["total_value"] or 1.0
    for flag, label in PERSONALIZED_LABELS:
        table.add_row(
            Text(label, style="bold"),
            *(
                f"{models[n]['personalized'][flag]:,.2f} "
                f"({models[n]['personalized'][flag] / total:.1%})"
                for n in names
            ),
        )
    shares = [models[n]["personalized"]["true"] / total for n in names]
    spread = Text(
        f"Personalized touches earn {min(shares):.1%} to {max(shares):.1%} of the value "
        "depending on the model: the spread is how much the ROI verdict leans on the rule.",
        style="dim",
    )
    return Group(table, spread)
