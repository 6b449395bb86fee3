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

from personalroi.config.model import Config
from personalroi.data.sources import ident, sql_string

if TYPE_CHECKING:
    import duckdb

    from personalroi.data.quality import Check

TAIL_QUANTILE = 0.999


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
    con: duckdb.DuckDBPyConnection,
    config: Config,
    unit_table: str,
    control: str,
    treatments: list[str],
) -> list[Check]:
    from scipy.stats import norm

    from personalroi.data.quality import Check

    z = float(norm.ppf(1 - config.experiment.alpha / 2))
    checks = []
    for name, metric in config.metrics.items():
        if metric.type not in ("mean", "ratio") or metric.winsorize is not None:
            continue
        x = ident(name if metric.type == "mean" else f"{name}__num")
        y = "1.0" if metric.type == "mean" else ident(f"{name}__den")
        found = _sums(con, unit_table, x, y, [control, *treatments])
        if found is None:
            continue
        arms, cap, largest, second = found
        if control not in arms:
            continue
        moved = []
        for arm in treatments:
            shift = _shift(arms[control], arms.get(arm), z)
            if shift is not None:
                moved.append((arm, *shift))
        if moved:
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
    return checks


def _sums(
    con: duckdb.DuckDBPyConnection, table: str, x: str, y: str, arms: list[str]
) -> tuple[dict[str, _Arm], float, float, float] | None:
    both = f"{x} IS NOT NULL AND {y} IS NOT NULL"
    capped = "LEAST(" + x + ", caps.cap)"
    listed = ", ".join(sql_string(a) for a in arms)
    sql = (
        f"WITH caps AS (SELECT quantile_cont({x}, {TAIL_QUANTILE}) AS cap, max({x}) AS top, "
        f"max({x}) FILTER (WHERE {x} < (SELECT max({x}) FROM {table})) AS second "
        f"FROM {table} WHERE {both})\n"
        f"SELECT arm, COUNT(*), SUM({x}), SUM({x} * {x}), SUM({capped}), "
        f"SUM({capped} * {capped}), SUM({y}), SUM({y} * {y}), SUM({x} * {y}), "
        f"SUM({capped} * {y}), ANY_VALUE(caps.cap), ANY_VALUE(caps.top), ANY_VALUE(caps.second) "
        f"FROM {table}, caps WHERE {both} AND arm IN ({listed}) GROUP BY arm ORDER BY arm"
    )
    rows = con.execute(sql).fetchall()
    if not rows or rows[0][10] is None:
        return None
    arms_found = {str(r[0]): _Arm(*(float(v or 0) for v in r[1:10])) for r in rows}
    second = rows[0][12]
    return arms_found, float(rows[0][10]), float(rows[0][11]), float(second or rows[0][11])


def _shift(control: _Arm, treatment: _Arm | None, z: float) -> tuple[float, float] | None:
    """(relative lift, capped relative lift) when capping moves the absolute lift by more
    than half its CI half-width; None when it does not (or cannot be computed)."""
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
    if base <= 0 or capped_base <= 0:
        return None  # no relative lift to report on a base of zero or less
    return lift / base, capped / capped_base


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
