"""Novelty: the WLS slope against statsmodels; the finding rate by simulation with known truth."""

from __future__ import annotations

import numpy as np
import pytest
import statsmodels.api as sm

from personalroi.audit.trend import level_rows, novelty_entries
from personalroi.config.model import MetricConfig
from personalroi.data.grouped import ArmKey, MetricStats
from personalroi.stats.sufficient import SampleStats
from personalroi.stats.trend import weighted_slope

REVENUE = {"revenue": MetricConfig(type="mean", value="orders.amount")}


def test_slope_and_se_match_statsmodels_wls_with_known_variances() -> None:
    rng = np.random.default_rng(1)
    x = np.arange(7, dtype=float)
    se = rng.uniform(0.02, 0.08, 7)
    y = 0.1 - 0.01 * x + rng.normal(0, se)
    test = weighted_slope(list(x), list(y), list(se), 0.05)
    fit = sm.WLS(y, sm.add_constant(x), weights=1 / se**2).fit(
        cov_type="fixed scale", cov_kwds={"scale": 1.0}
    )
    assert test is not None
    assert test.slope == pytest.approx(fit.params[1], rel=1e-9)
    assert test.intercept == pytest.approx(fit.params[0], rel=1e-9)
    assert test.se == pytest.approx(fit.bse[1], rel=1e-9)
    assert test.p_value == pytest.approx(fit.pvalues[1], rel=1e-9)
    assert test.ci == pytest.approx(tuple(fit.conf_int(0.05)[1]), rel=1e-9)


def test_too_few_points_or_no_spread_is_none() -> None:
    assert weighted_slope([0.0, 1.0], [0.1, 0.2], [0.1, 0.1], 0.05) is None
    assert weighted_slope([2.0, 2.0, 2.0], [0.1, 0.2, 0.3], [0.1, 0.1, 0.1], 0.05) is None
    assert weighted_slope([0.0, 1.0, 2.0], [0.1, 0.2, 0.3], [0.1, 0.0, 0.1], 0.05) is None


def simulate_weeks(
    rng: np.random.Generator, n: int, effects: list[float]
) -> dict[ArmKey, MetricStats]:
    """Weekly revenue per unit: a persistent unit propensity (weeks correlate within a
    unit), log-normal baskets, and a treatment effect on spend of effects[k] in week k.
    Units arrive over the first weeks, so later weeks have fewer units (as in the audit)."""
    weeks = len(effects)
    out: dict[ArmKey, MetricStats] = {}
    for arm in ("control", "treat"):
        propensity = rng.gamma(0.5, 0.4, n)
        observed = weeks - rng.integers(0, 3, n)  # full weeks each unit has
        for k in range(weeks):
            units = propensity[observed > k]
            buys = rng.poisson(units)
            spend = buys * rng.lognormal(3.5, 0.8, units.size)
            if arm == "treat":
                spend = spend * (1 + effects[k])
            out[(arm, str(k))] = {
                "revenue": SampleStats(int(spend.size), float(spend.sum()), float(spend @ spend))
            }
    return out


def finding_rates(sims: int, effects: list[float], seed: int, n: int = 3000) -> tuple[float, float]:
    """Share of simulated experiments with a novelty finding, and with any significant drift."""
    rng = np.random.default_rng(seed)
    novelty = drift = 0
    for _ in range(sims):
        stats = simulate_weeks(rng, n, effects)
        rows = level_rows(REVENUE, stats, "week", "control", ["treat"], 0.05)
        (entry,) = novelty_entries(rows, stats, REVENUE, "control", 0.05, "holm")
        novelty += entry.novelty
        drift += entry.drifts
    return novelty / sims, drift / sims


DECAYING = [0.50, 0.30, 0.15, 0.08, 0.04, 0.02]
CONSTANT = [0.10] * 6


def test_decaying_effect_is_found_and_constant_effect_rarely_fast() -> None:
    found, _ = finding_rates(60, DECAYING, seed=2, n=4000)
    assert found >= 0.8
    false_novelty, false_drift = finding_rates(200, CONSTANT, seed=3)
    assert false_novelty <= 0.06
    assert false_drift <= 0.10


@pytest.mark.slow
def test_constant_effect_finding_rate_is_at_most_alpha_slow() -> None:
    found, _ = finding_rates(300, DECAYING, seed=4, n=4000)
    false_novelty, false_drift = finding_rates(3000, CONSTANT, seed=5)
    print(f"power {found:.3f}, novelty FPR {false_novelty:.4f}, drift FPR {false_drift:.4f}")
    assert found >= 0.9
    assert false_novelty <= 0.04  # one-sided decay: about alpha / 2
    assert false_drift <= 0.065
