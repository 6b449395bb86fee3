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
