"""Engagement findings in German."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "eng.where.all": "alle Besucher",
    "eng.where.segment": "Segment {segment}",
    "eng.measure.time_on_site": "Verweildauer",
    "eng.measure.pages_per_session": "Seiten pro Sitzung",
    "eng.unit.on_site": "Verweildauer",
    "eng.corr": "Verweildauer und Conversion: Korrelation r {arms:join} ({p})",
    "eng.corr.arm": "{arm} {r:loc}",
    "eng.corr.p_all": "p < 0,001 in jedem Arm",
    "eng.corr.p_max": "größtes p = {p:g2}",
    "eng.window": (
        "{where}: konvertiert am besten bei {best:loc} {unit}, {rate:loc}, gegenüber "
        "{low_rate:loc} bei {low:loc}{test}"
    ),
    "eng.window.test": " (Chi-Quadrat über die Fenster p {p:loc})",
    "eng.pages": (
        "Seiten pro Sitzung in {arm}: {mean:f2} gegenüber {control:f2}{change}; Sitzungen mit "
        "{bins} Seiten: {shares:loc} gegenüber {base:loc}{test}"
    ),
    "eng.pages.change": " ({lift:loc})",
    "eng.pages.test": " (Chi-Quadrat p {p:loc})",
    "eng.confusion": (
        "Verwirrung in {arm}, {where}: {measure}{rise} gegenüber Kontrolle, aber Besucher über "
        "{threshold} konvertieren zu {rate:loc} gegenüber {control_rate:loc} in der "
        "Kontrolle{fall}: die längeren Besuche zeigen Verwirrung, nicht Interesse"
    ),
    "eng.confusion.rise": " {lift:loc}",
    "eng.confusion.fall": " ({diff:loc} Pp. [{low:loc}, {high:loc}]{p})",
    "eng.confusion.p": ", adj. p {p:loc}",
    "eng.threshold.time_on_site": "{value:loc} s Verweildauer",
    "eng.threshold.pages_per_session": "{value:loc} Seiten pro Sitzung",
    "eng.confusion.clear": (
        "Verwirrungsprüfung: kein Arm erhöht {measures}, während seine längeren Besuche "
        "signifikant schlechter konvertieren ({n:int} Vergleiche Arm x Segment x Maß)"
    ),
    "eng.confusion.either": "{first} oder {second}",
    "eng.confusion.advice": (
        "prüfen, was die langen Besuche in diesem Arm tun (Suche, Hin und Her, Fehler), bevor "
        "die zusätzliche Zeit oder die Seiten als Engagement zählen"
    ),
    "eng.bounce": (
        "Absprungrate in {arm}: {rate:loc} der Sitzungen gegenüber {control_rate:loc} in der "
        "Kontrolle ({lift:loc}, adj. p {p:loc}){worth}{segments}"
    ),
    "eng.bounce.prevented": (
        "; verhinderte Absprünge in {arm} sind {value:money}{ci} pro Monat wert ({bounces:int} "
        "Absprünge x {engaged:loc} Conversion engagierter Sitzungen x {aov:money} "
        "Warenkorbwert)"
    ),
    "eng.bounce.extra": (
        "; zusätzliche Absprünge in {arm} sind {value:money}{ci} pro Monat wert "
        "({bounces:int} Absprünge x {engaged:loc} Conversion engagierter Sitzungen x "
        "{aov:money} Warenkorbwert)"
    ),
    "eng.money_ci": " [{low:money}, {high:money}]",
    "eng.bounce.segments": "; signifikant in den Segmenten {items:join}",
    "eng.bounce.segment": "{segment} {lift:loc}{worth}",
    "eng.bounce.segment_worth": " ({value:money}/Monat)",
    "eng.ctr": (
        "CTR personalisierter Elemente in {arm}: {rate:loc} gegenüber {control_rate:loc} für "
        "die Standardelemente der Kontrolle ({lift:loc}, adj. p {p:loc}){segments}"
    ),
    "eng.ctr.segments": "; nach Segment {items:join}",
    "eng.ctr.segment": "{segment} {lift:loc}",
    "eng.clicks": (
        "in {arm} konvertierten Besucher, die ein personalisiertes Element geklickt haben, zu "
        "{rate:loc} gegenüber {control_rate:loc} bei denen, die eines sahen und nicht "
        "klickten ({clicked:int} gegenüber {not_clicked:int} Besuchern; beobachtend: ein "
        "Zusammenhang, nicht die Wirkung eines Klicks)"
    ),
}
