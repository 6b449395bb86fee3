"""The audit's shortcuts give exactly what the plain computations give (bit for bit)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from personalroi.clv import bgnbd, gamma_gamma
from personalroi.clv.summary import AnalysedUnits, load_histories
from personalroi.config import load_config
from personalroi.data.dataset import UNIT_TABLE
from personalroi.data.load import load_dataset
from personalroi.plan.compile import compile_plan


def _customers(n: int = 3000) -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(3)
    x = rng.poisson(1.0, n).astype(float)
    t_x = np.where(x > 0, rng.integers(0, 9, n), 0).astype(float)
    big_t = t_x + rng.integers(0, 9, n)
    spend = np.where(x > 0, np.round(rng.lognormal(3.0, 0.5, n), 2), 0.0)
    return x, t_x, big_t, spend


def test_fits_sum_the_same_per_customer_terms_as_the_log_likelihoods() -> None:
    x, t_x, big_t, spend = _customers()
    fitted = bgnbd.fit(x, t_x, big_t)
    theta = fitted.fit.log_params
    plain = -float(np.sum(bgnbd.log_likelihood(bgnbd.BgNbd.from_log(theta), x, t_x, big_t)))
    assert -fitted.fit.log_likelihood == plain
    keep = (x > 0) & (spend > 0)
    spent = gamma_gamma.fit(x, spend)
    params = gamma_gamma.GammaGamma.from_log(spent.fit.log_params)
    plain = -float(np.sum(gamma_gamma.log_likelihood(params, x[keep], spend[keep])))
    assert -spent.fit.log_likelihood == plain


def test_expected_purchases_by_distinct_history_equal_the_per_customer_ones() -> None:
    x, t_x, big_t, _ = _customers()
    params = bgnbd.BgNbd(0.8, 4.0, 0.5, 2.0)
    (ux, ut, ubig), inverse = bgnbd.distinct_customers(x, t_x, big_t)
    assert ux.size < x.size
    spread = bgnbd.conditional_expected_purchases(params, 12.0, ux, ut, ubig)[inverse]
    direct = bgnbd.conditional_expected_purchases(params, 12.0, x, t_x, big_t)
    assert np.array_equal(spread, direct)


def test_expected_purchases_share_the_x_and_t_part_bit_for_bit() -> None:
    """One parameter set, and a column of draws as the bootstrap passes them."""
    x, t_x, big_t, _ = _customers()
    (ux, ut, ubig), _ = bgnbd.distinct_customers(x, t_x, big_t)
    assert bgnbd.distinct_rows(ux, ubig)[0][0].size < ux.size  # histories share (x, T)
    rng = np.random.default_rng(5)
    draws = bgnbd.BgNbd(*(np.exp(rng.normal(0.0, 1.0, (400, 1))) for _ in range(4)))
    for params in [bgnbd.BgNbd(0.8, 4.0, 0.5, 2.0), bgnbd.BgNbd(0.24, 4.4, 0.79, 2.4), draws]:
        with np.errstate(all="ignore"):
            shared = bgnbd.conditional_expected_purchases(params, 12.0, ux, ut, ubig)
            # Each history alone: nothing to share with another one.
            alone = [
                bgnbd.conditional_expected_purchases(
                    params, 12.0, *(v[[i]] for v in (ux, ut, ubig))
                )
                for i in range(ux.size)
            ]
            plain = np.concatenate(alone, axis=-1)
        assert shared.shape == plain.shape
        assert np.array_equal(shared, plain, equal_nan=True)


def test_clv_histories_from_the_audit_units_equal_those_from_the_files(
    example_config: Path,
) -> None:
    plan = compile_plan(load_config(example_config))
    data = load_dataset(plan)
    alone = load_histories(plan)
    shared = load_histories(
        plan, analysed=AnalysedUnits(data.con, UNIT_TABLE, [data.control, *data.treatments])
    )
    assert alone.arms == shared.arms and alone.observation_end == shared.observation_end
    for arm in alone.arms:
        a, b = alone.by_arm[arm], shared.by_arm[arm]
        assert a.units == b.units and a.units > 0
        for name in ("purchase_days", "orders", "revenue", "repeat_spend", "span_days"):
            assert np.array_equal(getattr(a, name), getattr(b, name)), (arm, name)


def test_spenders_total_is_the_sum_of_the_per_customer_log_likelihoods() -> None:
    x, _, _, spend = _customers()
    keep = (x > 0) & (spend > 0)
    spenders = gamma_gamma.Spenders(x[keep], spend[keep])
    for p, q, v in [(1.0, 2.0, 30.0), (6.25, 3.7, 15.1), (0.3, 12.0, 400.0)]:
        params = gamma_gamma.GammaGamma(p, q, v)
        plain = float(np.sum(gamma_gamma.log_likelihood(params, x[keep], spend[keep])))
        assert spenders.total(params) == plain  # bit for bit: the fits' path is unchanged


def test_histories_give_each_customers_log_likelihood_bit_for_bit() -> None:
    x, t_x, big_t, _ = _customers()
    histories = bgnbd.Histories(x, t_x, big_t)
    assert histories.distinct_x.size < histories.x.size < x.size
    draws = [(0.8, 4.0, 0.5, 2.0), (0.24, 4.4, 0.79, 2.4), (3.0, 0.01, 40.0, 1e-6)]
    for r, alpha, a, b in [*draws, (1e-9, 1e9, 1e9, 1e-9)]:
        params = bgnbd.BgNbd(r, alpha, a, b)
        with np.errstate(all="ignore"):
            plain = bgnbd.log_likelihood(params, x, t_x, big_t)
            assert np.array_equal(histories.each(params), plain, equal_nan=True)
            assert histories.total(params) == float(np.sum(plain))
