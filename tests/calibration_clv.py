"""Simulated experiments with a known CLV effect, run through the audit's own CLV path.

Each arm's customers follow the models the audit fits, with known parameters:
a unit buys for the first time during the experiment window with probability
`buyer_rate`, at a day uniform over the window; after that it buys at Poisson rate
lambda ~ Gamma(r, alpha) (per week) and drops out after each repeat purchase with
probability p ~ Beta(a, b) (BG/NBD); every purchase is worth Gamma(p_s, nu) with
nu ~ Gamma(q, v) per customer (Gamma-Gamma), independent of frequency.

The truths are expectations under those parameters, in closed form (one
quadrature over the first-purchase day):

- CLV forecast per unit: the expected spend per unit after the observation end,
  over the horizon: buyer_rate x E_T[E[X(T + H)] - E[X(T)]] x p_s v / (q - 1),
  with E[X(t)] the BG/NBD's expected repeat purchases by age t (Fader, Hardie and
  Lee 2005, equation 9) and T the age at the observation end. It is the expected
  value of the forecast computed with the arm's own generating parameters: each
  customer's conditional expectation E[Y(H) | history] averages over histories
  to E[X(T + H)] - E[X(T)].
- Revenue per unit in the window: buyer_rate x (1 + E_T[E[X(T)]]) x p_s v / (q - 1).

The histories are built as the audit's SQL builds them (distinct purchase days,
first to last day, first day to the observation end, spend on the days after the
first) and go through `personalroi.clv.forecast` exactly as `run_clv` calls it:
one prior pooled over the arms, each customer forecast from their own history,
the bootstrap comparison with parameter draws.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from personalroi.clv import bgnbd
from personalroi.clv.forecast import compare_forecasts, horizon_in_units
from personalroi.clv.run import arm_forecasts
from personalroi.clv.summary import History
from personalroi.roi.joint import Moments, lift_correlation
from personalroi.roi.money import CashItem, Economics, UnitLift, arm_money, roi_slope
from personalroi.roi.uncertainty import LiftErrors, roi_uncertainty
from personalroi.stats.comparison import Comparison
from personalroi.stats.mean import compare_means
from personalroi.stats.sufficient import SampleStats

ALPHA = 0.05
TIME_UNIT = "week"
DAYS_PER_MONTH = 365.25 / 12


@dataclass(frozen=True)
class ArmModel:
    """The generating parameters of one arm (rates per week, spend per purchase)."""

    buyer_rate: float = 0.3
    r: float = 0.6
    alpha: float = 4.0
    a: float = 1.5
    b: float = 4.0
    p_s: float = 4.0
    q: float = 5.0
    v: float = 40.0

    @property
    def mean_spend(self) -> float:
        return self.p_s * self.v / (self.q - 1)


@dataclass(frozen=True)
class Design:
    units: int = 1_500  # per arm
    window_days: int = 63  # first purchases happen in [0, window); observation ends there
    horizon_months: int = 12
    control: ArmModel = ArmModel()
    treatment: ArmModel = replace(ArmModel(), alpha=3.0, buyer_rate=0.33)
    # Money: eligible units per month, margin and a fixed investment.
    eligible_units_per_month: float = 10_000.0
    gross_margin: float = 0.4
    investment: float = 300_000.0


def _age_grid(window_days: int, points: int = 4_000) -> np.ndarray:
    """Ages at the observation end (weeks) of first purchases uniform over the window."""
    days = (np.arange(points) + 0.5) / points * window_days
    return days / 7.0


def true_values(model: ArmModel, design: Design) -> tuple[float, float]:
    """(revenue per unit in the window, CLV forecast per unit over the horizon)."""
    params = bgnbd.BgNbd(model.r, model.alpha, model.a, model.b)
    ages = _age_grid(design.window_days)
    horizon = horizon_in_units(design.horizon_months, TIME_UNIT)
    past = bgnbd.expected_purchases(params, ages)
    future = bgnbd.expected_purchases(params, ages + horizon) - past
    revenue = model.buyer_rate * (1.0 + float(np.mean(past))) * model.mean_spend
    clv = model.buyer_rate * float(np.mean(future)) * model.mean_spend
    return revenue, clv


def simulate_history(
    rng: np.random.Generator, model: ArmModel, design: Design, arm: str
) -> History:
    """One arm's per-unit history, as the audit's SQL summarises the orders."""
    n = design.units
    buyers = int(rng.binomial(n, model.buyer_rate))
    start = rng.uniform(0.0, design.window_days, buyers)  # first purchase, in days
    rate = rng.gamma(model.r, 1.0 / model.alpha, buyers) / 7.0  # per day
    dropout = rng.beta(model.a, model.b, buyers)
    nu = rng.gamma(model.q, 1.0 / model.v, buyers)
    times = [start]
    owners = [np.arange(buyers)]
    clock, alive = start.copy(), np.ones(buyers, dtype=bool)
    while alive.any():
        idx = np.flatnonzero(alive)
        clock[idx] += rng.exponential(1.0, idx.size) / np.maximum(rate[idx], 1e-300)
        alive[idx] = clock[idx] < design.window_days
        idx = np.flatnonzero(alive)
        times.append(clock[idx].copy())
        owners.append(idx)
        # Drop out after this repeat purchase with probability p.
        alive[idx] = rng.random(idx.size) >= dropout[idx]
    owner = np.concatenate(owners)
    day = np.floor(np.concatenate(times)).astype(np.int64)
    spend = rng.gamma(model.p_s, 1.0 / nu[owner])
    # Distinct purchase days per customer, with their spend (the SQL's GROUP BY unit, day).
    key = owner * (design.window_days + 1) + day
    keys, first_index, inverse = np.unique(key, return_index=True, return_inverse=True)
    day_spend = np.bincount(inverse.reshape(-1), weights=spend)
    day_owner, day_of = owner[first_index], day[first_index]
    purchase_days = np.bincount(day_owner, minlength=buyers).astype(float)
    first_day = np.full(buyers, np.iinfo(np.int64).max)
    np.minimum.at(first_day, day_owner, day_of)
    last_day = np.full(buyers, -1)
    np.maximum.at(last_day, day_owner, day_of)
    revenue = np.bincount(owner, weights=spend, minlength=buyers)
    is_first = day_of == first_day[day_owner]
    repeat_spend = np.bincount(day_owner, weights=day_spend * ~is_first, minlength=buyers)
    # The observation end is the window's last day (experiment.end, inclusive), and
    # `date_diff` counts whole days from the first purchase day to it.
    age = (design.window_days - 1 - first_day).astype(float)
    orders = np.bincount(owner, minlength=buyers).astype(float)
    zeros = np.zeros(n - buyers)

    def unit_column(values: np.ndarray) -> np.ndarray:
        return np.concatenate([np.asarray(values, dtype=float), zeros])

    ids = np.array([f"{arm}-{i}" for i in range(n)], dtype=object)
    return History(
        arm,
        unit_column(purchase_days),
        unit_column(orders),
        unit_column(revenue),
        unit_column(repeat_spend),
        unit_column(last_day - first_day),
        unit_column(age),
        unit_column(np.ones(buyers)),
        unit_column(np.zeros(buyers)),
        ids=ids,
    )


@dataclass(frozen=True)
class Outcome:
    """One experiment: the CLV comparison, the ROI interval, and whether each covers."""

    clv: Comparison
    clv_covered: bool | None
    roi: float | None
    roi_ci: tuple[float, float] | None
    roi_covered: bool | None
    probability_roi_positive: float | None


def truth(design: Design) -> dict[str, float]:
    rev_c, clv_c = true_values(design.control, design)
    rev_t, clv_t = true_values(design.treatment, design)
    econ = _economics(design)
    lift = UnitLift(rev_t - rev_c, rev_t - rev_c, rev_c, clv_t - clv_c)
    money = arm_money(lift, econ, _costs(design), [])
    assert money.roi is not None
    return {"revenue": rev_t - rev_c, "clv": clv_t - clv_c, "roi": money.roi}


def _economics(design: Design) -> Economics:
    return Economics(design.eligible_units_per_month, design.horizon_months, design.gross_margin)


def _costs(design: Design) -> list[CashItem]:
    return [CashItem("build", "technology", one_off=design.investment)]


def run_experiment(design: Design, seed: int, resamples: int = 400) -> Outcome:
    """Simulate both arms and run the audit's CLV comparison and ROI interval."""
    rng = np.random.default_rng(seed)
    histories = {
        arm: simulate_history(rng, model, design, arm)
        for arm, model in (("control", design.control), ("treat", design.treatment))
    }
    forecasts = arm_forecasts(histories, TIME_UNIT, design.horizon_months)
    clv = compare_forecasts(forecasts["control"], forecasts["treat"], ALPHA, seed, resamples)
    known = truth(design)
    clv_covered = None
    if clv.absolute_ci is not None:
        clv_covered = clv.absolute_ci[0] <= known["clv"] <= clv.absolute_ci[1]
    # The revenue metric (revenue per unit in the window): the Welch test the audit runs.
    rev = {arm: h.revenue for arm, h in histories.items()}
    revenue = compare_means(
        *(SampleStats(v.size, float(v.sum()), float(v @ v)) for v in rev.values()), ALPHA
    )
    if clv.absolute_lift is None or revenue.absolute_lift is None:
        return Outcome(clv, clv_covered, None, None, None, None)
    # The lifts' correlation from the units, lined up as audit/money_units.py does.
    per_unit = {}
    for arm, f in forecasts.items():
        found = f.unit_forecasts()
        by_unit = (
            {} if found is None else dict(zip(found.unit_ids.tolist(), found.values, strict=True))
        )
        ids = histories[arm].ids
        assert ids is not None
        per_unit[arm] = {
            "revenue": rev[arm],
            "clv": np.array([by_unit.get(i, 0.0) for i in ids.tolist()]),
        }
    corr = lift_correlation(Moments.of(per_unit["control"]), Moments.of(per_unit["treat"]))
    econ = _economics(design)
    lift = UnitLift(
        revenue.absolute_lift,
        revenue.absolute_lift,
        revenue.control_value or 0.0,
        clv.absolute_lift,
    )
    money = arm_money(lift, econ, _costs(design), [])
    assert money.roi is not None
    errors = LiftErrors(
        revenue=revenue.absolute_se or 0.0,
        clv=clv.absolute_se or 0.0,
        rho_revenue_clv=1.0 if corr.revenue_clv is None else corr.revenue_clv,
    )
    interval = roi_uncertainty(money.roi, roi_slope(econ, money.investment), errors, ALPHA)
    low, high = interval.ci
    return Outcome(
        clv,
        clv_covered,
        money.roi,
        interval.ci,
        low <= known["roi"] <= high,
        interval.probability_positive,
    )
