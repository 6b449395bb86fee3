"""Engagement findings in Swedish."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "eng.where.all": "alla besökare",
    "eng.where.segment": "segment {segment}",
    "eng.measure.time_on_site": "tid på sajten",
    "eng.measure.pages_per_session": "sidor per session",
    "eng.unit.on_site": "på sajten",
    "eng.corr": "tid på sajten och konvertering: korrelation r {arms:join} ({p})",
    "eng.corr.arm": "{arm} {r:loc}",
    "eng.corr.p_all": "p < 0,001 i varje arm",
    "eng.corr.p_max": "största p = {p:g2}",
    "eng.window": (
        "{where}: konverterar bäst vid {best:loc} {unit}, {rate:loc}, mot {low_rate:loc} vid "
        "{low:loc}{test}"
    ),
    "eng.window.test": " (chi-två över fönstren p {p:loc})",
    "eng.pages": (
        "sidor per session i {arm}: {mean:f2} mot {control:f2}{change}; sessioner med {bins} "
        "sidor: {shares:loc} mot {base:loc}{test}"
    ),
    "eng.pages.change": " ({lift:loc})",
    "eng.pages.test": " (chi-två p {p:loc})",
    "eng.confusion": (
        "förvirring i {arm}, {where}: {measure}{rise} mot kontroll, men besökare över "
        "{threshold} konverterar till {rate:loc} mot {control_rate:loc} i kontrollen{fall}: de "
        "längre besöken tyder på förvirring, inte intresse"
    ),
    "eng.confusion.rise": " {lift:loc}",
    "eng.confusion.fall": " ({diff:loc} p.e. [{low:loc}, {high:loc}]{p})",
    "eng.confusion.p": ", just. p {p:loc}",
    "eng.threshold.time_on_site": "{value:loc} s på sajten",
    "eng.threshold.pages_per_session": "{value:loc} sidor per session",
    "eng.confusion.clear": (
        "förvirringskontroll: ingen arm höjer {measures} medan dess längre besök konverterar "
        "signifikant sämre ({n:int} jämförelser arm x segment x mått)"
    ),
    "eng.confusion.either": "{first} eller {second}",
    "eng.confusion.advice": (
        "se vad de långa besöken i denna arm gör (sökningar, fram och tillbaka, fel) innan den "
        "extra tiden eller sidorna räknas som engagemang"
    ),
    "eng.bounce": (
        "avvisningsfrekvens i {arm}: {rate:loc} av sessionerna mot {control_rate:loc} i "
        "kontrollen ({lift:loc}, just. p {p:loc}){worth}{segments}"
    ),
    "eng.bounce.prevented": (
        "; förhindrade avvisningar i {arm} är värda {value:money} per månad{ci} "
        "({bounces:int} avvisningar x {engaged:loc} konvertering av engagerade sessioner x "
        "{aov:money} ordervärde)"
    ),
    "eng.bounce.extra": (
        "; extra avvisningar i {arm} är värda {value:money} per månad{ci} ({bounces:int} "
        "avvisningar x {engaged:loc} konvertering av engagerade sessioner x {aov:money} "
        "ordervärde)"
    ),
    "eng.money_ci": " [{low:money}, {high:money}]",
    "eng.bounce.segments": "; signifikant i segmenten {items:join}",
    "eng.bounce.segment": "{segment} {lift:loc}{worth}",
    "eng.bounce.segment_worth": " ({value:money}/månad)",
    "eng.ctr": (
        "CTR för personaliserade element i {arm}: {rate:loc} mot {control_rate:loc} för "
        "kontrollens standardelement ({lift:loc}, just. p {p:loc}){segments}"
    ),
    "eng.ctr.segments": "; per segment {items:join}",
    "eng.ctr.segment": "{segment} {lift:loc}",
    "eng.clicks": (
        "i {arm} konverterade besökare som klickade på ett personaliserat element till "
        "{rate:loc} mot {control_rate:loc} för dem som såg ett och inte klickade ({clicked:int} "
        "mot {not_clicked:int} besökare; observationellt: ett samband, inte effekten av ett "
        "klick)"
    ),
}
