"""Engagement findings in English: the text the audit has always written."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "eng.where.all": "all visitors",
    "eng.where.segment": "segment {segment}",
    "eng.measure.time_on_site": "time on site",
    "eng.measure.pages_per_session": "pages per session",
    "eng.unit.on_site": "on site",
    "eng.corr": "time on site vs conversion: correlation r {arms:join} ({p})",
    "eng.corr.arm": "{arm} {r:loc}",
    "eng.corr.p_all": "p < 0.001 in every arm",
    "eng.corr.p_max": "largest p = {p:g2}",
    "eng.window": (
        "{where}: converts best at {best:loc} {unit}, {rate:loc}, vs {low_rate:loc} at "
        "{low:loc}{test}"
    ),
    "eng.window.test": " (chi-square across windows p {p:loc})",
    "eng.pages": (
        "pages per session in {arm}: {mean:f2} vs {control:f2}{change}; sessions with "
        "{bins} pages: {shares:loc} vs {base:loc}{test}"
    ),
    "eng.pages.change": " ({lift:loc})",
    "eng.pages.test": " (chi-square p {p:loc})",
    "eng.confusion": (
        "confusion in {arm}, {where}: {measure}{rise} vs control, but visitors above "
        "{threshold} convert at {rate:loc} vs {control_rate:loc} in control{fall}: the longer "
        "visits signal confusion, not interest"
    ),
    "eng.confusion.rise": " {lift:loc}",
    "eng.confusion.fall": " ({diff:loc} pp [{low:loc}, {high:loc}]{p})",
    "eng.confusion.p": ", adj. p {p:loc}",
    "eng.threshold.time_on_site": "{value:loc} s on site",
    "eng.threshold.pages_per_session": "{value:loc} pages per session",
    "eng.confusion.clear": (
        "confusion check: no arm raises {measures} while its longer visits convert "
        "significantly less ({n:int} arm x segment x measure comparisons)"
    ),
    "eng.confusion.either": "{first} or {second}",
    "eng.confusion.advice": (
        "look at what the long visits in this arm do (search, back-and-forth, errors) before "
        "counting the extra time or pages as engagement"
    ),
    "eng.bounce": (
        "bounce rate in {arm}: {rate:loc} of sessions vs {control_rate:loc} in control "
        "({lift:loc}, adj. p {p:loc}){worth}{segments}"
    ),
    "eng.bounce.prevented": (
        "; prevented bounces in {arm} are worth {value:money} per month{ci} ({bounces:int} "
        "bounces x {engaged:loc} conversion of engaged sessions x {aov:money} AOV)"
    ),
    "eng.bounce.extra": (
        "; extra bounces in {arm} are worth {value:money} per month{ci} ({bounces:int} "
        "bounces x {engaged:loc} conversion of engaged sessions x {aov:money} AOV)"
    ),
    "eng.money_ci": " [{low:money}, {high:money}]",
    "eng.bounce.segments": "; significant in segments {items:join}",
    "eng.bounce.segment": "{segment} {lift:loc}{worth}",
    "eng.bounce.segment_worth": " ({value:money}/month)",
    "eng.ctr": (
        "CTR of personalized elements in {arm}: {rate:loc} vs {control_rate:loc} for "
        "control's default elements ({lift:loc}, adj. p {p:loc}){segments}"
    ),
    "eng.ctr.segments": "; by segment {items:join}",
    "eng.ctr.segment": "{segment} {lift:loc}",
    "eng.clicks": (
        "in {arm}, visitors who clicked a personalized element converted at {rate:loc} vs "
        "{control_rate:loc} for those who saw one and did not click ({clicked:int} vs "
        "{not_clicked:int} visitors; observational: an association, not the effect of a click)"
    ),
}
