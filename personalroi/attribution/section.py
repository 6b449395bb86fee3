"""The audit's `attribution` section: the six models per arm, the personalized share,
and whether personalization earns more credit in the personalized arms than in control.

Credits are computed per arm in SQL (arm_journeys.py: the `attribute` command's journey
query over the audit's units, or its saved result on aggregated input); only the Markov
chain's small transition table is solved here. The section is a lens on the value each
arm converted, never a second benefit: ROI does not read it (docs/clv-attribution.md
says why).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from personalroi.attribution.arm_journeys import (
    ArmJourneys,
    load_arm_journeys,
    read_arm_journeys_file,
)
from personalroi.attribution.credits import MODELS, Credits
from personalroi.attribution.journey_sql import RULE_MODELS
from personalroi.attribution.journeys import model_credits
from personalroi.attribution.result import ArmAttribution, AttributionSection, ShareComparison
from personalroi.config.model import Config
from personalroi.data.saved_table import saved_or_own
from personalroi.i18n.phrase import Phrase
from personalroi.stats.correction import adjust
from personalroi.stats.ratio import compare_ratios

if TYPE_CHECKING:
    from personalroi.data.dataset import Dataset
    from personalroi.plan.query_plan import QueryPlan

NOT_IN_ROI = Phrase.of("att.not_in_roi")
RULE_METHOD = (
    "difference of shares (a unit's personalized credit / its converted value, ratio of "
    "per-unit sums), delta-method SE: p and CI from one z-test"
)
MARKOV_METHOD = "difference of shares; no interval (Markov credits do not split by unit)"


def attribution_section(
    config: Config, plan: QueryPlan, data: Dataset, unit_table: str
) -> AttributionSection | None:
    """The section for a config with `attribution:`, else None: from the audit's unit
    table, or (aggregated input) the saved `units.aggregated.attribution`."""
    if config.attribution is None:
        return None
    sums = saved_or_own(
        plan,
        data,
        "attribution",
        read_arm_journeys_file,
        lambda: load_arm_journeys(data.con, plan, unit_table, data.tables),
    )
    return None if sums is None else build_section(config, sums, data.control, data.treatments)


def _arm(sums: ArmJourneys, arm: str) -> ArmAttribution:
    journeys = sums.journeys.get(arm)
    value = float(journeys.value) if journeys else 0.0
    credits = model_credits(journeys) if journeys else {m: Credits() for m in MODELS}
    personalized = {m: c.personalized["true"] for m, c in credits.items()}
    return ArmAttribution(
        conversions=journeys.conversions if journeys else 0,
        total_value=value,
        models={m: c.as_dict()["channels"] for m, c in credits.items()},
        personalized=personalized,
        personalized_share={m: (v / value if value else None) for m, v in personalized.items()},
    )


def _comparisons(
    sums: ArmJourneys,
    by_arm: dict[str, ArmAttribution],
    control: str,
    treatments: list[str],
    alpha: float,
) -> list[ShareComparison]:
    out = []
    base = by_arm[control].personalized_share
    for arm in treatments:
        share = by_arm[arm].personalized_share
        for model in MODELS:
            c_stats, t_stats = sums.shares.get(control, {}), sums.shares.get(arm, {})
            if model in RULE_MODELS and model in c_stats and model in t_stats:
                test = compare_ratios(c_stats[model], t_stats[model], alpha)
                out.append(
                    ShareComparison(
                        arm,
                        model,
                        test.control_value,
                        test.treatment_value,
                        test.absolute_lift,
                        test.absolute_ci,
                        test.p_value,
                        None,
                        False,
                        RULE_METHOD,
                        test.code,
                    )  # fmt: skip
                )
                continue
            c, t = base.get(model), share.get(model)
            diff = None if c is None or t is None else t - c
            code = "ok" if diff is not None else "no_conversions"
            out.append(
                ShareComparison(
                    arm, model, c, t, diff, None, None, None, False, MARKOV_METHOD, code
                )  # fmt: skip
            )
    return out


def build_section(
    config: Config, sums: ArmJourneys, control: str, treatments: list[str]
) -> AttributionSection:
    att, exp = config.attribution, config.experiment
    assert att is not None
    arms = [control, *treatments]
    by_arm = {arm: _arm(sums, arm) for arm in arms}
    rows = _comparisons(sums, by_arm, control, treatments, exp.alpha)
    adjusted = iter(adjust([r.p_value for r in rows if r.p_value is not None], exp.correction))
    final = []
    for r in rows:
        if r.p_value is None:
            final.append(r)
            continue
        p = next(adjusted)
        final.append(_with_p(r, p, exp.alpha))
    found = findings(by_arm, final, control, treatments)
    return AttributionSection(
        half_life_days=float(att.half_life_days),
        models=MODELS,
        by_arm=by_arm,
        comparison=tuple(final),
        findings=tuple(f.text() for f in found),
        not_in_roi=NOT_IN_ROI.text(),
        finding_phrases=tuple(found),
        not_in_roi_phrase=NOT_IN_ROI,
    )


def _with_p(row: ShareComparison, p: float | None, alpha: float) -> ShareComparison:
    return replace(row, p_value_adjusted=p, significant=p is not None and p < alpha)


def _share_range(shares: dict[str, float | None]) -> Phrase:
    known = [s for s in shares.values() if s is not None]
    if not known:
        return Phrase.of("att.share.none")
    low, high = f"{min(known):.1%}", f"{max(known):.1%}"
    if low == high:
        return Phrase.of("att.share.one", share=low)
    return Phrase.of("att.share.span", low=low, high=high)


def findings(
    by_arm: dict[str, ArmAttribution],
    rows: list[ShareComparison],
    control: str,
    treatments: list[str],
) -> list[Phrase]:
    """Per treatment: the personalized share across the six models against control's, and
    under how many rule models the difference is significant."""
    out = []
    base = _share_range(by_arm[control].personalized_share)
    for arm in treatments:
        mine = [r for r in rows if r.arm == arm and r.model in RULE_MODELS]
        higher = [r for r in mine if r.significant and (r.absolute_lift or 0) > 0]
        lower = [r for r in mine if r.significant and (r.absolute_lift or 0) < 0]
        if higher and not lower:
            verdict = Phrase.of("att.more", n=len(higher), of=len(mine))
        elif lower and not higher:
            verdict = Phrase.of("att.less", n=len(lower), of=len(mine))
        else:
            verdict = Phrase.of("att.mixed" if higher and lower else "att.same")
        share = _share_range(by_arm[arm].personalized_share)
        out.append(
            Phrase.of(
                "att.finding", arm=arm, share=share, base=base, control=control, verdict=verdict
            )
        )
    return out
