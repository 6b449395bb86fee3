"""Mann-Whitney U: the p-value, and the shift interval inverted from that same test.

The p-value is scipy's asymptotic two-sided test (tie-corrected variance,
continuity correction), written out so the interval below can reuse it:

    U(d) = #{t_i - d > c_j} + 0.5 #{t_i - d = c_j},   mu = n_t n_c / 2
    p(d) = min(1, 2 Phi(-(|U(d) - mu| - 0.5) / s))

with s the tie-corrected null SD of U at d = 0. The row's p-value is p(0). The
interval is every shift d with p(d) >= alpha (a Hodges-Lehmann-type interval for
the location shift of treatment over control). Holding s at its d = 0 value makes
the accepted set an interval, since U(d) only falls as d grows; and it contains 0
exactly when p(0) >= alpha, by construction. It is an interval for a shift, not
for the difference of means; heavy ties (many zeros) make it narrow or one-sided.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from personalroi.stats.distributions import norm_cdf


@dataclass(frozen=True)
class RankTest:
    """Sorted control values, treatment values, and the null SD of U at shift 0."""

    control: np.ndarray
    treatment: np.ndarray
    sd: float

    @property
    def mu(self) -> float:
        return self.control.size * self.treatment.size / 2

    def u(self, shift: float) -> float:
        """U of (treatment - shift) against control: pairs above, plus half the ties."""
        moved = self.treatment - shift
        below = np.searchsorted(self.control, moved, side="left")
        at_or_below = np.searchsorted(self.control, moved, side="right")
        return float(below.sum()) + 0.5 * float((at_or_below - below).sum())

    def p(self, shift: float = 0.0) -> float:
        return self.p_of_u(self.u(shift))

    def p_of_u(self, u: float) -> float:
        if self.sd == 0:
            return 1.0
        z = (abs(u - self.mu) - 0.5) / self.sd
        return min(1.0, 2 * norm_cdf(-z))


def rank_test(control: np.ndarray, treatment: np.ndarray) -> RankTest:
    n1, n2 = treatment.size, control.size
    n = n1 + n2
    _, counts = np.unique(np.concatenate([treatment, control]), return_counts=True)
    ties = counts.astype(float)
    tie_term = float((ties**3 - ties).sum())
    var = n1 * n2 / 12 * ((n + 1) - tie_term / (n * (n - 1)))
    return RankTest(np.sort(control), treatment, math.sqrt(max(var, 0.0)))


def shift_interval(test: RankTest, alpha: float) -> tuple[float, float] | None:
    """Shifts d the test does not reject at alpha; None if that set is unbounded or empty."""
    found = _accepted(test, test.u, -_LIMIT, _LIMIT, alpha)
    if found is None or found[0] == -_LIMIT or found[1] == _LIMIT:
        return None
    return found


_LIMIT = 1.7976931348623157e308  # the largest finite float


def _accepted(
    test: RankTest, u_of: Callable[[float], float], start: float, stop: float, alpha: float
) -> tuple[float, float] | None:
    """The floats x in [start, stop] where the test of u_of(x) does not reject.

    u_of falls as x grows, so "rejected upwards" holds below the set and "rejected
    downwards" above it: two bisections find its ends exactly.
    """

    def rejects_up(x: float) -> bool:
        u = u_of(x)
        return u > test.mu and test.p_of_u(u) < alpha

    def rejects_down(x: float) -> bool:
        u = u_of(x)
        return u < test.mu and test.p_of_u(u) < alpha

    low = _first(lambda x: not rejects_up(x), start, stop)
    beyond = _first(rejects_down, start, stop)
    high = stop if beyond is None else _float(_key(beyond) - 1)
    if low is None or low > high:
        return None
    return low, high


def _key(x: float) -> int:
    """Integers that order like the floats (adjacent floats are adjacent keys)."""
    bits = int(struct.unpack("<q", struct.pack("<d", x))[0])
    return bits if bits >= 0 else -(bits & 0x7FFFFFFFFFFFFFFF)


def _float(key: int) -> float:
    bits = key if key >= 0 else -key | -0x8000000000000000
    return float(struct.unpack("<d", struct.pack("<q", bits))[0])


def _first(predicate: Callable[[float], bool], start: float, stop: float) -> float | None:
    """The smallest float in [start, stop] where a predicate (False, then True) is True.

    Bisection on the floats' ordering keys, so the answer is exact (at most 64
    steps); None when it is False everywhere.
    """
    lo, hi = _key(start), _key(stop)
    if predicate(start):
        return start
    if not predicate(stop):
        return None
    while hi - lo > 1:  # predicate is False at lo, True at hi
        mid = (lo + hi) // 2
        if predicate(_float(mid)):
            hi = mid
        else:
            lo = mid
    return _float(hi)
