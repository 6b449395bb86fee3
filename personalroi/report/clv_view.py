"""The `clv` section of an audit as plain-text table cells, for table, markdown and HTML.

Per arm: who bought, how often and how far apart, how many categories, value so
far and the forecast; then each arm against control with the audit's reading
(days between purchases: lower is better).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from personalroi.i18n import label, t
from personalroi.report import numbers

if TYPE_CHECKING:
    from personalroi.document import AuditJson

Table = tuple[str, list[str], list[list[str]]]


def caption() -> str:
    return t("clv.caption")


def _num(x: float | None, digits: int = 2) -> str:
    return numbers.fixed(x, digits)


def arms(result: AuditJson) -> Table | None:
    doc = result.get("clv")
    if not doc:
        return None
    keys = ("arm", "buyers_units", "repeat", "orders", "days_apart", "categories",
            "clv_so_far", "forecast")  # fmt: skip
    header = [t(f"col.{key}") for key in keys]
    rows = [
        [
            a["arm"],
            f"{numbers.count(a['customers'])}/{numbers.count(a['units'])}",
            numbers.pct(a["repeat_rate"], signed=False),
            _num(a["purchase_frequency"]),
            _num(a["mean_days_between_purchases"], 1),
            _num(a["categories_per_customer"]),
            _num(a["historical_clv_per_unit"]),
            _num(a["expected_clv_per_unit"]),
        ]
        for a in doc["arms"]
    ]
    title = t("clv.arms_title", end=doc["observation_end"], months=doc["horizon_months"])
    return title, header, rows


def comparisons(result: AuditJson) -> Table | None:
    doc = result.get("clv")
    if not doc or not doc["comparisons"]:
        return None
    rows = []
    for c in doc["comparisons"]:
        if c["relative_lift"] is not None:
            lift = numbers.pct(c["relative_lift"]) + " " + numbers.interval(c["relative_ci"])
        else:
            ci = c["absolute_ci"]
            lift = _num(c["absolute_lift"], 3) + (
                ""
                if not ci
                else f" [{numbers.fixed(ci[0], 3, True)}, {numbers.fixed(ci[1], 3, True)}]"
            )
        reading = label("reading", c["reading"]) if c.get("reading") else ""
        rows.append([label("clv_measure", c["metric"]), c["arm"], lift.strip(), reading])
    header = [t(f"col.{key}") for key in ("measure", "arm", "lift_ci", "reading")]
    return t("clv.vs_control", control=doc["control"]), header, rows
