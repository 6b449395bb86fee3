"""Findings over time in German."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "trend.scale.relative": "relative",
    "trend.scale.absolute": "absolute",
    "trend.novelty": (
        "der {scale} Lift von {metric} in {arm} lässt mit der Zeit seit der ersten Exposition "
        "nach ({week0} in Woche 0, {slope} pro Woche, adjustiertes p = {p:g2}): ein "
        "Neuheitseffekt; der bleibende Lift ist wohl kleiner als der gesamte"
    ),
    "trend.grows": (
        "der {scale} Lift von {metric} in {arm} wächst mit der Zeit seit der ersten Exposition "
        "({week0} in Woche 0, {slope} pro Woche, adjustiertes p = {p:g2}): die Nutzer lernen "
        "noch"
    ),
    "trend.worsens": (
        "der {scale} Lift von {metric} in {arm} verschlechtert sich mit der Zeit seit der "
        "ersten Exposition ({week0} in Woche 0, {slope} pro Woche, adjustiertes p = {p:g2})"
    ),
    "trend.advice": (
        "die Variante nach ihren späteren Wochen beurteilen (trend.by_exposure_week) und vor "
        "dem Hochrechnen länger laufen lassen"
    ),
    "calendar.differs": (
        "der {scale} Lift von {metric} in {arm} ist für Einheiten mit erster Exposition "
        "während {period} ({start} bis {end}) ein anderer: {lift_in} darin, {lift_without} "
        "ohne (adjustiertes p = {p:g2})"
    ),
    "calendar.advice": (
        "für gewöhnliche Wochen den Lift ohne den Zeitraum nennen; den Lift im Zeitraum nur "
        "erwarten, wenn er wiederkehrt"
    ),
    "governance.shifts": (
        "der {scale} Lift von {metric} in {arm} verschiebt sich mit '{change}' ({date}): "
        "{before} für Einheiten mit erster Exposition davor, {after} danach (adjustiertes "
        "p = {p:g2})"
    ),
    "governance.advice": (
        "für die Website, wie sie jetzt ist, den Lift der Einheiten mit erster Exposition nach "
        "der Änderung nennen; fremde Änderungen während Tests einfrieren"
    ),
}
