"""Historical lifetime metrics per arm, each compared with control by the fitting test.

repeat rate (share of buyers with a second purchase day): two-proportion z-test;
purchase frequency (orders per buyer), categories per buyer, revenue per buyer
and revenue per unit: Welch; mean days between purchases (sum of first-to-last
spans over sum of intervals, repeat buyers only): delta-method ratio.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from personalroi.clv.summary import History
from personalroi.stats.binary import compare_proportions
from personalroi.stats.comparison import Comparison
from personalroi.stats.mean import compare_means
from personalroi.stats.ratio import compare_ratios
from personalroi.stats.sufficient import JointStats, SampleStats

# name -> the kind of test that fits it
HISTORY_METRICS = {
    "repeat_rate": "binary",
    "purchase_frequency": "mean",
    "mean_days_between_purchases": "ratio",
    "categories_per_customer": "mean",
    "revenue_per_customer": "mean",
    "historical_clv_per_unit": "mean",
}
# Longer gaps between purchases mean a customer buys less often: a rise is a loss.
LOWER_IS_BETTER = frozenset({"mean_days_between_purchases"})


@dataclass(frozen=True)
class HistoryStats:
    """An arm's history reduced to the sufficient statistics of each metric."""

    arm: str
    units: int
    customers: int
    stats: dict[str, SampleStats | JointStats]

    def value(self, name: str) -> float | None:
        s = self.stats[name]
        if isinstance(s, JointStats):
            return s.sum_x / s.sum_y if s.sum_y > 0 else None
        return s.mean if s.n > 0 else None


def _sample(values: np.ndarray) -> SampleStats:
    return SampleStats(int(values.size), float(values.sum()), float(np.dot(values, values)))


def history_stats(history: History, with_categories: bool) -> HistoryStats:
    buyers = history.customers()
    days = history.purchase_days[buyers]
    repeat = days > 1
    span, intervals = history.span_days[buyers][repeat], days[repeat] - 1
    stats: dict[str, SampleStats | JointStats] = {
        "repeat_rate": _sample(repeat.astype(float)),
        "purchase_frequency": _sample(history.orders[buyers]),
        "mean_days_between_purchases": JointStats(
            int(span.size),
            float(span.sum()),
            float(np.dot(span, span)),
            float(intervals.sum()),
            float(np.dot(intervals, intervals)),
            float(np.dot(span, intervals)),
        ),
        "revenue_per_customer": _sample(history.revenue[buyers]),
        # Over every unit of the arm: the units without a row add zeros.
        "historical_clv_per_unit": replace(_sample(history.revenue), n=history.units),
    }
    if with_categories:
        stats["categories_per_customer"] = _sample(history.categories[buyers])
    return HistoryStats(history.arm, history.units, int(buyers.sum()), stats)


def compare_history(
    control: HistoryStats, treatment: HistoryStats, alpha: float
) -> dict[str, Comparison]:
    out: dict[str, Comparison] = {}
    for name, kind in HISTORY_METRICS.items():
        if name not in control.stats:
            continue
        c, t = control.stats[name], treatment.stats[name]
        if kind == "ratio":
            assert isinstance(c, JointStats) and isinstance(t, JointStats)
            out[name] = compare_ratios(c, t, alpha)
        else:
            assert isinstance(c, SampleStats) and isinstance(t, SampleStats)
            compare = compare_proportions if kind == "binary" else compare_means
            out[name] = compare(c, t, alpha)
    return out
