"""The programme (`history portfolio`) in English: its table, notes and method."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "decision.rollout": "rollout",
    "decision.stop": "stop",
    "decision.continue": "continue",
    "col.experiment": "experiment",
    "col.chosen_by": "chosen by",
    "col.experiment_audit_arm": "experiment (audit): arm",
    "col.choice": "choice",
    "portfolio.title": "Programme: latest audit of each experiment",
    "portfolio.title_markdown": "personalroi programme: latest audit of each experiment",
    "portfolio.kicker": "personalroi programme",
    "portfolio.chart_title": "Benefit and investment per experiment",
    "portfolio.table_title": "Experiments and totals",
    "portfolio.decided": "{decision} by {by}",
    "portfolio.priority_one": "priority #1",
    "portfolio.total": "total ({n} counted)",
    "portfolio.not_counted": "not counted:",
    "portfolio.decision_note": "{decision} {arm} by {by} on {on}",
    "portfolio.caption": (
        "Benefit = revenue lift + savings over each experiment's horizon ({basis} basis). "
        "Programme ROI with a {level} interval: {method}."
    ),
    "programme.note.stopped": "stopped by {by} on {on}: not in the totals",
    "programme.note.no_money": "audit {audit} has no money figures (no costs or revenue metric)",
    "programme.note.no_arm_roi": "audit {audit} has no ROI for arm {arm}",
    "programme.note.no_roi": "no ROI for arm {arm} in audit {audit} (no revenue metric or costs)",
    "programme.note.testing": "still testing (continue): the audit's projection",
    "programme.note.no_interval": "no ROI interval for arm {arm} in audit {audit}",
    "programme.note.other_currency": "in {currency}; the totals are in {total}",
    "programme.note.bases": (
        "benefits on different bases ({bases}): set economics.gross_margin in every config to "
        "total gross profit"
    ),
    "programme.note.horizons": (
        "benefits over different horizons ({horizons:join}): each experiment's own "
        "economics.horizon_months"
    ),
    "programme.months": "{n} months",
    "programme.method": (
        "experiments independent: benefit variances add (each ROI standard error x its "
        "investment), programme ROI se = benefit se / total investment, normal interval"
    ),
}
