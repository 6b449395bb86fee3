"""Programme ROI: the money of several experiments added up, with an interval.

Each experiment i brings an investment I_i (fixed: what its costs say), a benefit
B_i (revenue lift + savings over its horizon) and the standard error of its ROI,
se_i. ROI_i = (B_i - I_i) / I_i with I_i fixed, so the benefit's standard error is
se_i * I_i. The experiments ran on different traffic and are independent, so the
variances of their benefits add:

    I = sum I_i,  B = sum B_i,  ROI = (B - I) / I,
    se(B) = sqrt(sum (se_i * I_i)^2),  se(ROI) = se(B) / I,

and the interval is ROI +- z * se(ROI), P(ROI > 0) = Phi(ROI / se(ROI)), the
same normal reading as each experiment's own ROI interval. Where an
experiment's ROI standard error also carries cost uncertainty (ranged costs),
scaling it by I_i counts that uncertainty as benefit noise: first order, and it
never narrows the interval.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from personalroi.stats.distributions import norm_cdf, norm_ppf


@dataclass(frozen=True)
class ExperimentMoney:
    investment: float
    benefit: float
    roi_se: float


@dataclass(frozen=True)
class ProgrammeRoi:
    investment: float
    benefit: float
    benefit_se: float
    roi: float | None
    roi_se: float | None
    roi_ci: tuple[float, float] | None
    probability_roi_positive: float | None


def roi_se_from_ci(ci: tuple[float, float], alpha: float) -> float:
    """The standard error behind a symmetric normal (1 - alpha) interval (for results
    recorded before `roi_se` was in the JSON)."""
    return (ci[1] - ci[0]) / (2 * float(norm_ppf(1 - alpha / 2)))


def programme_roi(parts: Sequence[ExperimentMoney], alpha: float) -> ProgrammeRoi:
    """Totals and the (1 - alpha) interval of the programme's ROI; no ROI without investment."""
    investment = math.fsum(p.investment for p in parts)
    benefit = math.fsum(p.benefit for p in parts)
    benefit_se = math.sqrt(math.fsum((p.roi_se * p.investment) ** 2 for p in parts))
    if not investment > 0:
        return ProgrammeRoi(investment, benefit, benefit_se, None, None, None, None)
    roi = (benefit - investment) / investment
    se = benefit_se / investment
    if not se > 0:  # every part exact: no sampling error left
        return ProgrammeRoi(
            investment, benefit, benefit_se, roi, 0.0, (roi, roi), 1.0 if roi > 0 else 0.0
        )
    z = float(norm_ppf(1 - alpha / 2))
    return ProgrammeRoi(
        investment=investment,
        benefit=benefit,
        benefit_se=benefit_se,
        roi=roi,
        roi_se=se,
        roi_ci=(roi - z * se, roi + z * se),
        probability_roi_positive=float(norm_cdf(roi / se)),
    )
