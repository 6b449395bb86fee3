"""The programme (`history portfolio`) in German: its table, notes and method."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "decision.rollout": "Rollout",
    "decision.stop": "Stopp",
    "decision.continue": "weiterlaufen",
    "col.experiment": "Experiment",
    "col.chosen_by": "gewählt durch",
    "col.experiment_audit_arm": "Experiment (Audit): Variante",
    "col.choice": "Wahl",
    "portfolio.title": "Programm: jüngstes Audit jedes Experiments",
    "portfolio.title_markdown": "personalroi-Programm: jüngstes Audit jedes Experiments",
    "portfolio.kicker": "personalroi-Programm",
    "portfolio.chart_title": "Nutzen und Investition je Experiment",
    "portfolio.table_title": "Experimente und Summen",
    "portfolio.decided": "{decision} von {by}",
    "portfolio.priority_one": "Priorität 1",
    "portfolio.total": "Summe ({n} gezählt)",
    "portfolio.not_counted": "nicht gezählt:",
    "portfolio.decision_note": "{decision} {arm} von {by} am {on}",
    "portfolio.caption": (
        "Nutzen = Umsatz-Lift + Einsparungen über den Betrachtungszeitraum jedes Experiments "
        "(Basis {basis}). Programm-ROI mit {level}-Intervall: {method}."
    ),
    "programme.note.stopped": "gestoppt von {by} am {on}: nicht in den Summen",
    "programme.note.no_money": (
        "Audit {audit} hat keine Geldzahlen (keine Kosten oder Umsatzmetrik)"
    ),
    "programme.note.no_arm_roi": "Audit {audit} hat keinen ROI für Arm {arm}",
    "programme.note.no_roi": (
        "kein ROI für Arm {arm} in Audit {audit} (keine Umsatzmetrik oder Kosten)"
    ),
    "programme.note.testing": "wird noch getestet (weiterlaufen): die Projektion des Audits",
    "programme.note.no_interval": "kein ROI-Intervall für Arm {arm} in Audit {audit}",
    "programme.note.other_currency": "in {currency}; die Summen sind in {total}",
    "programme.note.bases": (
        "Nutzen auf verschiedenen Basen ({bases}): economics.gross_margin in jeder Konfiguration "
        "setzen, um den Rohertrag zu summieren"
    ),
    "programme.note.horizons": (
        "Nutzen über verschiedene Horizonte ({horizons:join}): der eigene "
        "economics.horizon_months jedes Experiments"
    ),
    "programme.months": "{n} Monate",
    "programme.method": (
        "Experimente unabhängig: die Varianzen des Nutzens addieren sich (Standardfehler jedes "
        "ROI x seine Investition), SE des Programm-ROI = SE des Nutzens / Gesamtinvestition, "
        "Normalintervall"
    ),
}
