"""The evidence sections in German: their headings and notes, the HTML page, the charts and
the `clv` and `attribute` commands' views."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # Evidenz
    "metrics.title_terminal": "Metriken: Lift gegenüber Kontrolle [{level}-KI]",
    "metrics.title_markdown": "Metriken: Variante gegenüber Kontrolle",
    "metrics.caption_terminal": (
        "* signifikant nach Korrektur; (G) Guardrail; NPS-Lift in Punkten"
    ),
    "metrics.guardrail_mark": "(G)",
    "metrics.guardrail": "(Guardrail)",
    "segments.significant_title": "Segmente mit signifikantem Unterschied",
    "segments.breakdown_rows": "Aufschlüsselung nach Segmenten ({n} Zeilen)",
    "baseline.title": "Ausgangsniveau: Vorperiode gegenüber Testzeitraum",
    "baseline.caption": (
        "vorher: Niveau der Kovariate in der Vorperiode je Einheit (Basis für CUPED); zur "
        "Kontrolle: Vorperioden-Niveau der Variante gegenüber dem der Kontrolle, nahe 0, wenn "
        "die Randomisierung die Gruppen ausgeglichen hat; Änderung: im Test / vorher - 1 (die "
        "Zeiträume können unterschiedlich lang sein: Varianten vergleichen)"
    ),
    "clv.arms_title": (
        "Customer Lifetime Value je Variante (Bestellungen bis {end}; je Käufer: Bestellungen, "
        "Tage Abstand, Kategorien; je Einheit: CLV bisher und Prognose über {months} Monate)"
    ),
    "clv.vs_control": "Customer Lifetime Value gegenüber Kontrollgruppe {control}",
    "clv.caption": (
        "Einordnung: aus dem Intervall, das mit dem p-Wert übereinstimmt, nicht über diese "
        "Vergleiche korrigiert (die CLV-Metrik in der Metriktabelle schon); "
        "Kaufabstand: kürzer ist besser"
    ),
    "trend.exposure_title": "Lift je Woche seit dem ersten Kontakt (Neuheitseffekt)",
    "trend.cohort_title": "Lift je Kalenderwoche des ersten Kontakts (Wochenbeginn)",
    "trend.calendar_title": "Lift mit und ohne Kalenderzeiträume ({periods})",
    "trend.period": "{name} {start} bis {end}",
    "trend.week": "W{week}",
    "trend.note_terminal": (
        "relative Lifts ohne CUPED; Steigung je Woche; – = zu wenig Daten; nach Kalenderwoche "
        "des ersten Kontakts: --format json (trend.by_calendar_week)"
    ),
    "engagement.title": "Engagement",
    "engagement.caption": (
        "r: Verweildauer gegenüber Conversion; Absprungrate je Sitzung; gespart/Monat: "
        "verhinderte Absprünge x Umsatz der Kontrolle je engagierter Sitzung; CTR: "
        "personalisierte Elemente gegenüber den Standardelementen der Kontrolle; "
        "* signifikant nach Korrektur"
    ),
    "attribution.title": "Attribution: Wem die Conversions der Varianten zugerechnet werden",
    "attribution.caption": (
        "Anteil des konvertierten Werts jeder Variante, der personalisierten Kontakten "
        "zugerechnet wird; bei einer Variante der Unterschied zur Kontrolle in Prozentpunkten "
        "[KI], * signifikant nach Korrektur (regelbasierte Modelle; Markov hat kein Intervall)."
    ),
    "attribution.arm_title": "{arm}: {conversions} Conversions, {value} konvertierter Wert",
    "governance.title": "Governance",
    "governance.concurrent_one": (
        "{n} weitere Änderung ging während des Tests live ({start} bis {end}{allowed}){over}"
    ),
    "governance.concurrent_many": (
        "{n} weitere Änderungen gingen während des Tests live ({start} bis {end}{allowed}){over}"
    ),
    "governance.start": "Beginn",
    "governance.end": "Ende",
    "governance.allowed": "; höchstens {limit} erlaubt",
    "governance.over_limit": " (über dem Limit)",
    "governance.change_log": "Änderungsprotokoll",
    "governance.decisions": "Dokumentierte Entscheidungen",
    "governance.before_after": (
        "Lift für Einheiten mit erstem Kontakt vor und nach jeder Änderung"
    ),
    "governance.caption": (
        "Vorher/nachher: Einheiten mit erstem Kontakt vor dem Livegang der Änderung gegenüber "
        "ab dem Livegang; relative Lifts ohne CUPED (NPS in Punkten); p über alle Änderungen "
        "adjustiert."
    ),
    "quality.title": "Datenqualität",
    "quality.srm_ok": "ok",
    "quality.mismatch": "ABWEICHUNG: Die Aufteilung entspricht nicht dem Plan",
    "quality.passed": "{passed} von {total} Prüfungen bestanden",
    # HTML-Seite
    "html.kicker": "personalroi-Audit",
    "html.in_plain_words": "Auf den Punkt gebracht",
    "html.the_experiment": "Das Experiment",
    "html.hypothesis": "Hypothese:",
    "html.setup": (
        "Kontrollgruppe {control} gegen {arms}; Signifikanzniveau Alpha {alpha}, Korrektur für "
        "multiples Testen {correction}."
    ),
    "html.roi_title": "Return on Investment",
    "html.interval": "Intervall",
    "html.roi_note": (
        "Umsatz-Lift auf Basis {basis}. Der Aufbau: Umsatz-Lift-Anteile und Einsparungen "
        "kommen hinzu, die Investition geht ab, der letzte Balken ist der Nettogewinn."
    ),
    "html.sensitivity_of": "Sensitivität von {arm}",
    "html.priorities_note": (
        "Größte Wirkung für den geringsten Aufwand zuerst; testen Sie neue Ideen weiter gegen "
        "den aktuellen Gewinner."
    ),
    "html.lifts_title": "Lift je Metrik und Variante",
    "html.lifts_note": (
        "Punkte sind der Lift, Linien das Konfidenzintervall; eine Linie, die 0 schneidet, "
        "bedeutet keinen klaren Effekt. NPS in Punkten."
    ),
    "html.segments_title": "Aufschlüsselung nach Segmenten",
    "html.table": "Tabelle",
    "html.lift_trend_title": "Lift im Zeitverlauf",
    "html.lift_trend_note": (
        "Relative Lifts ohne CUPED (NPS in Punkten); – wo eine Woche zu wenig Daten hat. "
        "Neuheitseffekt: Der Lift lässt mit den Wochen seit dem ersten Kontakt signifikant nach."
    ),
    "html.clv_title": "Customer Lifetime Value",
    "html.clv_note": (
        "Prognose: BG/NBD x Gamma-Gamma, über alle Varianten angepasst (gemeinsame Formen, "
        "je Variante eigene Skalen); "
        "dieselben Zahlen wie"
    ),
    "html.history_title": "Verlauf über frühere Audits",
    "html.sample_ratio": "Aufteilung der Stichprobe: p = {p} ({counts})",
    "html.glossary": "Glossar",
    "html.footer_tool": "{tool}, Ergebnisschema {schema}",
    "html.config_hash": "Konfigurations-Hash: {hash}",
    "html.data_fingerprint": "Daten-Fingerabdruck: {fingerprint}",
    "html.not_recorded": "nicht erfasst",
    "glossary.p_adj.term": "p adj.",
    "glossary.p_adj": (
        "Die Wahrscheinlichkeit, einen so großen Unterschied zu sehen, wenn die Personalisierung "
        "nichts verändert hätte, korrigiert dafür, dass viele Metriken zugleich getestet werden; "
        "unter dem Signifikanzniveau gilt der Effekt als echt."
    ),
    "glossary.p_beat.term": "P(besser als Kontrolle)",
    "glossary.p_beat": (
        "Wie wahrscheinlich die personalisierte Version bei dieser Metrik besser ist als die "
        "generische, gegeben die Daten."
    ),
    "glossary.p_roi.term": "P(ROI>0)",
    "glossary.p_roi": (
        "Wie wahrscheinlich die Investition im Betrachtungszeitraum mehr einbringt, als sie kostet."
    ),
    "glossary.cuped.term": "CUPED",
    "glossary.cuped": (
        "Ein Verfahren zur Varianzreduktion, das das Verhalten jedes Besuchers vor dem Test "
        "nutzt, um den Lift genauer zu messen."
    ),
    "glossary.ci.term": "KI",
    "glossary.ci": (
        "Konfidenzintervall: der Bereich von Lifts, mit dem die Daten vereinbar sind; ein "
        "Intervall, das die Null einschließt, bedeutet keinen klaren Effekt."
    ),
    "glossary.srm.term": "SRM",
    "glossary.srm": (
        "Sample Ratio Mismatch: Die Traffic-Aufteilung zwischen den Versionen weicht vom Plan "
        "ab, ein Zeichen dafür, dass der Testaufbau fehlerhaft ist."
    ),
    "glossary.guardrail.term": "Guardrail",
    "glossary.guardrail": (
        "Eine Metrik, die sich nicht verschlechtern darf (etwa Fehler oder Zufriedenheit), "
        "egal was der Umsatz macht."
    ),
    "glossary.break_even.term": "Break-even",
    "glossary.break_even": (
        "Der Lift, bei dem der zusätzliche Gewinn die Investition genau deckt; darunter verliert "
        "die Personalisierung Geld."
    ),
    # Diagramme
    "chart.lift_axis_pct": "Lift gegenüber Kontrolle (%)",
    "chart.lift_axis_points": "Lift gegenüber Kontrolle (NPS-Punkte)",
    "chart.by_dimension": "{metric} nach {dimension}",
    "chart.part_conversion": "Conversion",
    "chart.part_order_value": "Bestellwert",
    "chart.part_clv": "CLV",
    "chart.net": "netto",
    "chart.score_axis": "Score (0-100)",
    "chart.roi_axis": "ROI (%)",
    "chart.tornado_axis": "ROI mit der Annahme an ihrem niedrigen oder hohen Wert",
    "chart.tornado_title": "{arm}: Sensitivität des ROI",
    # The clv and attribute commands
    "time_unit.day": "Tagen",
    "time_unit.week": "Wochen",
    "time_unit.month": "Monaten",
    "col.customers": "Kunden",
    "col.customers_units": "Kunden / Einheiten",
    "col.repeat_rate": "Wiederkaufrate",
    "col.orders_cust": "Best./Kunde",
    "col.days_between": "Tage dazwischen",
    "col.revenue_cust": "Umsatz/Kunde",
    "col.own_bgnbd": "eigenes BG/NBD r, alpha, a, b",
    "col.own_gamma_gamma": "eigenes Gamma-Gamma p, q, v",
    "col.future_clv_cust": "künftiger CLV/Kunde*",
    "col.future_clv_unit": "künftiger CLV/Einheit*",
    "col.future_clv_unit_plain": "künftiger CLV/Einheit",
    "col.bgnbd": "BG/NBD",
    "col.gamma_gamma": "Gamma-Gamma",
    "col.method": "Methode",
    "clv_doc.title_terminal": (
        "Customer Lifetime Value je Variante (Bestellungen bis {end}; Prognose über {months} "
        "Monate, angepasst in {unit})"
    ),
    "clv_doc.title_markdown": "Customer Lifetime Value je Variante (Bestellungen bis {end})",
    "clv_doc.setup": (
        "Prognose über {months} Monate, Modelle angepasst in {unit}; Kontrollgruppe {control}."
    ),
    "clv_doc.setup_no_control": (
        "Prognose über {months} Monate, Modelle angepasst in {unit}; die Units-Datei hat "
        "keine Kontrollgruppe, daher wird keine Variante mit ihr verglichen."
    ),
    "clv_doc.pooled_note": "* Prognose aus einer Anpassung über alle Varianten (gemeinsame Formen, "
    "je Variante eigene Skalen; die der Kontrolle)",
    "clv_doc.vs_control": "gegenüber Kontrollgruppe {control}",
    "clv_doc.warning": "Warnung",
    "attribution_doc.title": (
        "Konvertierter Wert je Kanal ({conversions} Conversions, insgesamt {total})"
    ),
    "attribution_doc.touches_true": "personalisierte Kontakte",
    "attribution_doc.touches_false": "generische Kontakte",
    "attribution_doc.spread": (
        "Personalisierte Kontakte erhalten je nach Modell {low} bis {high} des Werts: Die "
        "Spanne zeigt, wie stark das ROI-Urteil von der Zurechnungsregel abhängt."
    ),
}
