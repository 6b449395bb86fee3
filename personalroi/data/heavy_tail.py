"""The `heavy_tail` check: does a handful of extreme units decide a mean or ratio metric?

One player with 50,000 rounds among players with a few hundred moves a mean's lift
more than the rest of the data. The check caps the top 0.1 % of units (the value
`winsorize: 0.999` would use) and compares each treatment's absolute lift with and
without the cap; it warns when the lift moves by more than half the half-width of
its confidence interval, i.e. when the tail, not the bulk, sets the result.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from personalroi.data.check import Check
from personalroi.data.sources import ident, sql_string
from personalroi.plan.query_plan import QueryPlan

if TYPE_CHECKING:
    from personalroi.engines.base import Connection

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


def heavy_tail_checks(
    con: Connection,
    plan: QueryPlan,
    unit_table: str,
    control: str,
    treatments: list[str],
) -> tuple[list[Check], tuple[TailShift, ...]]:
    """The checks, and every shift found (the ROI section prices the revenue metric's)."""
    from personalroi.stats.distributions import norm_ppf  # not scipy.stats: 0.9 s to import

    z = norm_ppf(1 - plan.alpha / 2)
    columns = {
        name: (
            ident(name if metric.type == "mean" else f"{name}__num"),
            "1.0" if metric.type == "mean" else ident(f"{name}__den"),
        )
        for name, metric in plan.metrics.items()
        if metric.type in ("mean", "ratio") and metric.winsorize is None
    }
    found = _sums(con, unit_table, columns, [control, *treatments]) if columns else {}
    checks = []
    shifts: list[TailShift] = []
    for name, (arms, cap) in found.items():
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
            x, y = columns[name]
            condition = f"{x} IS NOT NULL AND {y} IS NOT NULL"
            largest, second = _top_two(con, unit_table, x, condition)
            checks.append(Check("heavy_tail", "warn", _detail(name, largest, second, cap, moved)))
    if not checks:
        checks.append(
            Check(
                "heavy_tail",
                "pass",
                "no mean or ratio metric's lift moves by half its CI when the top 0.1 % "
                "of units are capped",
            )
        )
    return checks, tuple(shifts)


def _sums(
    con: Connection,
    table: str,
    columns: dict[str, tuple[str, str]],
    arms: list[str],
) -> dict[str, tuple[dict[str, _Arm], float]]:
    """Per metric: each arm's sums and the cap.

    Two passes over the unit table for every metric at once: the caps, then the sums
    per arm (the audit's sums run on one thread, so passes count).
    """
    both = {n: f"{x} IS NOT NULL AND {y} IS NOT NULL" for n, (x, y) in columns.items()}
    tops = ", ".join(
        f"quantile_cont({x}, {TAIL_QUANTILE}) FILTER (WHERE {both[n]})"
        for n, (x, _) in columns.items()
    )
    row = con.execute(f"SELECT {tops} FROM {table}").fetchone()
    assert row is not None
    caps = {n: c for n, c in zip(columns, row, strict=True) if c is not None}
    if not caps:
        return {}
    items = []
    for n, cap in caps.items():
        x, y = columns[n]
        capped = f"LEAST({x}, {float(cap)!r})"
        only = f" FILTER (WHERE {both[n]})"
        items += [
            f"{agg}{only}"
            for agg in (
                "COUNT(*)",
                f"SUM({x})",
                f"SUM({x} * {x})",
                f"SUM({capped})",
                f"SUM({capped} * {capped})",
                f"SUM({y})",
                f"SUM({y} * {y})",
                f"SUM({x} * {y})",
                f"SUM({capped} * {y})",
            )
        ]
    listed = ", ".join(sql_string(a) for a in arms)
    rows = con.execute(
        f"SELECT arm, {', '.join(items)} FROM {table} WHERE arm IN ({listed}) "
        "GROUP BY arm ORDER BY arm"
    ).fetchall()
    out = {}
    for i, (n, cap) in enumerate(caps.items()):
        per_arm = {
            str(r[0]): _Arm(*(float(v or 0) for v in r[1 + 9 * i : 10 + 9 * i])) for r in rows
        }
        out[n] = (per_arm, float(cap))
    return out


def _top_two(con: Connection, table: str, column: str, condition: str) -> tuple[float, float]:
    """The largest value and the next (equal when it repeats), for the warning's text."""
    rows = con.execute(
        f"SELECT {column} FROM {table} WHERE {condition} ORDER BY {column} DESC LIMIT 2"
    ).fetchall()
    largest = float(rows[0][0])
    return largest, float(rows[1][0]) if len(rows) > 1 else largest


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
) -> str:
    arms = "; ".join(f"{arm}: {lift:+.1%} -> {capped:+.1%}" for arm, lift, capped in moved)
    return (
        f"{name}: the largest value is {largest:,.6g} (the next {second:,.6g}); capping the "
        f"top 0.1 % of units at {cap:,.6g} moves the lift by more than half its confidence "
        f"interval ({arms}). A few units decide this metric: set winsorize: "
        f"{TAIL_QUANTILE} on {name} to cap them in the analysis"
    )
