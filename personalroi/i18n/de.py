"""Deutsch: für Analystinnen und Analysten, die den Bericht lesen und weitergeben.

Dieselben Schlüssel und Felder wie `en.py`. "Arm" heißt hier Variante, die
Kontrollgruppe Kontrollgruppe; Fachbegriffe, die im deutschen Experimentieren
üblich sind (Lift, Guardrail, Break-even, Sample Ratio Mismatch), bleiben stehen.
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # Zahlenschreibweise
    "fmt.money": "{sign}{amount} {currency}",
    "fmt.list_sep": "; ",
    # Lifts mit Intervall (die Sätze des Audits)
    "lift.none": "–",
    "lift.pct": "{lift:pct1}",
    "lift.pct_ci": "{lift:pct1} [{low:pct1}, {high:pct1}]",
    "lift.pts": "{lift:pts1} Punkte",
    "lift.pts_ci": "{lift:pts1} [{low:pts1}, {high:pts1}] Punkte",
    "lift.abs": "{lift:sg4}",
    "lift.abs_ci": "{lift:sg4} [{low:sg4}, {high:sg4}]",
    "roi.phrase": "ROI {roi:spct0}{ci}{chance}",
    "roi.ci": " ({level:pct0}-KI {low:spct0} bis {high:spct0})",
    "roi.chance": ", mit {p:pct0} Wahrscheinlichkeit rentabel",
    # Urteil
    "verdict.headline": "{srm}{body}{harms}.",
    "verdict.srm_lead": "Sample Ratio Mismatch, Lifts nicht verlässlich; ",
    "verdict.pays": "{arm} rechnet sich: {money}",
    "verdict.promising": "{arm} ist vielversprechend, aber nicht belegt: {money}",
    "verdict.does_not_pay": "{arm} rechnet sich nicht: {money}",
    "verdict.inconclusive": "Kein klares Ergebnis: {arm} bei {money}",
    "verdict.unlikely_not_proven": (
        "{arm} rechnet sich wohl nicht, belegt ist das aber nicht: {money}"
    ),
    "verdict.would_pay": "{arm} würde sich rechnen, {money}",
    "verdict.harmed": "; verschlechtert:",
    "verdict.but_it_harms": ", verschlechtert aber",
    "verdict.harm_clause": "{lead} {named:join}{more}",
    "verdict.more": " und {n} weitere",
    "verdict.harmful": "Schädlich: {harm}; {arm} nicht ausrollen{alternative}",
    "verdict.alternative": "; {arm}: {money}",
    "verdict.no_money": (
        "Keine ROI-Aussage ({why}): {better} von {total} Metrikvergleichen signifikant "
        "besser, {worse} signifikant schlechter"
    ),
    "verdict.no_revenue_metric": "keine Umsatzmetrik",
    "verdict.no_costs": "keine Kosten oder kein Umsatz-Lift",
    "harm.short": "{metric}{who}{where} {lift}",
    "harm.in_arm": " in {arm}",
    "harm.for_level": " bei {dimension} {level}",
    "reason.guardrail_worse": "{metric} (Guardrail) in {arm} signifikant schlechter: {lift}",
    "reason.guardrail_not_shown": (
        "{metric} (Guardrail) in {arm} ohne Nachweis der Nicht-Unterlegenheit: {lift}"
    ),
    "reason.harm": "{metric} in {arm}{where} signifikant schlechter: {lift}",
    "reason.srm": "Sample Ratio Mismatch (p = {p:g2}): Die Lifts sind nicht verlässlich",
    "reason.data": "Datenprüfung {name} fehlgeschlagen: {detail}",
    "reason.few_buyers": (
        "{metric} beruht auf wenigen Käufern: {arm} hat rechnerisch etwa {buyers:f0} "
        "Käufer (bei gleich verteiltem Umsatz), ein sicheres „rechnet sich nicht“ braucht "
        "{needed} je Variante: Wenige große Bestellungen bestimmen Lift und Intervall zugleich"
    ),
    # Heterogenität
    "het.finding": "{parts:semi}",
    "het.differs": (
        "der {scale} Lift von {metric} in {arm} {lead}: Cochrans Q = {q:f1} bei {df} FG, "
        "adjustiertes p = {p:g2}, I^2 = {i2:pct0}; am schlechtesten {dimension} {level}: {lift}"
    ),
    "het.scale_relative": "relative",
    "het.scale_absolute": "absolute",
    "het.across_channels": "ist über die Kanäle hinweg uneinheitlich (Omnichannel)",
    "het.across_levels": "unterscheidet sich zwischen den Ausprägungen von {dimension}",
    "het.simpson": (
        "der Gesamt-Lift von {metric} in {arm} zeigt in die andere Richtung als die meisten "
        "Ausprägungen von {dimension} (Simpson-Paradoxon): Prüfen Sie die Verteilung der "
        "Varianten je Ausprägung, bevor Sie dem Gesamtwert trauen"
    ),
    # Zusammenfassung für Nicht-Statistiker
    "summary.tested_one": (
        "Personalisierte Variante {arms} gegen die generische Version (Kontrollgruppe "
        "{control}), an {units:int} randomisierten Einheiten.{hypothesis}"
    ),
    "summary.tested_many": (
        "Personalisierte Varianten {arms} gegen die generische Version (Kontrollgruppe "
        "{control}), an {units:int} randomisierten Einheiten.{hypothesis}"
    ),
    "summary.hypothesis": " Hypothese: {hypothesis}.",
    "summary.worth": (
        "{arm} bringt über {months} Monate rund {benefit:money} an {basis} und Einsparungen, "
        "bei {investment:money} Investition (ROI {roi:spct0}){chance}."
    ),
    "summary.chance": "; die Wahrscheinlichkeit, dass es sich rechnet, liegt bei {p:pct0}",
    "basis.gross_profit": "Rohertrag",
    "basis.revenue": "Umsatz",
    "summary.nothing_harmed": "Nichts hat sich signifikant verschlechtert.",
    "summary.harmed": "{harms:semi}{more}.",
    "summary.harmed_more": "; und {n} weitere (siehe Handlungsbedarf)",
    "summary.below_break_even": (
        "Mehr Daten machen {arm} nicht rentabel: Der Lift liegt unter dem Break-even "
        "({lift:pct1} bei {metric})."
    ),
    "summary.units_to_prove": (
        "Rund {units:int} weitere Einheiten je Variante würden beim bisherigen Lift reichen, "
        "damit das ROI-Intervall die Null ausschließt."
    ),
    "summary.units_for_goals": (
        "Rund {units:int} weitere Einheiten je Variante würden jedes Ziel bei 80 % Teststärke "
        "klären."
    ),
    "next.pays": (
        "{arm} ausrollen, die Guardrails weiter beobachten und die nächste Idee dagegen testen."
    ),
    "next.promising": (
        "{arm} weiterlaufen lassen (oder mit mehr Traffic testen), bevor es vollständig "
        "ausgerollt wird."
    ),
    "next.inconclusive": (
        "Noch nicht entscheiden: den Test weiterlaufen lassen oder eine mutigere Änderung testen."
    ),
    "next.does_not_pay": "{arm} nicht ausrollen: die Idee überdenken oder die Kosten senken.",
    "next.harmful": "{arm} vor jedem Rollout stoppen oder nachbessern.",
    "next.no_money": (
        "Kosten und eine Umsatzmetrik in der Konfiguration ergänzen, um zu sehen, ob es sich "
        "rechnet."
    ),
    "next.harmed": (
        "Beheben, was {arm} verschlechtert, oder es nur dort ausrollen, wo es hilft, bevor es "
        "breiter ausgerollt wird."
    ),
    "next.the_arm": "die personalisierte Variante",
    # Was die Unsicherheit des ROI treibt
    "driver.part_conversion": "den Conversion-Lift",
    "driver.part_order_value": "den Bestellwert-Lift",
    "driver.part_clv": "die CLV-Prognose",
    "driver.part_costs": "die Kostenspannen",
    "driver.part_savings": "die Einsparungsspannen",
    "driver.settled": (
        "{share:pct0} der ROI-Unsicherheit gehen auf {part} zurück; das Intervall schließt 0 "
        "bereits aus."
    ),
    "driver.more_units": (
        "{share:pct0} der ROI-Unsicherheit gehen auf {part} zurück; rund {units:int} weitere "
        "Einheiten je Variante würden das beim beobachteten Lift klären."
    ),
    "driver.below_break_even": (
        "{share:pct0} der ROI-Unsicherheit gehen auf {part} zurück; der beobachtete Lift liegt "
        "unter dem Break-even, mehr Daten würden es also nicht rentabel machen."
    ),
    "driver.ranges": (
        "{share:pct0} der ROI-Unsicherheit gehen auf {part} zurück; allein die Kosten- und "
        "Einsparungsspannen halten es offen: Engen Sie sie ein."
    ),
    # Einheiten und Wörter neben Zahlen
    "unit.pp": "PP",
    "unit.pts": "Pkt.",
    "unit.mo": "Mt.",
    "unit.months": "Monate",
    "word.yes": "ja",
    "word.no": "nein",
    # Kopf und Urteil
    "report.title": "personalroi-Audit: {name}",
    "header.control_vs": "Kontrollgruppe {control} gegen {arms}",
    "header.alpha": "Alpha {alpha}  Korrektur {correction}",
    "header.hypothesis": "Hypothese: {hypothesis}",
    "markdown.setup": (
        "Kontrollgruppe {control} gegen {arms}; Alpha {alpha}, Korrektur {correction}."
    ),
    "verdict.label": "URTEIL",
    "verdict.more_reasons": "{n} weitere Gründe unten unter Handlungsbedarf",
    "verdict.older_result": (
        "Kein Urteil in diesem Ergebnis: Es wurde von einer älteren personalroi-Version "
        "gespeichert; führen Sie das Audit erneut aus."
    ),
    "verdict.status.pays": "Rechnet sich",
    "verdict.status.promising": "Vielversprechend, nicht belegt",
    "verdict.status.inconclusive": "Kein klares Ergebnis",
    "verdict.status.does_not_pay": "Rechnet sich nicht",
    "verdict.status.harmful": "Schädlich",
    "verdict.status.no_money": "Keine Geldzahlen",
    "verdict.reason.roi": "ROI",
    "verdict.reason.harm": "Schaden",
    "verdict.reason.guardrail": "Guardrail",
    "verdict.reason.heterogeneity": "Segmente",
    "verdict.reason.srm": "Traffic-Aufteilung",
    "verdict.reason.data": "Daten",
    "verdict.reason.heavy_tail": "Wenige Käufer",
    "score.line": "Scorecard {score:f0}/100, Bestehensgrenze {mark:g}: {outcome}",
    "score.no_mark": "Scorecard {score:f0}/100 (keine Bestehensgrenze gesetzt)",
    "score.pass": "BESTANDEN",
    "score.fail": "NICHT BESTANDEN",
    "summary.title_markdown": "Kurz gesagt",
    "summary.label.tested": "Was getestet wurde",
    "summary.label.worth": "Was es wert ist",
    "summary.label.harmed": "Was sich verschlechtert hat",
    "summary.label.next_step": "Nächster Schritt",
    "summary.label.data_needed": "Wie viele Daten noch fehlen",
    # Spaltenköpfe
    "col.arm": "Variante",
    "col.metric": "Metrik",
    "col.metric_segment": "Metrik: Segment",
    "col.segment": "Segment",
    "col.control": "Kontrolle",
    "col.treatment": "Variante",
    "col.lift_ci": "Lift [KI]",
    "col.lift_ci_paren": "Lift (KI)",
    "col.lift_level_ci": "Lift ({level}-KI)",
    "col.abs_lift_ci": "abs. Lift [KI]",
    "col.rel_lift_ci": "rel. Lift [KI]",
    "col.p": "p",
    "col.p_adj": "p adj.",
    "col.p_beat": "P(besser als Kontrolle)",
    "col.status": "Status",
    "col.invest": "Invest.",
    "col.investment": "Investition",
    "col.benefit": "Nutzen",
    "col.revenue_lift": "Umsatz-Lift",
    "col.savings": "Einsparungen",
    "col.roi": "ROI",
    "col.roi_ci": "ROI [{level}-KI]",
    "col.roi_ci_plain": "ROI [KI]",
    "col.p_roi": "P(ROI>0)",
    "col.npv": "Kapitalwert",
    "col.payback": "Amortisation",
    "col.payback_short": "Amort.",
    "col.npv_short": "NPV",
    "col.break_even": "Break-even",
    "col.break_even_lift": "Break-even-Lift",
    "col.benefit_cost": "Nutzen/Kosten",
    "col.assumption": "Annahme",
    "col.low": "niedrig",
    "col.high": "hoch",
    "col.roi_low": "ROI bei niedrig",
    "col.roi_high": "ROI bei hoch",
    "col.npv_low": "Kapitalwert bei niedrig",
    "col.npv_high": "Kapitalwert bei hoch",
    "col.dimension": "Dimension",
    "col.level": "Ausprägung",
    "col.share": "Anteil",
    "col.rank": "Rang",
    "col.flag": "Hinweis",
    "col.recommendation": "Empfehlung",
    "col.goal": "Ziel",
    "col.item": "Posten",
    "col.weight": "Gewicht",
    "col.target": "Zielwert",
    "col.achieved": "erreicht",
    "col.attainment": "Zielerreichung",
    "col.severity": "Schwere",
    "col.area": "Bereich",
    "col.finding": "Befund",
    "col.finding_todo": "Befund → was zu tun ist",
    "col.pre_column": "Vorperioden-Spalte",
    "col.before": "vorher",
    "col.vs_control": "zur Kontrolle",
    "col.during_test": "im Test",
    "col.change": "Änderung",
    "col.buyers_units": "Käufer/Einh.",
    "col.repeat": "Wiederkauf",
    "col.orders": "Best.",
    "col.days_apart": "Tage Abst.",
    "col.categories": "Kategorien",
    "col.clv_so_far": "CLV bisher",
    "col.forecast": "Prognose",
    "col.measure": "Kennzahl",
    "col.reading": "Einordnung",
    "col.slope": "Steigung",
    "col.period": "Zeitraum",
    "col.with": "mit",
    "col.without": "ohne",
    "col.in_period": "im Zeitraum",
    "col.r_time_conv": "r(Zeit,Conv.)",
    "col.pages_session": "Seiten/Sitzung",
    "col.one_page": "1 Seite",
    "col.bounce_lift": "Absprung, Lift",
    "col.saved_month": "gespart/Monat",
    "col.ctr_lift": "CTR, Lift",
    "col.model": "Modell",
    "col.channel": "Kanal",
    "col.date": "Datum",
    "col.during_test_window": "während des Tests",
    "col.split": "Vorher/Nachher-Analyse",
    "col.all_units": "alle Einheiten",
    "col.after": "nachher",
    "col.audit": "Audit",
    "col.decision": "Entscheidung",
    "col.by": "von",
    "col.note": "Notiz",
    "col.check": "Prüfung",
    "col.detail": "Detail",
    # Werte, die das Ergebnis auf Englisch speichert, wie sie angezeigt werden
    "status.met": "erreicht",
    "status.on track": "auf Kurs",
    "status.not significant": "nicht signifikant",
    "status.missed": "verfehlt",
    "status.harmful": "schädlich",
    "status.insufficient data": "zu wenig Daten",
    "check.pass": "ok",
    "check.warn": "Warnung",
    "check.fail": "Fehler",
    "severity.high": "hoch",
    "severity.medium": "mittel",
    "severity.low": "niedrig",
    "reading.better": "besser",
    "reading.worse": "schlechter",
    "reading.no significant difference": "nicht signifikant",
    "reading.novelty": "Neuheitseffekt",
    "reading.grows": "wächst",
    "reading.worsens": "lässt nach",
    "reading.differs": "weicht ab",
    "reading.shifts": "verschiebt sich",
    "area.attribution": "Attribution",
    "area.baseline": "Ausgangsniveau",
    "area.cadence": "Rhythmus",
    "area.calendar": "Kalender",
    "area.control group": "Kontrollgruppe",
    "area.costs": "Kosten",
    "area.economics": "Wirtschaftlichkeit",
    "area.engagement": "Engagement",
    "area.goal": "Ziel",
    "area.goals": "Ziele",
    "area.governance": "Governance",
    "area.harm": "Schaden",
    "area.heterogeneity": "Heterogenität",
    "area.hypothesis": "Hypothese",
    "area.lifetime value": "Customer Lifetime Value",
    "area.omnichannel": "Omnichannel",
    "area.revenue decomposition": "Umsatzzerlegung",
    "area.savings": "Einsparungen",
    "area.segments": "Segmente",
    "area.trend": "Trend",
    "area.voice of customer": "Kundenstimme",
    "model.first_touch": "First Touch",
    "model.last_touch": "Last Touch",
    "model.linear": "linear",
    "model.time_decay": "Time Decay",
    "model.position_based": "positionsbasiert",
    "model.markov": "Markov",
    "clv_measure.repeat_rate": "Wiederkaufrate",
    "clv_measure.purchase_frequency": "Bestellungen/Kunde",
    "clv_measure.mean_days_between_purchases": "Kaufabstand (kürzer besser)",
    "clv_measure.categories_per_customer": "Kategorien/Kunde",
    "clv_measure.revenue_per_customer": "Umsatz/Kunde",
    "clv_measure.historical_clv_per_unit": "CLV bisher/Einheit",
    "clv_measure.forecast_clv_per_unit": "CLV-Prognose/Einheit",
    # Geld
    "roi.title": "ROI über {months} Monate (Basis {basis}, {currency})",
    "roi.title_markdown": "ROI ({currency}, Basis {basis})",
    "roi.caption": (
        "Nutzen = Umsatz-Lift + Einsparungen; Break-even = relativer Lift von {metric}, bei dem "
        "der ROI 0 ist; * = nach dem Betrachtungszeitraum"
    ),
    "money.undefined": "nicht definiert",
    "money.never": "nie",
    "money.heavy_tail": (
        "{arm}: Wenige extreme Einheiten bestimmen den Lift von {metric} ({lift} -> {capped} "
        "je Einheit, wenn die obersten 0,1 % gekappt werden); gekappt läge der ROI bei "
        "{capped_roi} statt {roi}"
    ),
    "effort.line": "{arm}: Aufwand {parts}, {cost} der investierten {investment} {currency}",
    "effort.hours": "{hours} Stunden",
    "effort.fte_months": "{months} Personenmonate",
    "effort.and": " und ",
    "sensitivity.title": "Sensitivität des ROI {roi} von {arm}, je eine Annahme verändert",
    "sensitivity.title_markdown": "Sensitivität von {arm} ({currency})",
    "sensitivity.other_arms": "; andere Varianten: --format markdown oder json ({arms})",
    "sensitivity.note": (
        "Kosten- und Einsparungsposten: Summen über den Betrachtungszeitraum; Spannen aus der "
        "Konfiguration{spread}; größter ROI-Ausschlag zuerst; der Diskontsatz bewegt nur den "
        "Kapitalwert"
    ),
    "sensitivity.default_spread": ", sonst -+{spread}",
    "sensitivity.config_range": "(Spanne aus der Konfiguration)",
    "sensitivity.cost": "Kosten",
    "sensitivity.saving": "Einsparung",
    "roi_level.title": "ROI je Ausprägung",
    "roi_level.note": (
        "ROI, wenn die Variante nur für diese Ausprägung ausgerollt wird: Anteil der Ausprägung "
        "an den Einheiten und ihr eigener Lift, der CLV-Lift der Variante, die volle "
        "Investition; die Ausprägungen sind nicht für multiples Testen korrigiert"
    ),
    # Scorecard, Handlungsbedarf, Prioritäten
    "scorecard.title": "Scorecard",
    "scorecard.title_html": "Scorecard: {score} / 100",
    "scorecard.per_arm": "je Variante: {scores}",
    "scorecard.no_mark": "Keine Bestehensgrenze gesetzt: Der Score entscheidet nichts.",
    "scorecard.mark_passed": "Bestehensgrenze {mark:g}: bestanden.",
    "scorecard.mark_not_passed": "Bestehensgrenze {mark:g}: nicht bestanden.",
    "scorecard.how": "Score = gewichtetes Mittel der Zielerreichung.",
    "gaps.title": "Handlungsbedarf",
    "gaps.top": "Wichtigster Handlungsbedarf ({n} insgesamt)",
    "gaps.hidden": "{n} weitere ({which}) im JSON-Ergebnis (--format json)",
    "priorities.title": "Prioritäten",
    "priorities.title_terminal": "Prioritäten (Wirkung im Verhältnis zu den Kosten)",
    "priorities.no_components": "keine Komponenten angegeben",
    "priorities.invest": "Investition {amount}",
    "priorities.increment": (
        "{components} gegenüber {over}: {benefit} Nutzen für {investment} (ROI {roi})"
    ),
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
    # Goal gaps and priorities (scorecard/)
    "gap.goal": "{metric} in {arm}: Ziel {goal}, erreicht {achieved} ({status})",
    "gap.goal_harmful": (
        "{arm} verschlechtert {metric} signifikant: vor jedem Rollout nachbessern oder stoppen"
    ),
    "gap.goal_missed": "das Intervall schließt das Ziel aus: Idee oder Ziel überarbeiten",
    "gap.goal_run_longer": (
        "länger laufen lassen: rund {needed:int} Einheiten je Variante ({extra:int} mehr) "
        "erkennen den Ziel-Lift bei 80 % Teststärke"
    ),
    "gap.harm_advice": (
        "herausfinden, warum {arm} {metric} schadet, und es vor jedem Rollout beheben"
    ),
    "gap.harm_advice_level": (
        "herausfinden, warum {arm} {metric} bei {dimension} {level} schadet, und es vor jedem "
        "Rollout beheben"
    ),
    "gap.level_harmed_advice": (
        "{arm} nicht so, wie sie ist, für {dimension} {level} ausrollen: dort beheben oder nur "
        "dort ausrollen, wo sie hilft"
    ),
    "gap.uneven_advice": ("{metric} pro {dimension} berichten; der Gesamtlift gilt nicht überall"),
    "gap.revenue_split": (
        "keine Metriken für Conversion-Rate und durchschnittlichen Bestellwert neben der "
        "Umsatzmetrik: der ganze Umsatzlift wird der Conversion zugeschrieben"
    ),
    "gap.revenue_split_advice": (
        "eine binäre Metrik auf <orders>.count und eine Verhältnismetrik "
        "<orders>.amount / <orders>.count ergänzen"
    ),
    "gap.goal_detectable": (
        "die Stichprobe kann das Ziel erkennen; der Lift liegt bisher nur knapp darunter"
    ),
    "priority.recommendation": "{advice}{targeted}",
    "priority.harms": (
        "verschlechtert signifikant {harm}: vor jedem Rollout nachbessern oder stoppen"
    ),
    "priority.roi_unknown": "ROI unbekannt: Umsatzmetrik und Kosten vervollständigen",
    "priority.does_not_pay": (
        "rechnet sich nach aktueller Datenlage nicht: neu konzipieren oder stoppen, bevor mehr "
        "ausgegeben wird"
    ),
    "priority.roll_out": (
        "ausrollen und neue Ideen weiter per A/B-Test dagegen prüfen, mit dieser Variante als "
        "neuer Kontrolle"
    ),
    "priority.best_bet": (
        "beste Wahl, aber noch nicht sicher: vor einem vollständigen Rollout weiter testen"
    ),
    "priority.pays_less": "bringt je Kosteneinheit weniger als eine höher eingestufte Variante",
    "priority.flag_blocked": (
        "verschlechtert eine Guardrail oder die Umsatzmetrik: zuletzt eingestuft"
    ),
    "priority.flag_customers": (
        "schadet der Kundenzufriedenheit (NPS): hinter Varianten ohne Schaden eingestuft"
    ),
    "priority.targeted": (
        ". Kandidat für einen gezielten Rollout, belegt, wo es die Variante insgesamt nicht "
        "ist: {named:semi}; mit einem Test in diesem Segment bestätigen"
    ),
    "priority.level": (
        "{dimension} {level} ({share:pct0} der Einheiten): ROI {roi:spct0}, P(ROI>0) {p:pct0}"
    ),
}
