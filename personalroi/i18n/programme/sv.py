"""The programme (`history portfolio`) in Swedish: its table, notes and method."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "decision.rollout": "utrullning",
    "decision.stop": "stopp",
    "decision.continue": "fortsätt",
    "col.experiment": "experiment",
    "col.chosen_by": "vald genom",
    "col.experiment_audit_arm": "experiment (granskning): variant",
    "col.choice": "val",
    "portfolio.title": "Program: senaste granskningen av varje experiment",
    "portfolio.title_markdown": "personalroi-program: senaste granskningen av varje experiment",
    "portfolio.kicker": "personalroi-program",
    "portfolio.chart_title": "Nytta och investering per experiment",
    "portfolio.table_title": "Experiment och summor",
    "portfolio.decided": "{decision} av {by}",
    "portfolio.priority_one": "prioritet 1",
    "portfolio.total": "summa (medräknade: {n})",
    "portfolio.not_counted": "inte medräknad:",
    "portfolio.decision_note": "{decision} {arm} av {by} den {on}",
    "portfolio.caption": (
        "Nytta = intäktslyft + besparingar över varje experiments tidshorisont ({basis} som "
        "grund). Programmets ROI med {level} intervall: {method}."
    ),
    "programme.note.stopped": "stoppad av {by} den {on}: inte i summorna",
    "programme.note.no_money": (
        "audit {audit} har inga pengabelopp (inga kostnader eller intäktsmått)"
    ),
    "programme.note.no_arm_roi": "audit {audit} har ingen ROI för arm {arm}",
    "programme.note.no_roi": (
        "ingen ROI för arm {arm} i audit {audit} (inget intäktsmått eller kostnader)"
    ),
    "programme.note.testing": "testas fortfarande (fortsätt): auditens prognos",
    "programme.note.no_interval": "inget ROI-intervall för arm {arm} i audit {audit}",
    "programme.note.other_currency": "i {currency}; summorna är i {total}",
    "programme.note.bases": (
        "nyttor på olika baser ({bases}): sätt economics.gross_margin i varje konfiguration för "
        "att summera bruttovinsten"
    ),
    "programme.note.horizons": (
        "nyttor över olika horisonter ({horizons:join}): varje experiments egen "
        "economics.horizon_months"
    ),
    "programme.months": "{n} månader",
    "programme.method": (
        "experimenten oberoende: nyttornas varianser adderas (varje ROI:s standardfel x dess "
        "investering), programmets ROI-SE = nyttans SE / total investering, normalintervall"
    ),
}
