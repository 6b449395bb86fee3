"""Config checks of the money section: how the revenue metric becomes money."""

from __future__ import annotations

from personalroi.config.model import Config

KeyPath = tuple[str | int, ...]


def money_checks(config: Config) -> list[tuple[KeyPath, str]]:
    """A binary revenue metric needs a value per conversion, and only it takes one."""
    econ = config.economics
    metric = config.metrics.get(econ.revenue_metric or "")
    if metric is None:
        return []  # a missing or unknown revenue metric is reported by cross_check
    name = econ.revenue_metric
    if metric.type == "binary" and econ.value_per_conversion is None:
        return [
            (
                ("economics", "revenue_metric"),
                f"{name} is a binary metric (a rate, not money): set "
                "economics.value_per_conversion (money per conversion, e.g. the gross "
                "order value) so its lift can be priced, or name a money metric "
                "such as revenue per visitor",
            )
        ]
    if metric.type != "binary" and econ.value_per_conversion is not None:
        return [
            (
                ("economics", "value_per_conversion"),
                f"prices a binary revenue metric; {name} is a {metric.type} metric already "
                "in money: remove value_per_conversion",
            )
        ]
    return []
