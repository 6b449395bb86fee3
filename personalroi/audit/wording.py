"""How the audit's own sentences (verdict, summary, heterogeneity, trend, governance)
say a lift and an ROI.

Renderers format table cells; these phrases are part of the result itself, so every
format prints the same words, in any language (see `personalroi.i18n`): the audit keeps
the phrase and its English text. NPS moves in points, every other metric in percent of
control (absolute when control is 0).
"""

from __future__ import annotations

from personalroi.i18n import Phrase
from personalroi.stats.comparison import Comparison


def lift_phrase(metric_type: str, c: Comparison) -> Phrase:
    """'-40.0% [-52.1%, -27.9%]'; NPS as '+3.2 [+0.4, +6.0] points'."""
    nps = metric_type == "nps"
    if not nps and c.relative_lift is not None:
        lift, ci, unit = c.relative_lift, c.relative_ci, "pct"
    elif c.absolute_lift is not None:
        lift, ci, unit = c.absolute_lift, c.absolute_ci, "pts" if nps else "abs"
    else:
        return Phrase.of("lift.none")
    if ci is None:
        return Phrase.of(f"lift.{unit}", lift=lift)
    return Phrase.of(f"lift.{unit}_ci", lift=lift, low=ci[0], high=ci[1])


def roi_phrase(
    roi: float, ci: tuple[float, float] | None, probability: float | None, level: float
) -> Phrase:
    """'ROI +420% (95% CI -1588% to +2427%), 66% chance it pays'; `level` is 1 - alpha."""
    interval = None if ci is None else Phrase.of("roi.ci", level=level, low=ci[0], high=ci[1])
    chance = None if probability is None else Phrase.of("roi.chance", p=probability)
    return Phrase.of("roi.phrase", roi=roi, ci=interval, chance=chance)


def scaled_lift(scale: str, lift: float | None) -> Phrase:
    """A lift on the scale a trend or governance test compared: relative in %, absolute
    (NPS points) to four digits."""
    if lift is None:
        return Phrase.of("lift.none")
    return Phrase.of("lift.pct" if scale == "relative" else "lift.abs", lift=lift)
