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

# More units per arm than any experiment has: beyond this a plan is a numerical artefact.
MAX_UNITS = 1e15


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
    # Products, not powers: an SD near the float limits gives 0 or inf here, not an error.
    se = math.sqrt((sd_c * sd_c + sd_t * sd_t) / n)
    if se == 0:
        return 1.0  # no noise: any effect other than 0 is seen
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
    if delta == 0 or not math.isfinite(delta):
        raise ValueError(
            f"the effect to detect, baseline x mde, is {delta:g}: it must be a finite number "
            "other than 0"
        )
    sd_t = baseline.treated_sd(relative_mde)
    z = float(norm_ppf(1 - a / 2)) + float(norm_ppf(power))
    # Products, not powers: a huge SD overflows to inf here instead of raising.
    square = delta * delta  # 0 for an effect near the float limit
    guess = z * z * (baseline.sd * baseline.sd + sd_t * sd_t) / square if square else math.inf
    if not guess <= MAX_UNITS:
        raise ValueError(
            f"detecting a lift of {relative_mde:g} would take more than {MAX_UNITS:.0e} units "
            "per arm (the SD is too large for the effect, or the effect too small)"
        )
    lower = guess * 0.5
    if lower < 1:  # a huge effect: one unit per arm may already be enough
        if power_at(1.0, delta, baseline.sd, sd_t, a) >= power:
            return Plan(relative_mde, delta, 1, a, power)
        lower = 1.0
    n = optimize.brentq(
        lambda m: power_at(m, delta, baseline.sd, sd_t, a) - power,
        lower,
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

    lowest = 1e-12
    if gap(lowest) >= 0:
        raise ValueError(
            f"with an SD of {baseline.sd:g} against a baseline of {baseline.value:g}, "
            f"{units_per_arm} units per arm detect any lift above {lowest:g}: check --sd"
        )
    upper = 1.0
    while gap(upper) < 0:
        upper *= 2
        if upper > 1e6:
            raise ValueError(
                f"no lift up to +{1e6:.0e} is detectable with {units_per_arm} units per arm "
                f"at an SD of {baseline.sd:g}: the sample is too small for the SD"
            )
    rel = optimize.brentq(gap, lowest, upper, xtol=1e-14, rtol=1e-14)
    return Plan(rel, baseline.value * rel, units_per_arm, a, power)


def days_needed(units_per_arm: int, arms: int, units_per_day: float) -> int | None:
    """Whole days until every arm has `units_per_arm`, at an even split of daily traffic."""
    if units_per_day <= 0:
        return None
    return math.ceil(units_per_arm * arms / units_per_day)
