"""Simulated experiments for the calibration grid, reduced to per-arm sufficient statistics.

Each arm is `units` visitors. A visitor buys in the pre-period and in the
experiment independently given a class: regulars buy with probability 0.6 in
each period and are 70 % of the buyers, which is what makes the pre-period
useful for CUPED (it explains about 15 % of the variance of conversion). A
buyer places 1 + Poisson(0.25) orders; each order is worth
exp(mu + u + e) with u per visitor (kept across periods) and e per order,
Var(u) = Var(e) = sigma^2 / 2, so an order's log-value has SD sigma. Survey
answers (NPS) come from the experiment's buyers.

Only visitors who bought in either period are drawn one by one: the rest only
add to n. Sums are kept per chunk of units (`looks` chunks per arm), so one
draw serves the fixed-horizon test (all chunks) and the sequential looks
(cumulative chunks).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MU = 3.5  # log of a typical order value (about 33)
EXTRA_ORDERS = 0.25  # Poisson mean of orders beyond the first, per buying visitor
REGULAR_RATE = 0.6  # a regular's chance to buy in a period
REGULAR_PART = 0.7  # share of buyers who are regulars
NPS_SHARES = (0.45, 0.30, 0.25)  # promoters, passives, detractors: NPS 20


@dataclass(frozen=True)
class Cell:
    units: int  # per arm
    buyer_rate: float
    sigma: float  # log-SD of an order's value

    @property
    def buyers(self) -> float:
        """Expected buyers per arm (the grid's trust threshold is 30)."""
        return self.units * self.buyer_rate

    @property
    def order_value(self) -> float:
        return float(np.exp(MU + self.sigma**2 / 2))

    @property
    def revenue_per_visitor(self) -> float:
        return self.buyer_rate * (1 + EXTRA_ORDERS) * self.order_value

    @property
    def relative_se(self) -> float:
        """SD of the relative lift of revenue per visitor between two A/A arms (closed form).

        A buyer's revenue is exp(MU + u) x sum over O orders of exp(e), u and e normal
        with variance sigma^2 / 2, O = 1 + Poisson(EXTRA_ORDERS): its second moment is
        exp(2 MU + sigma^2) (E[O] exp(sigma^2) + E[O (O - 1)] exp(sigma^2 / 2)).
        """
        s2 = self.sigma**2
        orders_pairs = EXTRA_ORDERS + EXTRA_ORDERS + EXTRA_ORDERS**2  # E[O (O - 1)]
        orders = (1 + EXTRA_ORDERS) * np.exp(s2) + orders_pairs * np.exp(s2 / 2)
        second = np.exp(2 * MU + s2) * orders
        mean = self.revenue_per_visitor
        variance = self.buyer_rate * second - mean**2
        return float(np.sqrt(2 * variance / self.units) / mean)


@dataclass(frozen=True)
class Effect:
    """True effect of the treatment: relative lifts of buyer rate and order value, NPS points."""

    conversion: float = 0.0
    order_value: float = 0.0
    nps_points: float = 0.0


# Names of the sums per chunk; each is an array (sims, looks).
VARIABLES = ("b", "x", "o", "px", "po")
PRODUCTS = (
    ("b", "b"),
    ("x", "x"),
    ("o", "o"),
    ("px", "px"),
    ("po", "po"),
    ("b", "po"),
    ("x", "px"),
    ("x", "o"),
    ("px", "po"),
    ("x", "po"),
    ("o", "px"),
    ("o", "po"),
)


def _outcome_probabilities(cell: Cell, conversion_lift: float) -> tuple[np.ndarray, list[tuple]]:
    """Probabilities of (class, bought before, bought during); the last outcome is 'neither'."""
    p = cell.buyer_rate
    regulars = REGULAR_PART * p / REGULAR_RATE
    other = (1 - REGULAR_PART) * p / (1 - regulars)
    probs, flags = [], []
    for share, q in ((regulars, REGULAR_RATE), (1 - regulars, other)):
        q_post = min(q * (1 + conversion_lift), 1.0)
        for pre, post in ((1, 0), (0, 1), (1, 1)):
            probs.append(share * (q if pre else 1 - q) * (q_post if post else 1 - q_post))
            flags.append((pre, post))
    probs.append(1.0 - sum(probs))
    return np.array(probs), flags


def _order_sums(rng: np.random.Generator, orders: np.ndarray, sd: float) -> np.ndarray:
    """Per visitor, the sum of exp(e) over their orders (0 without orders)."""
    e = np.exp(rng.normal(0.0, sd, int(orders.sum())))
    owner = np.repeat(np.arange(orders.size), orders)
    return np.bincount(owner, weights=e, minlength=orders.size)


def arm_sums(
    rng: np.random.Generator,
    cell: Cell,
    sims: int,
    looks: int,
    effect: Effect,
    value_lift: np.ndarray | None = None,
) -> dict[str, np.ndarray]:
    """Per-chunk sums of one arm: keys 'n', VARIABLES, 'b*po'-style products, 'nps_*'.

    `value_lift` (one per simulation) overrides `effect.order_value`, for runs
    whose true effect varies between experiments.
    """
    chunk = cell.units // looks
    groups = sims * looks
    probs, flags = _outcome_probabilities(cell, effect.conversion)
    counts = rng.multinomial(chunk, probs, size=(sims, looks)).reshape(groups, -1)
    group_parts, pre_parts, post_parts = [], [], []
    for k, (pre, post) in enumerate(flags):
        owner = np.repeat(np.arange(groups), counts[:, k])
        group_parts.append(owner)
        pre_parts.append(np.full(owner.size, pre))
        post_parts.append(np.full(owner.size, post))
    group = np.concatenate(group_parts)
    has_pre, has_post = np.concatenate(pre_parts), np.concatenate(post_parts)
    half_sd = cell.sigma / np.sqrt(2.0)
    level = np.exp(MU + rng.normal(0.0, half_sd, group.size))
    po = has_pre * (1 + rng.poisson(EXTRA_ORDERS, group.size))
    o = has_post * (1 + rng.poisson(EXTRA_ORDERS, group.size))
    lift = np.full(sims, effect.order_value) if value_lift is None else value_lift
    scale = 1.0 + lift[group // looks]
    values = {
        "b": (o > 0).astype(float),
        "x": level * _order_sums(rng, o, half_sd) * scale,
        "o": o.astype(float),
        "px": level * _order_sums(rng, po, half_sd),
        "po": po.astype(float),
    }
    out = {"n": np.full((sims, looks), float(chunk))}
    for name in VARIABLES:
        out[name] = np.bincount(group, values[name], groups).reshape(sims, looks)
    for a, b in PRODUCTS:
        weights = values[a] * values[b]
        out[f"{a}*{b}"] = np.bincount(group, weights, groups).reshape(sims, looks)
    # Third moments of revenue, for the skew-aware alternatives in calibration_money.
    out["x*x*x"] = np.bincount(group, values["x"] ** 3, groups).reshape(sims, looks)
    out.update(_nps(rng, cell, sims, looks, effect.nps_points))
    return out


def _nps(
    rng: np.random.Generator, cell: Cell, sims: int, looks: int, points: float
) -> dict[str, np.ndarray]:
    """Survey answers from the chunk's buyers: promoters and detractors per chunk."""
    pro, passive, det = NPS_SHARES
    shift = points / 200  # half the shift from detractors to promoters: NPS moves by `points`
    shares = [pro + shift, passive, det - shift]
    answered = rng.binomial(cell.units // looks, cell.buyer_rate, size=(sims, looks))
    scores = rng.multinomial(answered, shares)
    return {
        "nps_n": answered.astype(float),
        "nps_pro": scores[..., 0].astype(float),
        "nps_det": scores[..., 2].astype(float),
    }
