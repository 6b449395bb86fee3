"""The terminal view of `personalroi clv`: per-arm history and forecast, then comparisons."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from personalroi.report import numbers


def _num(value: Any, digits: int = 2) -> str:
    return "-" if value is None else f"{value:,.{digits}f}"


def render_clv_table(doc: dict[str, Any]) -> RenderableType:
    unit = doc["time_unit"]
    arms = Table(
        title=f"Lifetime value per arm (orders to {doc['observation_end']}; forecast over "
        f"{doc['horizon_months']} months, fitted in {unit}s)",
        title_justify="left",
    )
    for col in (
        "arm",
        "customers",
        "repeat rate",
        "orders/cust.",
        "days between",
        "categories",
        "revenue/cust.",
        "own BG/NBD r, alpha, a, b",
        "own Gamma-Gamma p, q, v",
        "future CLV/cust.*",
        "future CLV/unit*",
    ):
        arms.add_column(col, justify="left" if col == "arm" or "," in col else "right")
    for arm in doc["arms"]:
        bg, gg = arm["bgnbd"], arm["gamma_gamma"]
        arms.add_row(
            arm["arm"],
            f"{arm['customers']:,} / {arm['units']:,}",
            "-" if arm["repeat_rate"] is None else f"{arm['repeat_rate']:.1%}",
            _num(arm["purchase_frequency"]),
            _num(arm["mean_days_between_purchases"], 1),
            _num(arm["categories_per_customer"]),
            _num(arm["revenue_per_customer"]),
            ", ".join(_num(bg[k], 3) for k in ("r", "alpha", "a", "b")) if bg else "-",
            ", ".join(_num(gg[k], 2) for k in ("p", "q", "v")) if gg else "-",
            _num(arm["expected_clv"]),
            _num(arm["expected_clv_per_unit"]),
        )
    pooled = doc["pooled"]
    note = "* forecast under the prior pooled over arms"
    if pooled["bgnbd"] and pooled["gamma_gamma"]:
        bg, gg = pooled["bgnbd"], pooled["gamma_gamma"]
        note += (
            f": BG/NBD {', '.join(f'{k} {_num(bg[k], 3)}' for k in ('r', 'alpha', 'a', 'b'))}; "
            f"Gamma-Gamma {', '.join(f'{k} {_num(gg[k], 2)}' for k in ('p', 'q', 'v'))}"
        )
    parts: list[RenderableType] = [arms, Text(note, style="dim")]
    if doc["comparisons"]:
        table = Table(title=f"vs control {doc['control']}", title_justify="left")
        for col in ("metric", "arm", "control", "treatment", "abs. lift [CI]", "p", "reading",
                    "method"):  # fmt: skip
            table.add_column(
                col, justify="left" if col in ("metric", "arm", "reading", "method") else "right"
            )
        for row in doc["comparisons"]:
            ci = row["absolute_ci"]
            lift = "-" if row["absolute_lift"] is None else f"{row['absolute_lift']:+,.3f}"
            interval = "" if ci is None else f" [{ci[0]:+,.3f}, {ci[1]:+,.3f}]"
            table.add_row(
                row["metric"],
                row["arm"],
                _num(row["control_value"], 3),
                _num(row["treatment_value"], 3),
                lift + interval,
                numbers.p_value(row["p_value"]),
                row.get("reading", ""),
                row["method"] if row["code"] == "ok" else f"{row['code']}: {row['explanation']}",
            )
        parts.append(table)
    parts.extend(Text(f"warning: {w}", style="yellow") for w in doc["warnings"])
    return Group(*parts)
