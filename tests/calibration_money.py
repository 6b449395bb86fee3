"""Are the reported probabilities calibrated? Chance to beat control and P(ROI > 0).

A probability is calibrated when, among experiments that report about 0.8, about
80 % truly have the property. That needs true effects that vary between
experiments, and the answer depends on how they vary: the flat-prior normal
posterior behind both probabilities is calibrated when the true effects are
spread evenly over many standard errors around every reported value. So each
simulated experiment draws its own true order-value lift uniform over
[break-even - 4 SE, break-even + 4 SE], SE the A/A standard deviation of the
relative lift of revenue per visitor (closed form, `Cell.relative_se`), with
costs set so that break-even is one SE above 0. A relative lift cannot go below
-100 %, so that range exists only where 4 SE <= 90 % (`flat_prior`); where the SE
is larger, any range of true lifts is lopsided around the reported values and
the share that pays measures the range, not the method (the harness before this
one capped the range at +-90 %: with break-even at +76 % of a cell's lift it found
"0.81 reported, 65 % paying" at sigma 1.6, and 0 % paying in a cell where no
drawn lift reached break-even).

Where no flat range exists, `run_at_break_even` checks what does not need one:
with the true ROI exactly 0, a calibrated P(ROI > 0) is uniform on [0, 1], so it
reports >= 0.95 (the verdict `pays`) in 5 % of experiments and <= 0.05
(`does_not_pay`) in 5 %.

The chance to beat control is scored against "the true lift is > 0"; P(ROI > 0)
against "the true revenue lift per visitor exceeds the break-even lift". Both
come from the audit's own functions: `metric_rows` for the row and `roi.money` +
`roi.uncertainty` for the ROI, as `audit.roi_section` calls them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from calibration_grid import ALPHA, _rows, arm_stats
from calibration_sim import Cell, Effect, arm_sums
from scipy import stats

from personalroi.roi.money import CashItem, Economics, UnitLift, arm_money, roi_slope
from personalroi.roi.uncertainty import RoiInterval, roi_interval

REVENUE = ("revenue", "revenue+cuped")
BAND = (0.7, 0.9)  # "reports about 0.8"
# Reliability bins of the reported probability; the ends are the verdict's thresholds.
BINS = (0.0, 0.05, 0.2, 0.4, 0.6, 0.8, 0.95, 1.0)
EXPERIMENTS_PER_MONTH = 100_000.0
FLAT_SE = 0.225  # 4 SE below break-even (1 SE) must stay above a -90 % lift
ROI = "P(ROI > 0)"
BEAT = "chance to beat control"


def flat_prior(cell: Cell) -> bool:
    """A range of true lifts flat over +-4 SE around break-even fits above -90 %."""
    return cell.relative_se <= FLAT_SE


Pair = tuple[float, bool]  # (reported probability, truly positive)


@dataclass
class Reports:
    """(reported probability, truly positive) pairs per metric and quantity."""

    pairs: dict[tuple[str, str], list[Pair]]

    def band(
        self, key: tuple[str, str], band: tuple[float, float] = BAND
    ) -> tuple[int, float, float]:
        """Experiments reporting within `band`: count, mean reported, share truly positive."""
        chosen = [(p, t) for p, t in self.pairs.get(key, []) if band[0] <= p < band[1]]
        if not chosen:
            return 0, float("nan"), float("nan")
        reported, truth = zip(*chosen, strict=True)
        return len(chosen), float(np.mean(reported)), float(np.mean(truth))

    def bins(self, key: tuple[str, str]) -> list[tuple[float, float, int, float, float]]:
        """Per reliability bin: its ends, count, mean reported and share truly positive."""
        out = []
        for low, high in zip(BINS[:-1], BINS[1:], strict=True):
            top = high + 1e-12 if high == BINS[-1] else high  # the last bin includes 1
            out.append((low, high, *self.band(key, (low, top))))
        return out


def priced(
    econ: Economics, costs: Sequence[CashItem], absolute: float, se: float, control: float
) -> tuple[float, RoiInterval] | None:
    """The ROI and its interval as audit/roi_section.py computes them for these lifts."""
    money = arm_money(UnitLift(absolute, absolute, control), econ, costs, [])
    if money.roi is None:
        return None
    slope = roi_slope(econ, money.investment)
    return money.roi, roi_interval(money.roi, slope, se, ALPHA)


def _money(
    econ: Economics, costs: Sequence[CashItem], absolute: float, se: float, control: float
) -> float | None:
    """P(ROI > 0) as audit/roi_section.py computes it for an arm with these lifts."""
    found = priced(econ, costs, absolute, se, control)
    return None if found is None else found[1].probability_positive


def break_even_costs(cell: Cell, break_even: float) -> tuple[Economics, list[CashItem]]:
    """Economics and costs under which the ROI is 0 at `break_even` (relative lift)."""
    econ = Economics(EXPERIMENTS_PER_MONTH, 1)
    investment = EXPERIMENTS_PER_MONTH * cell.revenue_per_visitor * break_even
    return econ, [CashItem("build", "technology", one_off=investment)]


def run_reliability(cell: Cell, sims: int, seed: int) -> Reports:
    """Experiments whose true lift is uniform over break-even +- 4 SE (a flat-prior cell)."""
    assert flat_prior(cell), cell
    rng = np.random.default_rng(seed)
    se = cell.relative_se
    break_even = se  # relative lift at which the investment pays for itself
    lifts = rng.uniform(break_even - 4 * se, break_even + 4 * se, sims)
    control = {k: v.tolist() for k, v in arm_sums(rng, cell, sims, 1, Effect()).items()}
    treated = arm_sums(rng, cell, sims, 1, Effect(), value_lift=lifts)
    treat = {k: v.tolist() for k, v in treated.items()}
    econ, costs = break_even_costs(cell, break_even)
    pairs: dict[tuple[str, str], list[Pair]] = {}
    for i in range(sims):
        for row in _rows(arm_stats(control, i, 0), arm_stats(treat, i, 0), REVENUE):
            c = row.comparison
            if row.chance_to_beat_control is None or c.absolute_lift is None:
                continue  # below the minimum: no probability is reported
            pairs.setdefault((row.metric, BEAT), []).append(
                (row.chance_to_beat_control, bool(lifts[i] > 0))
            )
            if c.absolute_se is None:
                continue
            p = _money(econ, costs, c.absolute_lift, c.absolute_se, c.control_value or 0.0)
            if p is not None:
                pairs.setdefault((row.metric, ROI), []).append((p, bool(lifts[i] > break_even)))
    return Reports(pairs)


def run_at_break_even(cell: Cell, sims: int, seed: int) -> list[float]:
    """P(ROI > 0) of experiments whose true lift is exactly the break-even lift (ROI 0)."""
    rng = np.random.default_rng(seed)
    break_even = cell.relative_se
    control = {k: v.tolist() for k, v in arm_sums(rng, cell, sims, 1, Effect()).items()}
    lifted = arm_sums(rng, cell, sims, 1, Effect(order_value=break_even))
    treat = {k: v.tolist() for k, v in lifted.items()}
    econ, costs = break_even_costs(cell, break_even)
    out = []
    for i in range(sims):
        (row,) = _rows(arm_stats(control, i, 0), arm_stats(treat, i, 0), ["revenue"])
        c = row.comparison
        if row.chance_to_beat_control is None or c.absolute_lift is None or c.absolute_se is None:
            continue
        p = _money(econ, costs, c.absolute_lift, c.absolute_se, c.control_value or 0.0)
        if p is not None:
            out.append(p)
    return out


def merge(reports: list[Reports]) -> Reports:
    out: dict[tuple[str, str], list[Pair]] = {}
    for r in reports:
        for key, pairs in r.pairs.items():
            out.setdefault(key, []).extend(pairs)
    return Reports(out)


def _error(share: float, count: int) -> float:
    return float(np.sqrt(share * (1 - share) / count)) if count else float("nan")


def render_reliability(reports: dict[float, Reports]) -> str:
    """P(ROI > 0) per sigma (flat-prior cells pooled), binned by the reported probability."""
    lines = [
        "| σ | reported P(ROI > 0) | experiments | mean reported | share truly paying "
        "| Monte Carlo error |",
        "| ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    for sigma, rep in reports.items():
        for low, high, count, reported, truth in rep.bins(("revenue", ROI)):
            if not count:
                continue
            closing = "]" if high == BINS[-1] else ")"
            lines.append(
                f"| {sigma:g} | [{low:.2f}, {high:.2f}{closing} | {count:,} | {reported:.3f} "
                f"| {truth:.3f} | ±{_error(truth, count):.3f} |"
            )
    return "\n".join(lines) + "\n"


def render_band(reports: dict[float, Reports]) -> str:
    """Per sigma: experiments reporting 0.7-0.9, each probability, with and without CUPED."""
    lines = [
        "| σ | metric | probability | experiments reporting 0.7-0.9 | mean reported "
        "| share truly positive (ROI: truly paying) | Monte Carlo error |",
        "| ---: | --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for sigma, rep in reports.items():
        for key in sorted(rep.pairs):
            count, reported, truth = rep.band(key)
            metric = "revenue per visitor" + (", CUPED" if "+" in key[0] else "")
            lines.append(
                f"| {sigma:g} | {metric} | {key[1]} | {count:,} | {reported:.3f} | {truth:.3f} "
                f"| ±{_error(truth, count):.3f} |"
            )
    return "\n".join(lines) + "\n"


def render_break_even(found: dict[Cell, list[float]]) -> str:
    """Per cell: how often P(ROI > 0) reaches the verdicts' thresholds when ROI is truly 0."""
    lines = [
        "| σ | units/arm | buyer rate | SE of the relative lift | experiments "
        "| P(ROI > 0) >= 0.95 (`pays`) | P(ROI > 0) <= 0.05 (`does_not_pay`) "
        "| P(ROI > 0) >= 0.5 |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for cell, reported in found.items():
        p = np.asarray(reported)
        lines.append(
            f"| {cell.sigma:g} | {cell.units:,} | {100 * cell.buyer_rate:g} % "
            f"| {cell.relative_se:.2f} | {p.size:,} | {100 * np.mean(p >= 0.95):.1f} % "
            f"| {100 * np.mean(p <= 0.05):.1f} % | {100 * np.mean(p >= 0.5):.1f} % |"
        )
    return "\n".join(lines) + "\n"


# P(ROI > 0) at a true ROI of 0, as the audit reports it and as alternatives would.
ALTERNATIVES = ("normal (the audit)", "Welch t", "log ratio", "Edgeworth")


def break_even_alternatives(cell: Cell, sims: int, seed: int) -> dict[str, np.ndarray]:
    """On `run_at_break_even`'s experiments (same seed, same draws), P(ROI > 0) of:

    - normal (the audit): Phi(z), z = (lift - break-even) / SE, the Welch lift and SE;
    - Welch t: the Student t with Welch-Satterthwaite df instead of the normal;
    - log ratio: ROI > 0 iff mean_t > mean_c + break-even, so the delta method on
      log(mean_t) - log(mean_c + break-even), which is less skewed than the difference;
    - Edgeworth: the studentized difference's one-term expansion (Hall 1992),
      Phi(z) + k3 / 6 (2 z^2 + 1) phi(z), k3 the difference's standardized third
      cumulant from each arm's third central moment (which aggregated input lacks).
    """
    rng = np.random.default_rng(seed)
    break_even = cell.relative_se
    control = arm_sums(rng, cell, sims, 1, Effect())
    treat = arm_sums(rng, cell, sims, 1, Effect(order_value=break_even))
    threshold = cell.revenue_per_visitor * break_even  # the break-even absolute lift

    def moments(a: dict[str, np.ndarray]) -> tuple[np.ndarray, ...]:
        n, s1, s2, s3 = (a[k][:, 0] for k in ("n", "x", "x*x", "x*x*x"))
        mean = s1 / n
        variance = (s2 - n * mean**2) / (n - 1)
        third = s3 / n - 3 * mean * s2 / n + 2 * mean**3
        return n, mean, variance, third

    n_c, m_c, v_c, k_c = moments(control)
    n_t, m_t, v_t, k_t = moments(treat)
    ok = (v_c > 0) & (v_t > 0)
    se = np.sqrt(v_c / n_c + v_t / n_t)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (m_t - m_c - threshold) / se
        df = se**4 / ((v_c / n_c) ** 2 / (n_c - 1) + (v_t / n_t) ** 2 / (n_t - 1))
        log_lift = np.log(m_t) - np.log(m_c + threshold)
        log_se = np.sqrt(v_t / (n_t * m_t**2) + v_c / (n_c * (m_c + threshold) ** 2))
        k3 = (k_t / n_t**2 - k_c / n_c**2) / se**3
        edgeworth = stats.norm.cdf(z) + k3 / 6 * (2 * z**2 + 1) * stats.norm.pdf(z)
        out = {
            ALTERNATIVES[0]: stats.norm.cdf(z),
            ALTERNATIVES[1]: stats.t.cdf(z, df),
            ALTERNATIVES[2]: stats.norm.cdf(log_lift / log_se),
            ALTERNATIVES[3]: np.clip(edgeworth, 0.0, 1.0),
        }
    return {k: v[ok & (m_t > 0)] for k, v in out.items()}


def render_alternatives(found: dict[Cell, dict[str, np.ndarray]]) -> str:
    """Per cell and method: how often `pays` and `does_not_pay` come out at a true ROI of 0."""
    lines = [
        "| σ | units/arm | buyer rate | z: mean, SD, 5 % and 95 % quantile | "
        + " | ".join(ALTERNATIVES)
        + " |",
        "| ---: | ---: | ---: | ---: |" + " ---: |" * len(ALTERNATIVES),
    ]
    for cell, by_method in found.items():
        # The audit's pivot z = (lift - break-even) / SE, N(0, 1) when calibrated.
        z = stats.norm.ppf(np.clip(by_method[ALTERNATIVES[0]], 1e-300, 1 - 1e-16))
        q05, q95 = np.quantile(z, [0.05, 0.95])
        cells = [f"{np.mean(z):+.2f}, {np.std(z):.2f}, {q05:+.2f}, {q95:+.2f}"]
        for name in ALTERNATIVES:
            p = by_method[name]
            cells.append(f"{100 * np.mean(p >= 0.95):.1f} / {100 * np.mean(p <= 0.05):.1f} %")
        lines.append(
            f"| {cell.sigma:g} | {cell.units:,} | {100 * cell.buyer_rate:g} % | "
            + " | ".join(cells)
            + " |"
        )
    return "\n".join(lines) + "\n"
