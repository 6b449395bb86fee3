"""The `heavy_tail` check: does a handful of extreme units decide a mean or ratio metric?

One player with 50,000 rounds among players with a few hundred moves a mean's lift
more than the rest of the data. The check caps the top 0.1 % of units (the value
`winsorize: 0.999` would use) and compares each treatment's absolute lift with and
without the cap; it warns when the lift moves by more than half the half-width of
its confidence interval, i.e. when the tail, not the bulk, sets the result.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from personalroi.data.check import Check
from personalroi.data.sources import ident
from personalroi.i18n.phrase import Phrase
from personalroi.plan.query_plan import QueryPlan

TAIL_QUANTILE = 0.999


@dataclass(frozen=True)
class TailShift:
    """A treatment whose lift moves by more than half its CI half-width when capped."""

    metric: str
    arm: str
    lift: float  # absolute lift of the raw means (or ratios)
    capped_lift: float  # the same with the top 0.1 % of units capped
    relative: float | None  # relative lifts; None on a control value of 0 or less
    capped_relative: float | None


@dataclass(frozen=True)
class _Arm:
    """Sums of one arm: x (the value or numerator), capped x, y (the denominator, 1 for a mean)."""

    n: float
    x: float
    xx: float
    cx: float
    cxx: float
    y: float
    yy: float
    xy: float
    cxy: float

    def ratio(self, capped: bool) -> float:
        return (self.cx if capped else self.x) / self.y

    def variance_of_ratio(self, capped: bool) -> float:
        """Delta-method variance of sum(x)/sum(y) (for y = 1 the variance of the mean)."""
        x, xx, xy = (self.cx, self.cxx, self.cxy) if capped else (self.x, self.xx, self.xy)
        n, r = self.n, x / self.y
        mx, my = x / n, self.y / n
        var_x = (xx - n * mx * mx) / (n - 1)
        var_y = (self.yy - n * my * my) / (n - 1)
        cov = (xy - n * mx * my) / (n - 1)
        return max(var_x - 2 * r * cov + r * r * var_y, 0.0) / (n * my * my)


# The per-arm sums of a metric's table rows (checks_sql.py), in `_Arm`'s field order.
TAIL_SUMS = ("n", "x", "xx", "cx", "cxx", "y", "yy", "xy", "cxy")


@dataclass(frozen=True)
class TailSums:
    """A metric's table rows: each arm's sums, the cap, the largest value and the next."""

    arms: dict[str, _Arm]
    cap: float
    largest: float
    second: float


def tail_columns(plan: QueryPlan) -> dict[str, tuple[str, str]]:
    """Per mean or ratio metric the check looks at, its value (or numerator) column and
    its denominator ('1.0' for a mean) in the unit table; winsorized ones are capped."""
    return {
        name: (
            ident(name if metric.type == "mean" else f"{name}__num"),
            "1.0" if metric.type == "mean" else ident(f"{name}__den"),
        )
        for name, metric in plan.metrics.items()
        if metric.type in ("mean", "ratio") and metric.winsorize is None
    }


def arm_sums(values: Mapping[str, float | None]) -> _Arm:
    """An arm's sums from the table's {stat: value} (a missing sum is 0)."""
    return _Arm(*(float(values.get(s) or 0.0) for s in TAIL_SUMS))


def heavy_tail_checks(
    found: Mapping[str, TailSums], alpha: float, control: str, treatments: Sequence[str]
) -> tuple[list[Check], tuple[TailShift, ...]]:
    """The checks, and every shift found (the ROI section prices the revenue metric's)."""
    from personalroi.stats.distributions import norm_ppf  # not scipy.stats: 0.9 s to import

    z = norm_ppf(1 - alpha / 2)
    checks = []
    shifts: list[TailShift] = []
    for name, sums in found.items():
        arms = sums.arms
        if control not in arms:
            continue
        moved = []
        for arm in treatments:
            shift = _shift(name, arm, arms[control], arms.get(arm), z)
            if shift is None:
                continue
            shifts.append(shift)
            if shift.relative is not None and shift.capped_relative is not None:
                moved.append((arm, shift.relative, shift.capped_relative))
        if moved:
            detail = _detail(name, sums.largest, sums.second, sums.cap, moved)
            checks.append(Check.said("heavy_tail", "warn", detail))
    if not checks:
        checks.append(Check.said("heavy_tail", "pass", Phrase.of("dq.heavy_tail_none")))
    return checks, tuple(shifts)


def _shift(
    metric: str, arm: str, control: _Arm, treatment: _Arm | None, z: float
) -> TailShift | None:
    """The shift when capping moves the absolute lift by more than half its CI half-width;
    None when it does not (or cannot be computed)."""
    if treatment is None or min(control.n, treatment.n) < 2 or 0 in (control.y, treatment.y):
        return None
    lift = treatment.ratio(False) - control.ratio(False)
    capped = treatment.ratio(True) - control.ratio(True)
    half_width = z * math.sqrt(
        control.variance_of_ratio(False) + treatment.variance_of_ratio(False)
    )
    if not abs(capped - lift) > half_width / 2:
        return None
    base, capped_base = control.ratio(False), control.ratio(True)
    if base <= 0 or capped_base <= 0:  # no relative lift on a base of zero or less
        return TailShift(metric, arm, lift, capped, None, None)
    return TailShift(metric, arm, lift, capped, lift / base, capped / capped_base)


def _detail(
    name: str, largest: float, second: float, cap: float, moved: list[tuple[str, float, float]]
) -> Phrase:
    arms = tuple(
        Phrase.of("dq.heavy_tail_arm", arm=arm, lift=lift, capped=capped)
        for arm, lift, capped in moved
    )
    return Phrase.of(
        "dq.heavy_tail",
        metric=name,
        # The values to six significant digits, as the English detail has always shown them.
        largest=f"{largest:,.6g}",
        second=f"{second:,.6g}",
        cap=f"{cap:,.6g}",
        arms=arms,
        quantile=str(TAIL_QUANTILE),  # a YAML value to paste: its notation stays
    )
