"""Synthetic experiments with known true effects, for demos, tests and benchmarks.

Revenue is zero-inflated log-normal (most visitors buy nothing); conversion
depends on segment, channel and device; the first week of August is a sale
with a higher baseline; the personalized arms move conversion, order value,
bounce rate and NPS by the amounts in `TRUE_EFFECTS`.

Engagement extras (`_engagement`): every page view shows one recommendation
slot, default in control, personalized on half of the pages in "subtle" and on
all of them in "extreme"; personalized slots are clicked more often
(`element_ctr`), and visitors who buy click more and stay longer, so clicks and
time on site go with conversion (an association built in, not a causal effect).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

# A table as its columns, in file order: numpy arrays of equal length. Timestamps are
# datetime64[s]; the CSV writer (data/sample_csv.py) prints them as YYYY-MM-DD HH:MM:SS.
Columns = dict[str, np.ndarray]

ARMS = ("generic", "subtle", "extreme")
SPLIT = (0.34, 0.33, 0.33)
START = dt.date(2026, 7, 1)
DAYS = 62
_EPOCH = np.datetime64(START, "s")
SALE = (dt.date(2026, 8, 1), dt.date(2026, 8, 7))

# Relative effects against control (NPS in points), per personalized arm.
TRUE_EFFECTS: dict[str, dict[str, float]] = {
    "subtle": {
        "conversion_rate": 0.06,
        "average_order_value": 0.0,
        "bounce_rate": -0.04,
        "nps_points": 2.0,
        "page_load_errors": 0.0,
        "element_ctr": 0.25,
    },
    "extreme": {
        "conversion_rate": 0.12,
        "average_order_value": 0.04,
        "bounce_rate": -0.08,
        "nps_points": -3.0,
        "page_load_errors": 0.10,
        "element_ctr": 0.5,
    },
}
BASE_CONVERSION = 0.05
BASE_BOUNCE = 0.42
SEGMENTS = {"new": (0.55, 0.7), "returning": (0.35, 1.2), "loyal": (0.10, 2.0)}
CHANNELS = {
    "organic": (0.35, 1.0),
    "paid_search": (0.25, 1.1),
    "email": (0.15, 1.5),
    "social": (0.15, 0.6),
    "direct": (0.10, 1.2),
}
DEVICES = {"mobile": (0.55, 0.8), "desktop": (0.38, 1.3), "tablet": (0.07, 1.0)}
# Repeat purchases follow a BG/NBD process (rates per week, scaled by segment):
# lambda ~ Gamma(r, rate alpha), drop-out after each repeat purchase p ~ Beta(a, b).
REPEAT_PROCESS = {"r": 0.8, "alpha": 5.0, "a": 1.0, "b": 3.0}
CATEGORIES = ("fashion", "home", "electronics", "beauty", "sports")
# Chance that a repeat order is from a category the customer has not bought yet:
# recommendations broaden baskets (no revenue effect, so TRUE_EFFECTS still hold).
NEW_CATEGORY_CHANCE = {"generic": 0.3, "subtle": 0.3, "extreme": 0.45}
TOUCH_CHANNELS = ("organic", "paid_search", "email", "social", "direct", "display")
# Recommendation slots: one per page view; the share of them personalized per arm.
PERSONALIZED_SLOTS = {"generic": 0.0, "subtle": 0.5, "extreme": 1.0}
BASE_CTR = 0.03  # default slot, non-buying visitor; x segment, x arm (personalized slots)
SEGMENT_CTR = {"new": 0.8, "returning": 1.0, "loyal": 1.4}
BUYER_CTR = 2.5  # visitors who buy click 2.5 times as often
BUYER_TIME = 1.8  # and their engaged (non-bounced) sessions last about 1.8 times as long


@dataclass(frozen=True)
class SampleData:
    visitors: Columns
    orders: Columns
    sessions: Columns
    nps: Columns
    touchpoints: Columns

    def tables(self) -> dict[str, Columns]:
        """File stem -> table, as the example config names them."""
        return {
            "visitors": self.visitors,
            "orders": self.orders,
            "sessions": self.sessions,
            "nps": self.nps,
            "touchpoints": self.touchpoints,
        }


def true_relative_lifts(arm: str) -> dict[str, float]:
    """The true relative lift of each metric in `arm`, including derived ones."""
    eff = TRUE_EFFECTS[arm]
    conv, aov = eff["conversion_rate"], eff["average_order_value"]
    return {
        "conversion_rate": conv,
        "average_order_value": aov,
        "revenue_per_visitor": (1 + conv) * (1 + aov) - 1,
        "bounce_rate": eff["bounce_rate"],
        "page_load_errors": eff["page_load_errors"],
    }


def _pick(
    rng: np.random.Generator, table: dict[str, tuple[float, float]], n: int
) -> tuple[np.ndarray, np.ndarray]:
    names = np.array(list(table))
    shares = np.array([v[0] for v in table.values()])
    idx = rng.choice(len(names), size=n, p=shares / shares.sum())
    return names[idx], np.array([v[1] for v in table.values()])[idx]


def generate(units: int, seed: int = 7) -> SampleData:
    rng = np.random.default_rng(seed)
    n = units
    arm_idx = rng.choice(len(ARMS), size=n, p=SPLIT)
    arm = np.array(ARMS)[arm_idx]
    segment, seg_mult = _pick(rng, SEGMENTS, n)
    channel, ch_mult = _pick(rng, CHANNELS, n)
    device, dev_mult = _pick(rng, DEVICES, n)
    day = rng.integers(0, DAYS, size=n)
    exposure = _EPOCH + _seconds(day * 86400 + rng.integers(0, 86400, n))
    in_sale = (day >= (SALE[0] - START).days) & (day <= (SALE[1] - START).days)

    def effect(key: str) -> np.ndarray:
        out = np.zeros(n)
        for name, eff in TRUE_EFFECTS.items():
            out[arm == name] = eff[key]
        return out

    propensity = seg_mult * ch_mult * dev_mult * np.where(in_sale, 1.5, 1.0)
    p_convert = np.clip(BASE_CONVERSION * propensity * (1 + effect("conversion_rate")), 0, 0.9)
    converted = rng.random(n) < p_convert
    n_orders = np.where(converted, 1 + rng.poisson(0.25 * seg_mult), 0)
    order_unit = np.repeat(np.arange(n), n_orders)
    aov_mult = (1 + effect("average_order_value"))[order_unit]
    # exp(mu + sigma^2/2) is the mean of the log-normal: 3.9, 0.7 gives about 63.
    amount = np.round(rng.lognormal(3.9, 0.7, order_unit.size) * aov_mult, 2)
    order_delay = rng.exponential(3.0, order_unit.size) * 86400
    ordered_at = exposure[order_unit] + _seconds(order_delay)
    # A separate stream for the lifetime and touchpoint extras, so every other
    # column stays exactly as it was before they were added.
    extra = np.random.default_rng([seed, 6])
    orders = _lifetime_orders(extra, order_unit, ordered_at, amount, seg_mult, arm)

    n_sessions = 1 + rng.poisson(1.2 * seg_mult)
    sess_unit = np.repeat(np.arange(n), n_sessions)
    p_bounce = np.clip(BASE_BOUNCE / np.sqrt(propensity) * (1 + effect("bounce_rate")), 0.05, 0.95)
    bounced = rng.random(sess_unit.size) < p_bounce[sess_unit]
    pages = np.where(bounced, 1, 2 + rng.poisson(3.0 * np.sqrt(seg_mult[sess_unit])))
    seconds = np.where(
        bounced,
        rng.integers(3, 30, sess_unit.size),
        np.round(rng.lognormal(5.0, 0.8, sess_unit.size)),
    )
    errors = rng.poisson(0.05 * (1 + effect("page_load_errors"))[sess_unit])
    started_at = exposure[sess_unit] + _seconds(rng.exponential(5.0, sess_unit.size) * 86400)
    engaged = _engagement(
        np.random.default_rng([seed, 7]), sess_unit, pages, bounced, converted, arm, segment
    )
    sessions = {
        "visitor_id": sess_unit + 1,
        "started_at": started_at,
        "pages": pages,
        "time_on_site": np.round(seconds * engaged.pop("time_factor")).astype(np.int64),
        "bounced": bounced.astype(np.int64),
        "errors": errors,
        **engaged,
    }

    responded = rng.random(n) < 0.12
    nps_unit = np.flatnonzero(responded)
    shift = effect("nps_points")[nps_unit] / 100
    u = rng.random(nps_unit.size)
    # Control: 45 % promoters, 25 % detractors (NPS 20); effects move promoters.
    p_pro, p_det = 0.45 + shift / 2, 0.25 - shift / 2
    score = np.where(
        u < p_pro,
        rng.integers(9, 11, nps_unit.size),
        np.where(
            u < p_pro + p_det, rng.integers(0, 7, nps_unit.size), rng.integers(7, 9, nps_unit.size)
        ),
    )
    nps = {"visitor_id": nps_unit + 1, "score": score}

    pre_revenue = np.round(
        np.where(rng.random(n) < 0.3 * seg_mult, rng.lognormal(3.5, 0.9, n), 0.0)
        + 20 * converted * rng.random(n),
        2,
    )
    visitors = {
        "visitor_id": np.arange(1, n + 1),
        "variant": arm,
        "segment": segment,
        "channel": channel,
        "device": device,
        "first_exposure": exposure,
        "pre_revenue": pre_revenue,
    }
    touchpoints = _touchpoints(extra, exposure, channel, arm)
    return SampleData(visitors, orders, sessions, nps, touchpoints)


def element_ctr(arm: str, segment: str, buyer: bool, personalized: bool) -> float:
    """The true click-through probability of one recommendation slot."""
    lift = 1 + TRUE_EFFECTS[arm]["element_ctr"] if personalized and arm in TRUE_EFFECTS else 1.0
    return BASE_CTR * SEGMENT_CTR[segment] * (BUYER_CTR if buyer else 1.0) * lift


def _engagement(
    rng: np.random.Generator,
    sess_unit: np.ndarray,
    pages: np.ndarray,
    bounced: np.ndarray,
    converted: np.ndarray,
    arm: np.ndarray,
    segment: np.ndarray,
) -> dict[str, np.ndarray]:
    """Slot impressions and clicks per session, and a time factor for buyers' sessions.

    Drawn from their own stream, so every other column stays as it was.
    """
    s_arm, s_seg, s_buyer = arm[sess_unit], segment[sess_unit], converted[sess_unit]
    share = _lookup(s_arm, PERSONALIZED_SLOTS)
    personal_imp = rng.binomial(pages, share)
    default_imp = pages - personal_imp
    default_ctr = BASE_CTR * _lookup(s_seg, SEGMENT_CTR) * np.where(s_buyer, BUYER_CTR, 1.0)
    lift = _lookup(s_arm, {a: 1 + e["element_ctr"] for a, e in TRUE_EFFECTS.items()}, 1.0)
    ctr = {True: default_ctr * lift, False: default_ctr}
    noise = rng.lognormal(0.0, 0.3, sess_unit.size)
    return {
        "personalized_impressions": personal_imp,
        "personalized_clicks": rng.binomial(personal_imp, ctr[True]),
        "default_impressions": default_imp,
        "default_clicks": rng.binomial(default_imp, ctr[False]),
        "time_factor": np.where(s_buyer & ~bounced, BUYER_TIME * noise, 1.0),
    }


def _lifetime_orders(
    rng: np.random.Generator,
    order_unit: np.ndarray,
    ordered_at: np.ndarray,
    amount: np.ndarray,
    seg_mult: np.ndarray,
    arm: np.ndarray,
) -> Columns:
    """Each buyer's first order, then BG/NBD repeat orders until the data ends.

    Repeat behaviour does not depend on the arm, so the true revenue effects
    stay those of TRUE_EFFECTS; the arms differ in category breadth only.
    """
    first = np.flatnonzero(np.r_[True, order_unit[1:] != order_unit[:-1]])
    unit, start, first_amount = order_unit[first], ordered_at[first], amount[first]
    end = _EPOCH + np.timedelta64(DAYS, "D")
    proc = REPEAT_PROCESS
    rate = rng.gamma(proc["r"], 1 / proc["alpha"], unit.size) * seg_mult[unit] / (7 * 86400)
    dropout = rng.beta(proc["a"], proc["b"], unit.size)
    horizon = (end - start).astype(np.int64).astype(float)  # seconds
    rows_unit, rows_time, rows_idx = [unit], [start], [np.arange(unit.size)]
    clock, alive = np.zeros(unit.size), np.ones(unit.size, dtype=bool)
    while alive.any():
        clock = clock + rng.exponential(1.0, unit.size) / np.maximum(rate, 1e-12)
        alive &= clock < horizon
        idx = np.flatnonzero(alive)
        rows_unit.append(unit[idx])
        rows_idx.append(idx)
        rows_time.append(start[idx] + _seconds(clock[idx]))
        alive &= rng.random(unit.size) >= dropout
    all_unit, all_idx = np.concatenate(rows_unit), np.concatenate(rows_idx)
    times = np.concatenate(rows_time)
    repeat = np.arange(all_unit.size) >= unit.size
    repeat_amount = rng.lognormal(3.9, 0.7, all_unit.size)
    scale = np.ones(all_unit.size)
    for name, eff in TRUE_EFFECTS.items():
        scale[arm[all_unit] == name] = 1 + eff["average_order_value"]
    amounts = np.round(np.where(repeat, repeat_amount * scale, first_amount[all_idx]), 2)
    categories = _categories(rng, all_idx, repeat, arm[all_unit], unit.size)
    order = np.lexsort((times, all_unit))
    return {
        "order_id": np.arange(1, all_unit.size + 1),
        "visitor_id": all_unit[order] + 1,
        "ordered_at": times[order],
        "amount": amounts[order],
        "category": categories[order],
    }


def _categories(
    rng: np.random.Generator, buyer: np.ndarray, repeat: np.ndarray, arm: np.ndarray, buyers: int
) -> np.ndarray:
    """A home category per buyer; a repeat order strays from it with the arm's chance."""
    home = rng.integers(0, len(CATEGORIES), buyers)[buyer]
    stray = np.array([NEW_CATEGORY_CHANCE[a] for a in arm]) > rng.random(buyer.size)
    other = (home + rng.integers(1, len(CATEGORIES), buyer.size)) % len(CATEGORIES)
    return np.array(CATEGORIES)[np.where(repeat & stray, other, home)]


def _touchpoints(
    rng: np.random.Generator, exposure: np.ndarray, channel: np.ndarray, arm: np.ndarray
) -> Columns:
    """Marketing touches around each visitor's exposure; the first is the acquisition channel.

    In the personalized arms, email and display touches are personalized half the time.
    """
    n = exposure.size
    count = 1 + rng.poisson(1.5, n)
    unit = np.repeat(np.arange(n), count)
    first = np.r_[True, unit[1:] != unit[:-1]]
    offset = np.where(first, -rng.exponential(2.0, unit.size), rng.uniform(-3, 12, unit.size))
    when = exposure[unit] + _seconds(offset * 86400)
    picked = np.array(TOUCH_CHANNELS)[rng.integers(0, len(TOUCH_CHANNELS), unit.size)]
    touch_channel = np.where(first, channel[unit], picked)
    personalizable = np.isin(touch_channel, ["email", "display"]) & (arm[unit] != ARMS[0])
    personalized = personalizable & (rng.random(unit.size) < 0.5)
    order = np.lexsort((when, unit))
    return {
        "visitor_id": unit[order] + 1,
        "touched_at": when[order],
        "channel": touch_channel[order],
        "is_personalized": personalized[order].astype(np.int64),
    }


def _seconds(values: np.ndarray) -> np.ndarray:
    """Whole seconds (truncated towards zero, as the draws always were) as a timedelta."""
    return values.astype(np.int64).astype("timedelta64[s]")


def _lookup(keys: np.ndarray, table: dict[str, float], missing: float = 0.0) -> np.ndarray:
    """`table[key]` for every key (`missing` where the key is not in it), vectorized."""
    out = np.full(keys.size, missing)
    for key, value in table.items():
        out[keys == key] = value
    return out


CHUNK_UNITS = 1_000_000


def generate_chunks(units: int, seed: int = 7, chunk: int = CHUNK_UNITS) -> Iterator[SampleData]:
    """`generate` in pieces of at most `chunk` units, so 10 M units fit in little memory.

    The first piece is exactly `generate(min(units, chunk), seed)`; later pieces use
    their own seeded stream and continue the visitor and order ids.
    """
    done = orders = 0
    index = 0
    while done < units:
        size = min(chunk, units - done)
        part = generate(size, seed if index == 0 else _chunk_seed(seed, index))
        part.orders["order_id"] += orders
        for columns in part.tables().values():
            columns["visitor_id"] += done
        yield part
        done += size
        orders += part.orders["order_id"].size
        index += 1


def _chunk_seed(seed: int, index: int) -> int:
    return int(np.random.SeedSequence([seed, index]).generate_state(1)[0])


def config_yaml(data_dir: str, units: int) -> str:
    """The audit config for a generated sample; `data_dir` prefixes the file paths."""
    eligible = 180_000
    return CONFIG_TEMPLATE.format(d=data_dir, eligible=eligible, units=units)


CONFIG_TEMPLATE = """\
# Audit config for a synthetic sample made by `personalroi sample` ({units} visitors).
experiment:
  name: Homepage personalization Q3
  hypothesis: Personalized recommendations raise revenue per visitor by at least 3 %
  alpha: 0.05
  control: generic
  treatments: [subtle, extreme]
  expected_split: {{generic: 0.34, subtle: 0.33, extreme: 0.33}}
  start: 2026-07-01
  end: 2026-08-31
  correction: holm

units:
  path: {d}visitors.csv
  id: visitor_id
  arm: variant
  dimensions: [segment, channel, device]
  timestamp: first_exposure
  covariates: {{revenue_per_visitor: pre_revenue}}

sources:
  orders:   {{path: {d}orders.csv, id: visitor_id, timestamp: ordered_at}}
  sessions: {{path: {d}sessions.csv, id: visitor_id, timestamp: started_at}}
  survey:   {{path: {d}nps.csv, id: visitor_id}}
  touchpoints: {{path: {d}touchpoints.csv, id: visitor_id, timestamp: touched_at}}

metrics:
  conversion_rate:     {{type: binary, value: orders.count, weight: 3, goal: {{relative_lift: 0.05}}}}
  revenue_per_visitor: {{type: mean, value: orders.amount, weight: 3, winsorize: 0.999, goal: {{relative_lift: 0.03}}}}
  average_order_value: {{type: ratio, numerator: orders.amount, denominator: orders.count, weight: 2}}
  bounce_rate:         {{type: binary, value: sessions.bounced, agg: max, better: lower, weight: 1, goal: {{relative_lift: -0.03}}}}
  pages_per_visitor:   {{type: mean, value: sessions.pages, weight: 1}}
  nps:                 {{type: nps, value: survey.score, agg: mean, weight: 1}}
  page_load_errors:    {{type: mean, value: sessions.errors, better: lower, guardrail: true}}
  clv_forecast:        {{type: clv, weight: 3}}

clv:
  source: orders
  amount: amount
  category: category
  time_unit: week

engagement:
  source: sessions
  conversion: orders
  value: amount
  segment: segment
  time_on_site: time_on_site
  pages: pages
  bounced: bounced
  personalized_impressions: personalized_impressions
  personalized_clicks: personalized_clicks
  default_impressions: default_impressions
  default_clicks: default_clicks
  windows: 5

attribution:
  source: touchpoints
  channel: channel
  personalized: is_personalized
  conversions: orders
  value: amount
  half_life_days: 7

costs:
  - {{name: recommendation engine licence, category: technology, monthly: 2500, components: [recommendations]}}
  - {{name: personalization platform, category: technology, monthly: 1500}}
  - {{name: integration project, category: personnel, one_off: 30000}}
  - {{name: content operations, category: ongoing, monthly: 4000}}
savings:
  - {{name: fewer untargeted email sends, category: marketing, monthly: 1500}}

arms:
  subtle:  {{components: [banner]}}
  extreme: {{components: [banner, recommendations]}}

economics:
  currency: EUR
  revenue_metric: revenue_per_visitor
  eligible_units_per_month: {eligible}
  horizon_months: 12
  gross_margin: 0.35
  discount_rate: 0.08

scorecard:
  pass_score: 20      # low on purpose: at {units} visitors most goals are not yet significant
  roi_goal: 0.5
  roi_weight: 3

calendar:
  - {{name: summer sale, start: 2026-08-01, end: 2026-08-07}}
governance:
  max_concurrent_changes: 3
  changes: [{{date: 2026-07-15, description: new checkout button}}]
"""
