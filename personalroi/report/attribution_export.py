"""`personalroi attribute` as markdown (channels x models) and tidy CSV (model, kind, name)."""

from __future__ import annotations

import csv
import io
from typing import Any

from personalroi.report.csv_format import cell
from personalroi.report.markdown import _table as pipe_table
from personalroi.report.markdown import text

PERSONALIZED_LABELS = (("true", "personalized touches"), ("false", "generic touches"))


def channels_in_order(models: dict[str, Any]) -> list[str]:
    """Every channel any model credits, in the order the models first name them."""
    channels: list[str] = []
    for credits in models.values():
        channels += [c for c in credits["channels"] if c not in channels]
    return channels


def render_attribution_markdown(doc: dict[str, Any]) -> str:
    models = doc["models"]
    names = list(models)
    total = doc["total_value"] or 1.0
    out = [
        f"## Converted value credited per channel ({doc['conversions']:,} conversions, "
        f"{doc['total_value']:,.2f} in total)",
        "",
    ]
    rows = [
        [text(channel), *(f"{models[n]['channels'].get(channel, 0.0):,.2f}" for n in names)]
        for channel in channels_in_order(models)
    ]
    rows += [
        [
            f"**{label}**",
            *(
                f"{models[n]['personalized'][flag]:,.2f} "
                f"({models[n]['personalized'][flag] / total:.1%})"
                for n in names
            ),
        ]
        for flag, label in PERSONALIZED_LABELS
    ]
    out += pipe_table(["channel", *(n.replace("_", " ") for n in names)], rows)
    shares = [models[n]["personalized"]["true"] / total for n in names]
    out.append(
        f"Personalized touches earn {min(shares):.1%} to {max(shares):.1%} of the value "
        "depending on the model: the spread is how much the ROI verdict leans on the rule."
    )
    return "\n".join(out) + "\n"


def render_attribution_csv(doc: dict[str, Any]) -> str:
    """Long form: one row per model x channel, then per model x personalized flag."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["model", "kind", "name", "value"])
    for model, credits in doc["models"].items():
        for channel, value in credits["channels"].items():
            writer.writerow([cell(model), "channel", cell(channel), cell(value)])
        for flag, value in credits["personalized"].items():
            writer.writerow([cell(model), "personalized", flag, cell(value)])
    return buffer.getvalue()
