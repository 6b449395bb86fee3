"""The `governance` section as frozen dataclasses, built once in `governance.py`.

Field names and their order are the JSON keys of the section (the JSON encoder
writes a dataclass field by field).
"""

from __future__ import annotations

from dataclasses import dataclass

from personalroi.history.decision import Decision
from personalroi.stats.comparison import Interval


@dataclass(frozen=True)
class LoggedChange:
    """One line of `governance.changes` as configured, placed against the test window."""

    date: str
    description: str
    in_window: bool  # went live during the test: counts as a concurrent change
    split: bool  # has a with/without analysis (`with_without`)
    note: str | None  # why it has none, when in the window


@dataclass(frozen=True)
class ChangeSplit:
    """Lift of one metric x arm for units first exposed before and after one change; the
    last three fields are set once the family of tests is adjusted."""

    change: str
    date: str
    metric: str
    arm: str
    scale: str  # relative | absolute
    lift_all: float | None
    lift_before: float | None
    lift_before_ci: Interval | None
    units_before: int
    lift_after: float | None
    lift_after_ci: Interval | None
    units_after: int
    p_value: float | None
    p_value_adjusted: float | None = None
    shifts: bool = False
    finding: str | None = None


@dataclass(frozen=True)
class GovernanceSection:
    window_start: str | None
    window_end: str | None
    max_concurrent_changes: int | None
    concurrent_changes: int  # changes dated inside the test window
    changes: tuple[LoggedChange, ...]
    with_without: tuple[ChangeSplit, ...]
    decisions: tuple[Decision, ...]  # on record for this experiment, oldest first
