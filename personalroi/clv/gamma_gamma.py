"""Gamma-Gamma: the spend per transaction (Fader, Hardie and Lee 2005, "RFM and CLV").

A customer's transactions are Gamma(p, nu) with nu ~ Gamma(q, v) across
customers; spend is assumed independent of purchase frequency. The model is
fitted on repeat buyers (x > 0) and their mean repeat-transaction value.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import special

from personalroi.clv.mle import LogFit, fit_log_params


@dataclass(frozen=True)
class GammaGamma:
    p: float
    q: float
    v: float

    @classmethod
    def from_log(cls, theta: np.ndarray) -> GammaGamma:
        p, q, v = (float(t) for t in np.exp(theta))
        return cls(p, q, v)

    def as_dict(self) -> dict[str, float]:
        return {"p": self.p, "q": self.q, "v": self.v}

    @property
    def mean_spend(self) -> float:
        """Population mean spend per transaction, p v / (q - 1); infinite for q <= 1."""
        return self.p * self.v / (self.q - 1) if self.q > 1 else float("inf")


@dataclass(frozen=True)
class GammaGammaFit:
    params: GammaGamma
    fit: LogFit


def log_likelihood(params: GammaGamma, x: np.ndarray, mean_spend: np.ndarray) -> np.ndarray:
    """Each repeat buyer's log-density of their mean spend, given x transactions."""
    p, q, v = params.p, params.q, params.v
    px = p * x
    return np.asarray(
        special.gammaln(px + q)
        - special.gammaln(px)
        - special.gammaln(q)
        + q * np.log(v)
        + (px - 1) * np.log(mean_spend)
        + px * np.log(x)
        - (px + q) * np.log(v + x * mean_spend)
    )


class Spenders:
    """Repeat buyers' (x, mean spend), with what does not change between evaluations of
    the log-likelihood computed once: `total` gives exactly np.sum(log_likelihood(...))
    (the same terms in the same order, the gammas of the few distinct x evaluated once
    each), several times faster; the fits evaluate it a thousand times."""

    def __init__(self, x: np.ndarray, mean_spend: np.ndarray) -> None:
        self.x, self.m = np.asarray(x, dtype=float), np.asarray(mean_spend, dtype=float)
        self.distinct, inverse = np.unique(self.x, return_inverse=True)
        self.inverse = inverse.reshape(-1)
        self.log_m, self.log_x = np.log(self.m), np.log(self.x)

    def total(self, params: GammaGamma) -> float:
        """The sum of the customers' log-likelihoods under `params`."""
        p, q, v = params.p, params.q, params.v
        x, m = self.x, self.m
        px, p_distinct = p * x, p * self.distinct
        gammas = (special.gammaln(p_distinct + q) - special.gammaln(p_distinct))[self.inverse]
        terms = (
            gammas
            - special.gammaln(q)
            + q * np.log(v)
            + (px - 1) * self.log_m
            + px * self.log_x
            - (px + q) * np.log(v + x * m)
        )
        return float(np.sum(terms))


def fit(x: np.ndarray, mean_spend: np.ndarray) -> GammaGammaFit:
    """Maximum-likelihood fit of (p, q, v) on customers with x > 0 and positive spend."""
    x, m = np.asarray(x, dtype=float), np.asarray(mean_spend, dtype=float)
    keep = (x > 0) & (m > 0)
    spenders = Spenders(x[keep], m[keep])

    def negative_ll(theta: np.ndarray) -> float:
        return -spenders.total(GammaGamma.from_log(theta))

    level = float(np.mean(spenders.m)) if spenders.m.size else 1.0
    start = np.log(np.array([1.0, 2.0, max(level, 1e-3)]))
    result = fit_log_params(negative_ll, start, max(spenders.x.size, 1))
    return GammaGammaFit(GammaGamma.from_log(result.log_params), result)


def conditional_expected_spend(
    params: GammaGamma, x: np.ndarray, mean_spend: np.ndarray
) -> np.ndarray:
    """E[spend per transaction | x, mean spend]: a credibility-weighted mean (equation 5).

    (v + x m) p / (p x + q - 1) blends the population mean with the customer's
    own mean; customers without repeat purchases get the population mean.
    """
    p, q, v = params.p, params.q, params.v
    x = np.asarray(x, dtype=float)
    m = np.where(x > 0, np.asarray(mean_spend, dtype=float), 0.0)
    return np.asarray((v + x * m) * p / (p * x + q - 1))
