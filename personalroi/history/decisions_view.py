"""A recorded result with the decisions on record put into its governance section.

Decisions taken on an audit come after its result was written, so `history show`
adds them to the result it renders; the stored result itself is never changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from personalroi.history.decision import Decision


def with_decisions(result: dict[str, Any], decisions: Sequence[Decision]) -> dict[str, Any]:
    """A copy of `result` whose `governance.decisions` are `decisions` (oldest first).

    A result without a governance section gets one holding only the decisions."""
    if not decisions and not result.get("governance"):
        return result
    governance = dict(result.get("governance") or {})
    governance["decisions"] = [asdict(d) for d in decisions]
    return {**result, "governance": governance}
