"""The `baseline` section as plain-text table cells, shared by table, markdown and HTML."""

from __future__ import annotations

from typing import Any

from personalroi.report import numbers

Table = tuple[str, list[str], list[list[str]]]
TITLE = "Baseline: pre-period level vs the test period"
HEADER = ["metric", "pre-period column", "arm", "before", "vs control", "during test", "change"]
CAPTION = (
    "before: the covariate's pre-period level per unit (CUPED's baseline); vs control: the "
    "arm's pre-period level against control's, near 0 when randomization balanced the arms; "
    "change: during test / before - 1 (the periods may differ in length: compare arms)"
)


def baseline(result: dict[str, Any]) -> Table | None:
    rows = result.get("baseline") or []
    if not rows:
        return None
    types = {r["metric"]: r["type"] for r in result.get("metrics") or []}
    body = [
        [
            r["metric"],
            r["covariate"],
            r["arm"],
            numbers.value(r.get("before"), types.get(r["metric"], "mean")),
            numbers.pct(r.get("before_vs_control")),
            numbers.value(r.get("after"), types.get(r["metric"], "mean")),
            numbers.pct(r.get("change")),
        ]
        for r in rows
    ]
    return TITLE, HEADER, body
