"""Sample ratio mismatch: chi-square goodness of fit of arm sizes to the planned split."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from personalroi.stats.distributions import chi2_sf

SRM_THRESHOLD = 0.001


@dataclass(frozen=True)
class SrmResult:
    p_value: float
    ok: bool
    observed: dict[str, int]
    expected_share: dict[str, float]


def srm_test(observed: Mapping[str, int], expected_share: Mapping[str, float]) -> SrmResult:
    """Test observed unit counts against expected shares (normalized to sum to 1)."""
    arms = list(expected_share)
    total_share = sum(expected_share.values())
    shares = {arm: expected_share[arm] / total_share for arm in arms}
    counts = [observed.get(arm, 0) for arm in arms]
    n = sum(counts)
    if n == 0 or len(arms) < 2:
        return SrmResult(1.0, True, dict(observed), shares)
    expected = [n * shares[arm] for arm in arms]
    # Pearson's chi-square goodness of fit (what scipy.stats.chisquare computes).
    statistic = sum((c - e) ** 2 / e for c, e in zip(counts, expected, strict=True))
    p_value = chi2_sf(statistic, len(arms) - 1)
    return SrmResult(
        p_value,
        p_value >= SRM_THRESHOLD,
        {a: int(c) for a, c in zip(arms, counts, strict=True)},
        shares,
    )
