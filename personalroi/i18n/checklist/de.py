"""The checklist in German."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "check.srm": (
        "Sample Ratio Mismatch (p = {p:g2}): die Varianten sind nicht wie geplant aufgeteilt"
    ),
    "check.srm_no_p": "Sample Ratio Mismatch: die Varianten sind nicht wie geplant aufgeteilt",
    "check.srm.advice": (
        "den Fehler in Zuteilung oder Logging finden, bevor man irgendeinem Lift traut"
    ),
    "check.hypothesis": "keine Hypothese: nichts sagt, was der Test zeigen sollte",
    "check.hypothesis.advice": (
        "vor dem Test in experiment.hypothesis festhalten, mit der Metrik und dem kleinsten "
        "Lift, der zählt (z. B. 'Empfehlungen steigern den Umsatz pro Besucher um 3 %')"
    ),
    "check.goals": "{n} Metrik(en) ohne Ziel: {names}",
    "check.goals.advice": (
        "jeder ein Ziel geben (z. B. goal: {{relative_lift: 0.03}}), damit die Scorecard sie "
        "bewerten kann, oder weight: 0, um sie ohne Wertung zu zeigen"
    ),
    "check.baseline": "keine Kovariate aus der Vorperiode (CUPED)",
    "check.baseline.advice": (
        "units.covariates ergänzen, z. B. {{revenue_per_visitor: pre_revenue}}, um die Varianz "
        "zu senken"
    ),
    "check.baseline_revenue": "die Umsatzmetrik {metric} hat keine Kovariate aus der Vorperiode",
    "check.baseline_revenue.advice": (
        "units.covariates.{metric}: <Umsatzspalte der Vorperiode> ergänzen"
    ),
    "check.clv": "CLV nicht gemessen: der ROI zählt nur kurzfristigen Umsatz",
    "check.clv.advice": (
        "ohne CLV kein vollständiges Bild: eine Quelle mit der Bestellhistorie und eine Metrik "
        "vom Typ clv ergänzen"
    ),
    "check.engagement": "keine Engagement-Metrik (Absprungrate, Seiten, Verweildauer, CTR)",
    "check.engagement.advice": (
        "eine Sitzungsquelle und Engagement-Metriken ergänzen, um zu sehen, warum sich der "
        "Umsatz bewegt"
    ),
    "check.insights": (
        "keine Engagement-Analysen: Verweildauer vs. Conversion, Seiten pro Sitzung, Wert eines "
        "verhinderten Absprungs, CTR personalisierter Elemente"
    ),
    "check.insights.advice": (
        "einen Abschnitt engagement mit der Sitzungsquelle und ihren Spalten ergänzen"
    ),
    "check.insights_partial": "Engagement-Analysen ohne {parts}",
    "check.insights_partial.advice": "{keys} setzen",
    "check.insights_partial.advice_clicks": "{keys} setzen (alle vier Klickspalten)",
    "check.insight.time_on_site": "Verweildauer vs. Conversion",
    "check.insight.pages": "Verteilung der Seiten pro Sitzung",
    "check.insight.bounced": "Absprungrate pro Segment",
    "check.insight.value": "Geldwert eines verhinderten Absprungs",
    "check.insight.personalized_clicks": "CTR personalisierter vs. Standardelemente",
    "check.insight.segment": "Aufschlüsselung nach Segment",
    "check.voice": "keine NPS- oder Zufriedenheitsmetrik",
    "check.voice.advice": (
        "eine Stichprobe jeder Variante befragen und eine Metrik vom Typ nps ergänzen"
    ),
    "check.qualitative": (
        "keine qualitative Feedbackquelle (Kommentare, Bewertungen, Interviews, "
        "Sitzungsaufzeichnungen)"
    ),
    "check.qualitative.advice": (
        "die Freitextantworten oder Bewertungen pro Besucher als Quelle ergänzen (z. B. "
        "sources.feedback) und pro Variante lesen: der NPS sagt, wie viel, Kommentare sagen, warum"
    ),
    "check.segments": "keine Aufschlüsselung nach Segment oder Kanal",
    "check.segments.advice": "units.dimensions ergänzen (z. B. segment, channel, device)",
    "check.channels": (
        "keine Aufschlüsselung nach Kanal oder Touchpoint: die Konsistenz über Kanäle wird nie "
        "geprüft"
    ),
    "check.channels.advice": (
        "eine Kanal-/Touchpoint-Spalte zu units.dimensions hinzufügen; das Audit markiert dann "
        "eine Variante, die in einem Kanal hilft und in einem anderen schadet"
    ),
    "check.costs": "keine Kosten konfiguriert: der ROI ist nicht definiert",
    "check.costs.advice": "Kosten für Technologie, Personal und laufenden Betrieb ergänzen",
    "check.cost_category": "keine Kosten für {category}: die Investition ist zu niedrig angesetzt",
    "check.cost_category.advice": (
        "die Kosten für {category} ergänzen (one_off, monthly oder annual)"
    ),
    "check.category.technology": "Technologie",
    "check.category.personnel": "Personal",
    "check.category.ongoing": "laufenden Betrieb",
    "check.savings": "keine Einsparungen berücksichtigt",
    "check.savings.advice": (
        "Einsparungen ergänzen (Marketingeffizienz, Betrieb), falls die Personalisierung welche "
        "bringt"
    ),
    "check.revenue_metric": "kein economics.revenue_metric: kein Umsatzlift, kein ROI",
    "check.revenue_metric.advice": (
        "economics.revenue_metric auf die Metrik Umsatz pro Besucher setzen"
    ),
    "check.traffic": "economics.eligible_units_per_month ist 0: nichts hochzurechnen",
    "check.traffic.advice": (
        "den monatlichen Traffic setzen, der die personalisierte Erfahrung bekäme"
    ),
    "check.margin": "der ROI rechnet mit Umsatz, nicht mit Bruttogewinn",
    "check.margin.advice": (
        "economics.gross_margin setzen, damit der ROI Gewinn mit Kosten vergleicht"
    ),
    "check.attribution": (
        "keine Multi-Touch-Attribution: Touchpoints werden bestenfalls nach dem letzten Klick "
        "beurteilt"
    ),
    "check.attribution.advice": "einen Abschnitt attribution mit einer Touchpoint-Quelle ergänzen",
    "check.calendar": "kein Kalender der Kampagnen und Feiertage",
    "check.calendar.advice": (
        "Aktionen und Feiertage unter calendar eintragen, damit Lifts mit und ohne sie gezeigt "
        "werden"
    ),
    "check.trend": (
        "{why}: Trend und Neuheitseffekt lassen sich nicht prüfen (Lift nach Woche seit "
        "Exposition, mit und ohne Kalenderzeiträume)"
    ),
    "check.trend.advice": (
        "units.timestamp mit der ersten Exposition jeder Einheit ergänzen (Daten pro Einheit)"
    ),
    "check.trend_aggregated": "aggregierte Eingabe hat keine Expositionszeiten pro Einheit",
    "check.trend_no_timestamp": "kein units.timestamp (erste Exposition)",
    "check.changes": (
        "{n} andere Änderungen gingen während des Tests live (max_concurrent_changes ist {most})"
    ),
    "check.changes.advice": (
        "fremde Änderungen während Tests einfrieren; der Abschnitt Governance zeigt den Lift "
        "jeder Änderung für Einheiten mit erster Exposition davor und danach"
    ),
    "check.change_log": "kein Änderungsprotokoll für das Testfenster",
    "check.change_log.advice": (
        "andere Änderungen an der Website unter governance.changes eintragen"
    ),
    "check.cadence_off": "Audit-Rhythmus nicht geprüft: {why}",
    "check.cadence_off.advice": (
        "die Audit-Historie behalten (Standard) und das Audit mindestens alle {every} Tage "
        "wiederholen, z. B. per cron"
    ),
    "check.history_off": "die Audit-Historie ist aus (--no-history)",
    "check.cadence_late": (
        "seit {days:f0} Tagen kein Audit vor diesem (Audit alle {every} Tage, {source})"
    ),
    "check.cadence_late.advice": (
        "das Audit per cron oder CI mit --sequential planen, damit regelmäßige Blicke gültig "
        "bleiben"
    ),
    "check.every_configured": "governance.audit_every_days",
    "check.every_default": "Standard ohne Konfiguration",
}
