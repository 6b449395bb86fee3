"""Audit cadence, the one rule: was this experiment audited as often as it should be?

The framework asks for auditing as a habit. `governance.audit_every_days`
states the habit (default: quarterly, 90 days); the audit history says whether
it was kept. The CLI reads the history and passes what it found here, so the
rule itself stays a pure function.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from personalroi.history.decision import Decision
from personalroi.i18n import Phrase
from personalroi.scorecard.gaps import Gap

DEFAULT_EVERY_DAYS = 90


@dataclass(frozen=True)
class AuditHistory:
    """What the history knows about earlier audits of this experiment."""

    kept: bool  # False with --no-history, or when the history could not be read
    last_audit: dt.datetime | None = None  # None: this is the first recorded audit
    problem: str | None = None  # why the history could not be read
    # Decisions recorded with `history decide` on earlier audits, oldest first.
    decisions: tuple[Decision, ...] = ()


NO_HISTORY = AuditHistory(kept=False)


def cadence_gaps(history: AuditHistory, now: dt.datetime, every_days: int | None) -> list[Gap]:
    """At most one gap: history off or unreadable (low), or the audit overdue (medium, high)."""
    every = every_days or DEFAULT_EVERY_DAYS
    if not history.kept:
        why = history.problem or Phrase.of("check.history_off")
        finding = Phrase.of("check.cadence_off", why=why)
        advice = Phrase.of("check.cadence_off.advice", every=every)
        return [Gap.said("cadence", "low", finding, advice)]
    if history.last_audit is None:
        return []  # the first audit of this experiment starts the habit
    days = (now - history.last_audit).total_seconds() / 86_400
    if days <= every:
        return []
    source = Phrase.of("check.every_configured" if every_days else "check.every_default")
    late = Phrase.of("check.cadence_late", days=days, every=every, source=source)
    return [
        Gap.said(
            "cadence",
            "high" if days > 2 * every else "medium",
            late,
            Phrase.of("check.cadence_late.advice"),
        )
    ]
