"""Run simulated experiments through the audit's own comparison path and score them.

Every simulated experiment goes through `audit.metrics.metric_rows` (the test
each metric type and covariate calls for, the minimum-data rule and the chance
to beat control) and, for the sequential looks, `stats.sequential.sequential`,
exactly as `personalroi audit` does with aggregated input. What is scored is
what a report shows: the relative interval, or the absolute one where a row has
no relative interval, and NPS's interval in points.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from calibration_sim import Cell, Effect, arm_sums

from personalroi.audit.metric_row import MetricRow
from personalroi.audit.metrics import Stats, metric_rows
from personalroi.config.model import MetricConfig
from personalroi.stats.comparison import Comparison
from personalroi.stats.sequential import sequential
from personalroi.stats.sufficient import JointStats, RatioCovariateStats, SampleStats

ALPHA = 0.05
LOOKS = 10  # sequential looks, evenly spaced
LIFT = Effect(conversion=0.05, order_value=0.05, nps_points=3.0)

_BINARY = MetricConfig(type="binary", value="orders.count")
_MEAN = MetricConfig(type="mean", value="orders.amount")
_RATIO = MetricConfig(type="ratio", numerator="orders.amount", denominator="orders.count")
METRICS: dict[str, MetricConfig] = {
    "conversion": _BINARY,
    "conversion+cuped": _BINARY,
    "revenue": _MEAN,
    "revenue+cuped": _MEAN,
    "aov": _RATIO,
    "aov+cuped": _RATIO,
    "nps": MetricConfig(type="nps", value="survey.score"),
}
# The order value does not enter a conversion or NPS row: those run once per (units, rate).
SIGMA_FREE = ("conversion", "conversion+cuped", "nps")


def arm_stats(s: Mapping[str, list[list[float]]], i: int, j: int) -> dict[str, Stats]:
    """The sufficient statistics the audit would read for simulation i at look j."""

    def g(key: str) -> float:
        return s[key][i][j]

    n = int(g("n"))
    x = (g("x"), g("x*x"))
    return {
        "conversion": SampleStats(n, g("b"), g("b*b")),
        "conversion+cuped": JointStats(n, g("b"), g("b*b"), g("po"), g("po*po"), g("b*po")),
        "revenue": SampleStats(n, *x),
        "revenue+cuped": JointStats(n, *x, g("px"), g("px*px"), g("x*px")),
        "aov": JointStats(n, *x, g("o"), g("o*o"), g("x*o")),
        "aov+cuped": RatioCovariateStats(
            n,
            *x,
            g("o"),
            g("o*o"),
            g("x*o"),
            g("px"),
            g("px*px"),
            g("po"),
            g("po*po"),
            g("px*po"),
            g("x*px"),
            g("x*po"),
            g("o*px"),
            g("o*po"),
        ),  # fmt: skip
        "nps": SampleStats(
            int(g("nps_n")), g("nps_pro") - g("nps_det"), g("nps_pro") + g("nps_det")
        ),
    }


@dataclass(frozen=True)
class Truth:
    relative: float
    absolute: float


def truths(cell: Cell, effect: Effect) -> dict[str, Truth]:
    conv, value = effect.conversion, effect.order_value
    rpv = (1 + conv) * (1 + value) - 1
    out = {
        "conversion": Truth(conv, cell.buyer_rate * conv),
        "revenue": Truth(rpv, cell.revenue_per_visitor * rpv),
        "aov": Truth(value, cell.order_value * value),
        "nps": Truth(effect.nps_points / 20.0, effect.nps_points),
    }
    return {name: out[name.split("+")[0]] for name in METRICS}


def shown_interval(name: str, c: Comparison, truth: Truth) -> tuple[tuple[float, float], float]:
    """The interval a report shows for this row and the truth on its scale."""
    if name != "nps" and c.relative_ci is not None:
        return c.relative_ci, truth.relative
    assert c.absolute_ci is not None
    return c.absolute_ci, truth.absolute


@dataclass
class Tally:
    """Counts for one metric in one cell and mode."""

    sims: int = 0
    trusted: int = 0  # rows with a p-value (not below the minimum, not degenerate)
    rejected: int = 0
    covered: int = 0
    no_relative: int = 0  # trusted rows showing the absolute interval instead
    relative_se: list[float] = field(default_factory=list)

    def rate(self, count: int) -> float | None:
        return count / self.trusted if self.trusted else None


def _score(tally: Tally, rows: Sequence[Comparison], truth: Truth, name: str) -> None:
    """Sequential: reject if any trusted look rejects; covered if every trusted look covers."""
    tally.sims += 1
    trusted = [c for c in rows if c.p_value is not None]
    if not trusted:
        return
    tally.trusted += 1
    tally.rejected += any(c.p_value < ALPHA for c in trusted if c.p_value is not None)
    covered = True
    for c in trusted:
        (lo, hi), target = shown_interval(name, c, truth)
        covered = covered and lo <= target <= hi
    tally.covered += covered
    final = trusted[-1]
    tally.no_relative += name != "nps" and final.relative_ci is None
    if final.relative_se is not None:
        tally.relative_se.append(final.relative_se)


def _rows(
    control: dict[str, Stats], treat: dict[str, Stats], names: Sequence[str]
) -> list[MetricRow]:
    metrics = {name: METRICS[name] for name in names}
    return metric_rows(
        metrics, {"control": control, "treat": treat}, "control", ["treat"], ALPHA, "holm"
    )


def run_cell(
    cell: Cell, effect: Effect, sims: int, seed: int, names: Sequence[str], looks: int = 1
) -> dict[str, Tally]:
    """Tallies per metric for `sims` experiments.

    looks = 1: the fixed-horizon test on the whole sample. looks > 1: the
    sequential rows at `looks` evenly spaced looks (a false positive if any
    look rejects; covered only if every look covers).
    """
    rng = np.random.default_rng(seed)
    sums = []
    for arm_effect in (Effect(), effect):
        per_chunk = arm_sums(rng, cell, sims, looks, arm_effect)
        sums.append({k: np.cumsum(v, axis=1).tolist() for k, v in per_chunk.items()})
    truth = truths(cell, effect)
    tuning = 2 * cell.units  # N* at the planned total, as docs/statistics.md advises
    tallies = {name: Tally() for name in names}
    for i in range(sims):
        seen: dict[str, list[Comparison]] = {name: [] for name in names}
        for j in range(looks):
            for row in _rows(arm_stats(sums[0], i, j), arm_stats(sums[1], i, j), names):
                c = row.comparison
                seen[row.metric].append(c if looks == 1 else sequential(c, ALPHA, tuning))
        for name in names:
            _score(tallies[name], seen[name], truth[name], name)
    return tallies
