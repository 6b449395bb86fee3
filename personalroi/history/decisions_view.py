"""A recorded result with the decisions on record put into its governance section.

Decisions taken on an audit come after its result was written, so `history show`
adds them to the result it renders; the stored result itself is never changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, cast

from personalroi.history.decision import Decision

if TYPE_CHECKING:
    from personalroi.document import AuditJson
    from personalroi.document.governance import DecisionJson, GovernanceJson


def with_decisions(result: AuditJson, decisions: Sequence[Decision]) -> AuditJson:
    """A copy of `result` whose `governance.decisions` are `decisions` (oldest first).

    A result without a governance section gets one holding only the decisions."""
    given = result.get("governance")
    if not decisions and not given:
        return result
    # asdict gives the decision's fields in order: the keys DecisionJson declares.
    on_record = [cast("DecisionJson", asdict(d)) for d in decisions]
    governance: GovernanceJson = {"decisions": on_record}
    if given:
        governance = {**given, "decisions": on_record}
    return {**result, "governance": governance}
