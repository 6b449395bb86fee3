"""Attribution findings in German."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "att.finding": (
        "{arm}: personalisierte Kontakte erhalten {share} des konvertierten Werts über die "
        "sechs Modelle, gegenüber {base} in der Kontrolle {control}: {verdict}"
    ),
    "att.share.one": "{share:loc}",
    "att.share.span": "{low:loc} bis {high:loc}",
    "att.share.none": "nichts (kein konvertierter Wert)",
    "att.more": "mehr Anteil als in der Kontrolle in {n:int} von {of:int} Regelmodellen",
    "att.less": "weniger Anteil als in der Kontrolle in {n:int} von {of:int} Regelmodellen",
    "att.mixed": "in einigen Regelmodellen mehr Anteil, in anderen weniger",
    "att.same": "in keinem Regelmodell ein signifikanter Unterschied zur Kontrolle",
    "att.not_in_roi": (
        "Attribution verteilt den Wert, den eine Variante konvertiert hat, auf die Kontakte "
        "vor jeder Conversion; sie schafft keinen Wert und ist beobachtend, daher addiert der "
        "ROI sie nie (der Umsatz-Lift gegenüber der Kontrolle enthält die kausale Wirkung "
        "schon)."
    ),
}
