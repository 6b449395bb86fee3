"""The result of comparing one treatment arm with control, and how lifts are derived.

Every test module produces an `ArmEstimate` per arm (a point estimate and the
variance of that estimate); `compare_normal` turns two of them into a `Comparison`
with absolute and relative lift, their intervals and a p-value, all three derived
from one statistic so that p < alpha exactly when each interval excludes 0.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from personalroi.stats.distributions import norm_cdf, norm_ppf, t_ppf, t_sf
from personalroi.stats.fieller import g_at, relative_interval

Interval = tuple[float, float]  # (low, high) of a confidence interval


@dataclass(frozen=True)
class ArmEstimate:
    """A per-arm estimate: its value, the variance of the estimate, and n."""

    value: float
    variance: float
    n: int


@dataclass(frozen=True)
class Comparison:
    """Treatment versus control for one metric. Lifts are treatment minus control."""

    method: str
    n_control: int
    n_treatment: int
    control_value: float | None
    treatment_value: float | None
    absolute_lift: float | None = None
    absolute_ci: tuple[float, float] | None = None
    relative_lift: float | None = None
    relative_ci: tuple[float, float] | None = None
    p_value: float | None = None
    # Standard errors, kept for chance-to-beat-control, power and ROI propagation.
    absolute_se: float | None = None
    relative_se: float | None = None
    # Variances of the two arm estimates (for Fieller's interval and ROI propagation).
    control_variance: float | None = None
    treatment_variance: float | None = None
    # CUPED: 1 - Var(adjusted lift) / Var(unadjusted lift); None when not adjusted.
    variance_reduction: float | None = None
    # "ok", or a stable code for a degenerate case; `explanation` says it for humans.
    code: str = "ok"
    explanation: str = ""

    @property
    def ok(self) -> bool:
        return self.code == "ok"


def comparison_fields(c: Comparison) -> dict[str, object]:
    """The JSON fields every metric row shares (SPEC section 5), in their order."""
    return {
        "n_control": c.n_control,
        "n_treatment": c.n_treatment,
        "control_value": c.control_value,
        "treatment_value": c.treatment_value,
        "absolute_lift": c.absolute_lift,
        "absolute_ci": c.absolute_ci,
        "relative_lift": c.relative_lift,
        "relative_ci": c.relative_ci,
        "p_value": c.p_value,
    }


def degenerate(
    method: str, control: ArmEstimate, treatment: ArmEstimate, code: str, explanation: str
) -> Comparison:
    """A comparison that could not be tested, with a code and an explanation."""
    return Comparison(
        method=method,
        n_control=control.n,
        n_treatment=treatment.n,
        control_value=_finite(control.value),
        treatment_value=_finite(treatment.value),
        code=code,
        explanation=explanation,
    )


def _finite(x: float) -> float | None:
    return x if math.isfinite(x) else None


def relative_lift_delta(control: ArmEstimate, treatment: ArmEstimate) -> tuple[float, float] | None:
    """Relative lift t/c - 1 and its delta-method standard error; None if c is 0.

    Var(t/c) ~ var_t / c^2 + t^2 var_c / c^4 (arms independent).
    """
    c, t = control.value, treatment.value
    # A lift relative to a base of 0 or less has no meaning (-193 % on a negative control
    # is an improvement); the absolute lift says it.
    if c <= 0 or not math.isfinite(c):
        return None
    # Written with t/c so that a tiny but non-zero c cannot underflow c**4 to 0.
    ratio = t / c
    var = (treatment.variance + ratio * ratio * control.variance) / c / c
    if not math.isfinite(var):
        return None
    return t / c - 1.0, math.sqrt(max(var, 0.0))


def fixed_method(estimator: str, test: str) -> str:
    """`method` of a Wald row: what the lift is, then what produced p and each interval.

    `estimator` must not contain ": " (sequential mode keeps the text before it).
    """
    return (
        f"{estimator}: p and absolute CI from one {test}; "
        "relative CI by Fieller at its critical value"
    )


def estimator_of(method: str) -> str:
    """The estimator part of a `method` string (what the lift and its SE are)."""
    return method.split(": ", 1)[0]


NO_RELATIVE = "no relative interval"


def with_fieller_ci(comparison: Comparison, crit: float) -> Comparison:
    """Set `relative_ci` to Fieller's interval at `crit`, or drop it with an explanation.

    `crit` must be the absolute interval's half-width divided by
    sqrt(var_c + var_t): then the relative interval excludes 0 exactly when the
    absolute one does (see fieller.py).
    """
    c, t = comparison.control_value, comparison.treatment_value
    var_c, var_t = comparison.control_variance, comparison.treatment_variance
    if comparison.relative_lift is None:
        return replace(comparison, relative_ci=None)
    if c is None or t is None or var_c is None or var_t is None:
        return replace(
            comparison,
            relative_ci=None,
            explanation=f"{NO_RELATIVE}: the arm variances Fieller's interval needs are unknown",
        )
    interval = relative_interval(c, var_c, t, var_t, crit)
    if interval is None:
        g = g_at(c, var_c, crit)
        return replace(
            comparison,
            relative_ci=None,
            explanation=(
                f"{NO_RELATIVE}: Fieller interval unbounded (g = {g:.2f} >= 1), "
                "the control value is not distinguishable from 0; use the absolute interval"
            ),
        )
    return replace(comparison, relative_ci=interval)


def compare_normal(
    method: str,
    control: ArmEstimate,
    treatment: ArmEstimate,
    alpha: float,
    *,
    df: float | None = None,
) -> Comparison:
    """Wald comparison of two independent estimates, all from one statistic.

    The p-value and the absolute interval both use diff / se with the unpooled
    se, against the normal or (with `df`) Student's t; the relative interval is
    Fieller's at the same critical value, so all three agree on "differs from 0".
    The delta-method relative SE is kept for chance-to-beat-control.
    """
    diff = treatment.value - control.value
    se = math.sqrt(control.variance + treatment.variance)
    if not math.isfinite(se) or se == 0.0:
        return degenerate(
            method,
            control,
            treatment,
            "zero_variance",
            "both arms have zero variance, so no test is possible",
        )
    finite_df = df if df is not None and math.isfinite(df) else None
    crit = t_ppf(1 - alpha / 2, finite_df) if finite_df is not None else norm_ppf(1 - alpha / 2)
    stat = abs(diff) / se
    tail = t_sf(stat, finite_df) if finite_df is not None else norm_cdf(-stat)
    result = Comparison(
        method=method,
        n_control=control.n,
        n_treatment=treatment.n,
        control_value=control.value,
        treatment_value=treatment.value,
        absolute_lift=diff,
        absolute_ci=(diff - crit * se, diff + crit * se),
        absolute_se=se,
        p_value=2 * tail,
        control_variance=control.variance,
        treatment_variance=treatment.variance,
    )
    rel = relative_lift_delta(control, treatment)
    if rel is None:
        base = "0" if control.value == 0 else "negative"
        return replace(
            result,
            explanation=f"control value is {base}: relative lift undefined; use the absolute lift",
        )
    lift, rel_se = rel
    return with_fieller_ci(replace(result, relative_lift=lift, relative_se=rel_se), crit)
