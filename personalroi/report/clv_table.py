"""The terminal view of `personalroi clv`: per-arm history and forecast, then comparisons."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from personalroi.i18n import label, say_all, t
from personalroi.report import numbers
from personalroi.report.clv_cells import (
    BGNBD,
    GAMMA_GAMMA,
    bgnbd_params,
    gamma_gamma_params,
    lift_with_interval,
    method_cell,
)
from personalroi.report.clv_cells import num as _num

if TYPE_CHECKING:
    from personalroi.document.clv import ClvJson

ARM_KEYS = (
    "arm",
    "customers",
    "repeat_rate",
    "orders_cust",
    "days_between",
    "categories",
    "revenue_cust",
    "own_bgnbd",
    "own_gamma_gamma",
    "future_clv_cust",
    "future_clv_unit",
)
LEFT = ("arm", "own_bgnbd", "own_gamma_gamma")  # cells that read left: names, parameter lists
COMPARISON_KEYS = ("metric", "arm", "control", "treatment", "abs_lift_ci", "p", "reading",
                   "method")  # fmt: skip


def render_clv_table(doc: ClvJson) -> RenderableType:
    arms = Table(
        title=t(
            "clv_doc.title_terminal",
            end=doc["observation_end"],
            months=doc["horizon_months"],
            unit=label("time_unit", doc["time_unit"]),
        ),
        title_justify="left",
    )
    for key in ARM_KEYS:
        # "371 / 6 800": a Swedish thousands space must not become a line break.
        arms.add_column(
            t(f"col.{key}"), justify="left" if key in LEFT else "right", no_wrap=key == "customers"
        )
    sep = t("fmt.list_sep")  # "; " where the decimal mark is a comma
    for arm in doc["arms"]:
        bg, gg = arm["bgnbd"], arm["gamma_gamma"]
        arms.add_row(
            arm["arm"],
            f"{numbers.count(arm['customers'])} / {numbers.count(arm['units'])}",
            "-" if arm["repeat_rate"] is None else numbers.pct(arm["repeat_rate"], signed=False),
            _num(arm["purchase_frequency"]),
            _num(arm["mean_days_between_purchases"], 1),
            _num(arm["categories_per_customer"]),
            _num(arm["revenue_per_customer"]),
            sep.join(_num(bg[k], 3) for k in BGNBD) if bg else "-",
            sep.join(_num(gg[k], 2) for k in GAMMA_GAMMA) if gg else "-",
            _num(arm["expected_clv"]),
            _num(arm["expected_clv_per_unit"]),
        )
    pooled = doc.get("pooled")  # absent from documents written before the pooled fit
    note = t("clv_doc.pooled_note")
    if pooled and pooled["bgnbd"] and pooled["gamma_gamma"]:
        purchases = bgnbd_params(pooled["bgnbd"], 3)
        spend = gamma_gamma_params(pooled["gamma_gamma"], 2)
        note += f": BG/NBD {purchases}; Gamma-Gamma {spend}"
    parts: list[RenderableType] = [arms, Text(note, style="dim")]
    if doc["comparisons"]:
        table = Table(title=t("clv_doc.vs_control", control=doc["control"]), title_justify="left")
        for key in COMPARISON_KEYS:
            left = key in ("metric", "arm", "reading", "method")
            table.add_column(t(f"col.{key}"), justify="left" if left else "right")
        for row in doc["comparisons"]:
            table.add_row(
                row["metric"],
                row["arm"],
                _num(row["control_value"], 3),
                _num(row["treatment_value"], 3),
                lift_with_interval(row),
                numbers.p_value(row["p_value"]),
                label("reading", row["reading"]) if row.get("reading") else "",
                method_cell(row),
            )
        parts.append(table)
    said = say_all(doc.get("warning_phrases"), doc["warnings"])
    parts.extend(Text(f"{t('clv_doc.warning')}: {w}", style="yellow") for w in said)
    return Group(*parts)
