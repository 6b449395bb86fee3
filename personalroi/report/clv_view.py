"""The `clv` section of an audit as plain-text table cells, for table, markdown and HTML.

Per arm: who bought, how often and how far apart, how many categories, value so
far and the forecast; then each arm against control with the audit's reading
(days between purchases: lower is better).
"""

from __future__ import annotations

from typing import Any

from personalroi.report import numbers

Table = tuple[str, list[str], list[list[str]]]
CAPTION = (
    "reading: from the interval, which agrees with the p-value, not corrected across these "
    "comparisons (the clv metric in the metric table is); days between purchases: lower is better"
)
LABELS = {
    "repeat_rate": "repeat rate",
    "purchase_frequency": "orders/customer",
    "mean_days_between_purchases": "days between (lower better)",
    "categories_per_customer": "categories/customer",
    "revenue_per_customer": "revenue/customer",
    "historical_clv_per_unit": "CLV so far/unit",
    "forecast_clv_per_unit": "forecast CLV/unit",
}


def _num(x: float | None, digits: int = 2) -> str:
    return "–" if x is None else f"{x:,.{digits}f}"


def arms(result: dict[str, Any]) -> Table | None:
    doc = result.get("clv")
    if not doc:
        return None
    header = ["arm", "buyers/units", "repeat", "orders", "days apart", "categories",
              "CLV so far", "forecast"]  # fmt: skip
    rows = [
        [
            a["arm"],
            f"{a['customers']:,}/{a['units']:,}",
            numbers.pct(a.get("repeat_rate"), signed=False),
            _num(a.get("purchase_frequency")),
            _num(a.get("mean_days_between_purchases"), 1),
            _num(a.get("categories_per_customer")),
            _num(a.get("historical_clv_per_unit")),
            _num(a.get("expected_clv_per_unit")),
        ]
        for a in doc.get("arms") or []
    ]
    title = (
        f"Lifetime value per arm (orders to {doc['observation_end']}; per buyer: orders, days "
        f"apart, categories; per unit: CLV so far and forecast over {doc['horizon_months']} months)"
    )
    return title, header, rows


def comparisons(result: dict[str, Any]) -> Table | None:
    doc = result.get("clv")
    if not doc or not doc.get("comparisons"):
        return None
    rows = []
    for c in doc["comparisons"]:
        if c.get("relative_lift") is not None:
            lift = numbers.pct(c["relative_lift"]) + " " + numbers.interval(c.get("relative_ci"))
        else:
            ci = c.get("absolute_ci")
            lift = _num(c.get("absolute_lift"), 3) + (
                "" if not ci else f" [{ci[0]:+,.3f}, {ci[1]:+,.3f}]"
            )
        rows.append(
            [LABELS.get(c["metric"], c["metric"]), c["arm"], lift.strip(), c.get("reading") or ""]
        )
    header = ["measure", "arm", "lift [CI]", "reading"]
    return f"Lifetime value vs control {doc.get('control')}", header, rows
