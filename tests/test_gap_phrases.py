"""Harm, heterogeneity and revenue-decomposition gaps are phrases: English as before,
German and Swedish in their own words."""

from __future__ import annotations

from personalroi.audit.business import harm_gaps
from personalroi.audit.roi_section import _revenue_gap
from personalroi.audit.segments import Heterogeneity, heterogeneity_gaps
from personalroi.audit.verdict import Reason
from personalroi.i18n import Lang, Phrase, say, using
from personalroi.scorecard.gaps import Gap


def _spoken(gap: Gap) -> dict[Lang, tuple[str, str]]:
    out = {}
    for lang in Lang:
        with using(lang):
            out[lang] = (say(gap.finding_phrase), say(gap.recommendation_phrase))
    return out


def _heterogeneity(harmed: bool) -> Heterogeneity:
    finding = Phrase.of("lift.pct", lift=-0.12)
    return Heterogeneity(
        metric="conversion_rate",
        arm="extreme",
        dimension="channel",
        scale="relative",
        levels={"web": 0.05, "app": -0.12},
        q=9.1,
        df=1,
        p_value=0.003,
        i_squared=0.89,
        simpson=False,
        p_value_adjusted=0.006,
        heterogeneous=True,
        worst_level="app",
        worst_lift="-12.0%",
        worst_level_harmed=harmed,
        finding=finding.text(),
        finding_phrase=finding,
    )


def test_harm_advice_names_the_level_in_every_language() -> None:
    phrase = Phrase.of("lift.pct", lift=-0.2)
    reason = Reason("harm", phrase.text(), "nps", "extreme", "channel", "app", phrase=phrase)
    (gap,) = harm_gaps([reason], covered=set())
    assert gap.recommendation == (
        "find out why extreme hurts nps for channel app and fix it before any rollout"
    )
    spoken = _spoken(gap)
    assert spoken[Lang.en] == (gap.finding, gap.recommendation)
    assert spoken[Lang.de][1] == (
        "herausfinden, warum extreme nps bei channel app schadet, und es vor jedem Rollout beheben"
    )
    assert spoken[Lang.sv][1].startswith("ta reda på varför extreme skadar nps för channel app")
    # Overall harms a goal gap already reports are not repeated.
    overall = Reason("harm", "x", "nps", "extreme", phrase=phrase)
    assert harm_gaps([overall], covered={("nps", "extreme")}) == []


def test_heterogeneity_and_revenue_gaps_speak_each_language() -> None:
    gaps = [*heterogeneity_gaps([_heterogeneity(True), _heterogeneity(False)]), _revenue_gap()]
    assert [g.recommendation for g in gaps[:2]] == [
        "do not roll extreme out to channel app as it is: fix it there or roll out only "
        "where it helps",
        "report conversion_rate per channel; the overall lift does not hold everywhere",
    ]
    for gap in gaps:
        spoken = _spoken(gap)
        assert spoken[Lang.en] == (gap.finding, gap.recommendation)
        for lang in (Lang.de, Lang.sv):
            assert spoken[lang][1] != gap.recommendation, (lang, spoken[lang])
    assert _spoken(gaps[2])[Lang.de][0].startswith("keine Metriken für Conversion-Rate")


def test_novelty_finding_in_every_language() -> None:
    from personalroi.audit.trend import novelty_phrase
    from personalroi.audit.trend_result import NoveltyEntry

    base = NoveltyEntry("nps", "extreme", "higher", "absolute", 8, 4.2, -0.61, 0.2,
                        (-1.0, -0.22), 0.002, 0.004, True, True)  # fmt: skip
    phrase = novelty_phrase(base)
    assert phrase is not None
    assert phrase.text() == (
        "the absolute lift of nps in extreme fades with time since first exposure (+4.2 in "
        "week 0, -0.61 per week, adjusted p = 0.004): a novelty effect; the lasting lift is "
        "likely smaller than the total"
    )
    with using(Lang.sv):
        assert say(phrase).startswith("den absoluta lyften för nps i extreme avtar")
    with using(Lang.de):
        assert "(+4,2 in Woche 0, -0,61 pro Woche, adjustiertes p = 0,004)" in say(phrase)
    assert novelty_phrase(NoveltyEntry(**{**base.__dict__, "drifts": False})) is None
