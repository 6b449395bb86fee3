"""The terminal report: rich renderables a reviewer reads in ten seconds."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from personalroi.report import numbers

STATUS_STYLE = {
    "met": "bold green",
    "on track": "green",
    "not significant": "yellow",
    "missed": "red",
    "harmful": "bold red",
    "insufficient data": "dim",
}
CHECK_STYLE = {"pass": "green", "warn": "yellow", "fail": "bold red"}


def render_table(result: dict[str, Any]) -> RenderableType:
    parts: list[RenderableType] = [_header(result), _metric_table(result), _quality(result)]
    return Group(*parts)


def _header(result: dict[str, Any]) -> RenderableType:
    exp = result["experiment"]
    text = Text()
    text.append(exp["name"], style="bold")
    text.append(f"  control {exp['control']!s} vs {', '.join(exp['treatments'])}")
    text.append(f"  alpha {exp['alpha']}  correction {exp['correction']}", style="dim")
    if exp.get("hypothesis"):
        text.append(f"\nHypothesis: {exp['hypothesis']}", style="italic")
    return text


def _metric_table(result: dict[str, Any]) -> RenderableType:
    table = Table(title="Metrics: treatment vs control", title_justify="left", expand=False)
    for col, justify in [
        ("metric", "left"),
        ("arm", "left"),
        ("control", "right"),
        ("treatment", "right"),
        ("abs. lift [CI]", "right"),
        ("rel. lift [CI]", "right"),
        ("p", "right"),
        ("p adj.", "right"),
        ("status", "left"),
    ]:
        table.add_column(col, justify=justify)  # type: ignore[arg-type]
    for row in result["metrics"]:
        if row["dimension"] is not None:
            continue
        kind = row["type"]
        mark = " *" if row["significant"] else ""
        name = row["metric"] + (" (guardrail)" if row.get("guardrail") else "")
        table.add_row(
            name,
            row["arm"],
            numbers.value(row["control_value"], kind),
            numbers.value(row["treatment_value"], kind),
            f"{numbers.lift(row['absolute_lift'], kind)} "
            f"{numbers.interval(row['absolute_ci'], lambda x, k=kind: numbers.lift(x, k))}",
            f"{numbers.pct(row['relative_lift'])} {numbers.interval(row['relative_ci'])}",
            numbers.p_value(row["p_value"]),
            numbers.p_value(row["p_value_adjusted"]) + mark,
            Text(row["status"], style=STATUS_STYLE.get(row["status"], "")),
        )
    return table


def _quality(result: dict[str, Any]) -> RenderableType:
    dq = result["data_quality"]
    srm = dq["srm"]
    text = Text("\nData quality  ", style="bold")
    counts = ", ".join(f"{arm} {n:,}" for arm, n in srm["observed"].items())
    text.append(
        f"SRM p = {numbers.p_value(srm['p_value'])} ({counts}) ",
        style="green" if srm["ok"] else "bold red",
    )
    text.append("ok" if srm["ok"] else "MISMATCH: the split is not as planned", style="bold")
    for check in dq["checks"]:
        if check["status"] == "pass":
            continue
        text.append(f"\n  {check['status']:<5} ", style=CHECK_STYLE[check["status"]])
        text.append(f"{check['name']}: {check['detail']}")
    passed = sum(c["status"] == "pass" for c in dq["checks"])
    text.append(f"\n  {passed} of {len(dq['checks'])} checks passed", style="dim")
    return text
