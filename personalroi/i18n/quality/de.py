"""The data-quality checks in German."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "dq.duplicates_none": "keine mehrfachen Zeilen je Einheit; {policy}",
    "dq.duplicates_dropped": (
        "{repeated} mehrfache Zeilen von {units} Einheiten verworfen, je Einheit bleibt eine "
        "ganze Zeile; {policy}. Bei {disagreeing} der {units} Einheiten widersprechen sich die "
        "Zeilen in einer Metrik- oder Dimensionsspalte{where}"
    ),
    "dq.in_columns": " ({columns})",
    "dq.policy.error": "units.duplicates: error",
    "dq.policy.first_by": (
        "units.duplicates: first (die früheste Zeile nach {timestamp}, danach nach "
        "Dateireihenfolge)"
    ),
    "dq.policy.last_by": (
        "units.duplicates: last (die späteste Zeile nach {timestamp}, danach nach Dateireihenfolge)"
    ),
    "dq.policy.first": "units.duplicates: first (die erste Zeile in Dateireihenfolge)",
    "dq.policy.last": "units.duplicates: last (die letzte Zeile in Dateireihenfolge)",
    "dq.multi_arm": "{units} Einheiten in mehr als einer Variante gesehen (ausgeschlossen)",
    "dq.missing_arm": "{rows} Einheitenzeilen ohne ID oder Variante (ausgeschlossen)",
    "dq.unanalysed_arms": "Varianten in den Daten, die die Konfiguration nicht nennt: {arms}",
    "dq.units_outside": "{rows} Einheitenzeilen außerhalb von {window} (verworfen)",
    "dq.join_coverage": (
        "{matched} von {rows} Zeilen ({share:loc}) gehören zu einer Einheit; {units_hit} von "
        "{units} Einheiten haben Zeilen"
    ),
    "dq.source_outside": "{rows} Zeilen außerhalb von {window} (verworfen)",
    "dq.negative": ("{rows} Zeilen mit negativem {column} (Erstattungen? unverändert übernommen)"),
    "dq.no_negatives": "keine negativen Werte in den Wertspalten",
    "dq.dimension_rows": (
        "{repeated:int} Einheit(en) mit mehr als einer Zeile in {source}, behalten wird "
        "{kept} (units.duplicates); {differing:int} davon mit abweichenden Werten in {columns}"
    ),
    "dq.kept.first_by": "die früheste nach {timestamp}",
    "dq.kept.last_by": "die späteste nach {timestamp}",
    "dq.kept.first": "die erste in Dateireihenfolge",
    "dq.kept.last": "die letzte in Dateireihenfolge",
    "dq.rows_excluded": (
        "{excluded:int} von {total:int} Zeilen durch {setting} ausgeschlossen: {where}"
    ),
    "dq.heavy_tail": (
        "{metric}: der größte Wert ist {largest:loc} (der zweitgrößte {second:loc}); kappt "
        "man die obersten 0,1 % der Einheiten bei {cap:loc}, verschiebt sich der Lift um mehr "
        "als sein halbes Konfidenzintervall ({arms:semi}). Wenige Einheiten entscheiden über "
        "diese Metrik: winsorize: {quantile} für {metric} setzen, um sie in der Analyse zu "
        "kappen"
    ),
    "dq.heavy_tail_arm": "{arm}: {lift:pct1} → {capped:pct1}",
    "dq.heavy_tail_none": (
        "bei keiner Mittelwert- oder Verhältnismetrik verschiebt sich der Lift um ein halbes "
        "KI, wenn die obersten 0,1 % der Einheiten gekappt werden"
    ),
    "dq.aggregated_input": (
        "Statistiken je Variante aus {path} gelesen; die Prüfungen auf Einheitenebene "
        "(Duplikate, Zeitfenster, Join-Abdeckung) gehören dorthin, wo sie berechnet wurden: "
        "die checks-Abfrage von `personalroi sql` speichern und als units.aggregated.checks "
        "angeben, um sie zu sehen"
    ),
    "dq.unit_level_tests": (
        "{metrics}: Mann-Whitney/Bootstrap brauchen Werte je Einheit; bei aggregierter "
        "Eingabe wird der Welch-t-Test verwendet"
    ),
    "dq.winsorized_upstream": (
        "{metrics}: die Winsorisierung gilt als schon in der Aggregationsabfrage angewandt "
        "(`personalroi sql` tut das); auf Summen lässt sie sich nicht anwenden"
    ),
    "clv_check.arm": "Variante {arm}: {problem}",
    "clv_check.few_repeaters": (
        "{repeaters} Wiederkäufer (weniger als {needed}): zu wenige, um das Wiederkaufmodell "
        "anzupassen"
    ),
    "clv_check.bgnbd_rough": (
        "die BG/NBD-Anpassung stieß an eine Grenze oder konvergierte nicht; die Prognose nur "
        "als grobe Schätzung nehmen"
    ),
    "clv_check.gamma_gamma_rough": (
        "die Gamma-Gamma-Anpassung stieß an eine Grenze oder konvergierte nicht; die Prognose "
        "nur als grobe Schätzung nehmen"
    ),
    "clv_check.gamma_gamma_q": (
        "Gamma-Gamma q <= 1 (die Ausgaben haben keinen endlichen Mittelwert); stattdessen "
        "werden die beobachteten Mittelwerte verwendet"
    ),
    "clv_check.holdout": (
        "das Modell passt schlecht: es sagt nach {end} {predicted:f1} Tage mit Wiederkäufen "
        "voraus, eingetreten sind {actual:f0}"
    ),
}
