"""`personalroi clv` as markdown (review docs, PR comments) and CSV (one row per arm)."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Literal, get_args

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
from personalroi.report.csv_format import cell
from personalroi.report.markdown_text import pipe_table, text

if TYPE_CHECKING:
    from personalroi.document.clv import ClvJson

# The arm's own keys (`ArmClvJson`) the CSV writes as they are, in its column order.
ArmColumn = Literal[
    "arm",
    "units",
    "customers",
    "repeat_rate",
    "purchase_frequency",
    "mean_days_between_purchases",
    "categories_per_customer",
    "revenue_per_customer",
    "historical_clv_per_unit",
    "expected_purchases",
    "expected_clv",
    "expected_clv_per_unit",
]
ARM_COLUMNS: tuple[ArmColumn, ...] = get_args(ArmColumn)


def render_clv_markdown(doc: ClvJson) -> str:
    out = [
        f"## {t('clv_doc.title_markdown', end=text(doc['observation_end']))}",
        "",
        t(
            "clv_doc.setup" if doc["control"] is not None else "clv_doc.setup_no_control",
            months=doc["horizon_months"],
            unit=label("time_unit", text(doc["time_unit"])),
            control=f"**{text(doc['control'])}**",
        ),
        "",
    ]
    rows = [
        [
            text(arm["arm"]),
            f"{numbers.count(arm['customers'])} / {numbers.count(arm['units'])}",
            "-" if arm["repeat_rate"] is None else numbers.pct(arm["repeat_rate"], signed=False),
            _num(arm["purchase_frequency"]),
            _num(arm["mean_days_between_purchases"], 1),
            _num(arm["revenue_per_customer"]),
            bgnbd_params(arm["bgnbd"], 3),
            gamma_gamma_params(arm["gamma_gamma"], 2),
            _num(arm["expected_clv_per_unit"]),
        ]
        for arm in doc["arms"]
    ]
    columns = ("arm", "customers_units", "repeat_rate", "orders_cust", "days_between",
            "revenue_cust", "bgnbd", "gamma_gamma", "future_clv_unit_plain")  # fmt: skip
    out += pipe_table([t(f"col.{key}") for key in columns], rows)
    if doc["comparisons"]:
        out += [f"### {t('clv_doc.vs_control', control=text(doc['control']))}", ""]
        rows = []
        for row in doc["comparisons"]:
            rows.append(
                [
                    text(row["metric"]),
                    text(row["arm"]),
                    _num(row["control_value"], 3),
                    _num(row["treatment_value"], 3),
                    lift_with_interval(row),
                    numbers.p_value(row["p_value"]),
                    text(method_cell(row)),
                ]
            )
        keys = ("metric", "arm", "control", "treatment", "abs_lift_ci", "p", "method")
        out += pipe_table([t(f"col.{key}") for key in keys], rows, left=2)
    out += [f"- ⚠️ {text(w)}" for w in say_all(doc.get("warning_phrases"), doc["warnings"])]
    return "\n".join(out).rstrip("\n") + "\n"


def render_clv_csv(doc: ClvJson) -> str:
    """One row per arm: history, both fitted models and the forecast (comparisons: JSON)."""
    columns = [
        *ARM_COLUMNS,
        *(f"bgnbd_{k}" for k in BGNBD),
        *(f"gamma_gamma_{k}" for k in GAMMA_GAMMA),
        "holdout_relative_error",
        "holdout_ok",
    ]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for arm in doc["arms"]:
        bg, gg, holdout = arm["bgnbd"], arm["gamma_gamma"], arm["holdout"]
        flat: dict[str, object] = {k: arm[k] for k in ARM_COLUMNS}
        flat.update({f"bgnbd_{k}": bg[k] if bg else None for k in BGNBD})
        flat.update({f"gamma_gamma_{k}": gg[k] if gg else None for k in GAMMA_GAMMA})
        flat["holdout_relative_error"] = holdout["relative_error"] if holdout else None
        flat["holdout_ok"] = holdout["ok"] if holdout else None
        writer.writerow([cell(flat[c]) for c in columns])
    return buffer.getvalue()
