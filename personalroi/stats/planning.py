"""Power and planning: units per arm for an effect, the effect for a sample, and duration.

Two-sided z-test of a difference of two arm means (binary: proportions; ratio:
the delta-method linearisation), per-unit standard deviations sd_c and sd_t:

    power(n) = Phi(delta / se(n) - z) + Phi(-delta / se(n) - z),
    se(n) = sqrt((sd_c^2 + sd_t^2) / n),   z = z_{1 - alpha' / 2}

solved exactly for n (or delta), both tails included, as statsmodels'
NormalIndPower does. alpha' = alpha / comparisons: with (arms - 1) treatments
and m metrics under Holm or BH, Bonferroni is the worst case Holm can face and
is conservative for BH, so the plan never promises power the audit cannot keep.
For a binary metric sd_t follows the treated rate p (1 + mde).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from scipy import optimize

from personalroi.stats.distributions import norm_cdf, norm_ppf


@dataclass(frozen=True)
class Baseline:
    """The control arm: its value and the per-unit SD (binary: sqrt(p (1 - p)))."""

    kind: str  # binary | mean | ratio | nps
    value: float
    sd: float

    def treated_sd(self, relative_effect: float) -> float:
        if self.kind == "binary":
            p = min(max(self.value * (1 + relative_effect), 0.0), 1.0)
            return math.sqrt(p * (1 - p))
        return self.sd


@dataclass(frozen=True)
class Plan:
    relative_mde: float
    absolute_mde: float
    units_per_arm: int
    alpha_per_comparison: float
    power: float


def power_at(n: float, delta: float, sd_c: float, sd_t: float, alpha: float) -> float:
    """Power of the two-sided z-test with n units per arm (both rejection tails)."""
    se = math.sqrt((sd_c**2 + sd_t**2) / n)
    z = float(norm_ppf(1 - alpha / 2))
    shift = abs(delta) / se
    return float(norm_cdf(shift - z) + norm_cdf(-shift - z))


def units_for_effect(
    baseline: Baseline, relative_mde: float, alpha: float, power: float, comparisons: int = 1
) -> Plan:
    """Units per arm (rounded up) to detect `relative_mde` with `power`."""
    if relative_mde == 0:
        raise ValueError("the minimum detectable effect must not be 0")
    a = alpha / comparisons
    delta = baseline.value * relative_mde
    sd_t = baseline.treated_sd(relative_mde)
    z = float(norm_ppf(1 - a / 2)) + float(norm_ppf(power))
    guess = z**2 * (baseline.sd**2 + sd_t**2) / delta**2
    n = optimize.brentq(
        lambda m: power_at(m, delta, baseline.sd, sd_t, a) - power,
        guess * 0.5,
        guess * 1.5 + 2,
        xtol=1e-10,
        rtol=1e-14,
    )
    return Plan(relative_mde, delta, math.ceil(n), a, power)


def effect_for_units(
    baseline: Baseline, units_per_arm: int, alpha: float, power: float, comparisons: int = 1
) -> Plan:
    """The smallest relative lift (upwards) detectable with `units_per_arm` per arm."""
    a = alpha / comparisons

    def gap(rel: float) -> float:
        delta = baseline.value * rel
        return power_at(units_per_arm, delta, baseline.sd, baseline.treated_sd(rel), a) - power

    upper = 1.0
    while gap(upper) < 0:
        upper *= 2
        if upper > 1e6:
            raise ValueError("no detectable effect: the sample is too small or the SD is 0")
    rel = optimize.brentq(gap, 1e-12, upper, xtol=1e-14, rtol=1e-14)
    return Plan(rel, baseline.value * rel, units_per_arm, a, power)


def days_needed(units_per_arm: int, arms: int, units_per_day: float) -> int | None:
    """Whole days until every arm has `units_per_arm`, at an even split of daily traffic."""
    if units_per_day <= 0:
        return None
    return math.ceil(units_per_arm * arms / units_per_day)
