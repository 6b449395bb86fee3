"""`personalroi attribute` as markdown (channels x models) and tidy CSV (model, kind, name)."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from personalroi.i18n import t
from personalroi.report import numbers
from personalroi.report.attribution_view import model_name
from personalroi.report.csv_format import cell
from personalroi.report.markdown_text import pipe_table, text

if TYPE_CHECKING:
    from personalroi.document.attribution import AttributeJson, CreditsJson

PERSONALIZED_FLAGS = ("true", "false")


def personalized_label(flag: str) -> str:
    """'personalized touches' for "true", 'generic touches' for "false"."""
    return t(f"attribution_doc.touches_{flag}")


def title(doc: AttributeJson) -> str:
    return t(
        "attribution_doc.title",
        conversions=numbers.count(doc["conversions"]),
        total=numbers.fixed(doc["total_value"]),
    )


def spread(shares: list[float]) -> str:
    """How far the models disagree on the personalized share."""
    low, high = (numbers.pct(x, signed=False) for x in (min(shares), max(shares)))
    return t("attribution_doc.spread", low=low, high=high)


def credit(value: float, total: float) -> str:
    """'1,234.00 (12.3%)': a credited value and its share of the total."""
    return f"{numbers.fixed(value)} ({numbers.pct(value / total, signed=False)})"


def channels_in_order(models: dict[str, CreditsJson]) -> list[str]:
    """Every channel any model credits, in the order the models first name them."""
    channels: list[str] = []
    for credits in models.values():
        channels += [c for c in credits["channels"] if c not in channels]
    return channels


def render_attribution_markdown(doc: AttributeJson) -> str:
    models = doc["models"]
    names = list(models)
    total = doc["total_value"] or 1.0
    out = [f"## {title(doc)}", ""]
    rows = [
        [text(channel), *(numbers.fixed(models[n]["channels"].get(channel, 0.0)) for n in names)]
        for channel in channels_in_order(models)
    ]
    rows += [
        [
            f"**{personalized_label(flag)}**",
            *(credit(models[n]["personalized"][flag], total) for n in names),
        ]
        for flag in PERSONALIZED_FLAGS
    ]
    out += pipe_table([t("col.channel"), *(model_name(n) for n in names)], rows)
    out.append(spread([models[n]["personalized"]["true"] / total for n in names]))
    return "\n".join(out) + "\n"


def render_attribution_csv(doc: AttributeJson) -> str:
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
