"""The `governance` section of the JSON result (changes in the window, decisions).

Written by `audit/governance.py` from the dataclasses of `audit/governance_result.py`
and `history/decision.py`, field by field. `history show` adds the decisions taken since
to the result it renders (history/decisions_view.py); a result audited without a change
log has no governance section, and gets one holding only `decisions`.
"""

from __future__ import annotations

from typing_extensions import NotRequired, TypedDict

from personalroi.document.core import IntervalJson


class LoggedChangeJson(TypedDict):
    """One configured change, placed against the test window."""

    date: str
    description: str
    in_window: bool
    split: bool
    note: str | None  # why it has no with/without analysis, when in the window


class ChangeSplitJson(TypedDict):
    """One metric x arm's lift for units first exposed before and after one change."""

    change: str
    date: str
    metric: str
    arm: str
    scale: str  # relative | absolute
    lift_all: float | None
    lift_before: float | None
    lift_before_ci: IntervalJson | None
    units_before: int
    lift_after: float | None
    lift_after_ci: IntervalJson | None
    units_after: int
    p_value: float | None
    p_value_adjusted: float | None
    shifts: bool
    finding: str | None


class DecisionJson(TypedDict):
    """A decision on record for the experiment (`history decide`)."""

    id: int
    audit_id: int
    experiment: str
    recorded_at: str  # UTC, ISO 8601
    decision: str  # rollout | stop | continue
    arm: str
    decided_by: str
    note: str | None


class GovernanceJson(TypedDict):
    """Every key but `decisions` is absent when `history show` made the section to hold
    the decisions on record (see the module's docstring)."""

    window_start: NotRequired[str | None]
    window_end: NotRequired[str | None]
    max_concurrent_changes: NotRequired[int | None]
    concurrent_changes: NotRequired[int]
    changes: NotRequired[list[LoggedChangeJson]]
    with_without: NotRequired[list[ChangeSplitJson]]
    decisions: list[DecisionJson]  # oldest first
