"""Normal, Student t and chi-square tails from scipy.special.

scipy.stats costs over a second to import on a small machine, more than
DuckDB needs to scan a million rows; scipy.special computes the same values
(scipy.stats calls these very functions) in a fraction of the start-up time.
"""

from __future__ import annotations

from scipy import special


def norm_cdf(x: float) -> float:
    return float(special.ndtr(x))


def norm_ppf(p: float) -> float:
    return float(special.ndtri(p))


def t_ppf(p: float, df: float) -> float:
    return float(special.stdtrit(df, p))


def t_sf(x: float, df: float) -> float:
    return float(special.stdtr(df, -x))


def chi2_sf(x: float, df: float) -> float:
    return float(special.chdtrc(df, x))
