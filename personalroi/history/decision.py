"""A decision on record: what the team decided on the evidence of one audit.

Pure data and its validation; the history file stores it (store.py), the audit
reads the experiment's decisions back (cli/history_cmd.py) and shows them, and
the portfolio counts the decided arm.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, cast

from personalroi.errors import PersonalroiError, did_you_mean

if TYPE_CHECKING:
    from personalroi.document.core import ExperimentJson

DecisionWord = Literal["rollout", "stop", "continue"]
DECISIONS: tuple[DecisionWord, ...] = ("rollout", "stop", "continue")


class DecisionError(PersonalroiError):
    """A decision that cannot be recorded as given (unknown word, arm or audit)."""


@dataclass(frozen=True)
class Decision:
    """Field names and order are the JSON keys of `governance.decisions`."""

    id: int
    audit_id: int
    experiment: str
    recorded_at: str  # UTC, ISO 8601
    decision: DecisionWord
    arm: str
    decided_by: str
    note: str | None


def decision_word(word: str) -> DecisionWord:
    """The decision as typed, checked against the three the portfolio understands."""
    if word in DECISIONS:
        return cast(DecisionWord, word)
    raise DecisionError(
        f"unknown decision {word!r}: use rollout, stop or continue{did_you_mean(word, DECISIONS)}."
    )


def check_arm(arm: str, audit_id: int, experiment: ExperimentJson) -> None:
    """The arm must be a treatment arm of that audit: the one the decision is about."""
    treatments = experiment["treatments"]
    if arm in treatments:
        return
    arms = ", ".join(treatments) or "none"
    if arm == experiment["control"]:
        raise DecisionError(
            f"{arm!r} is the control of audit {audit_id}; decide on a treatment arm ({arms}), "
            "or record --decision stop to keep the control."
        )
    raise DecisionError(
        f"unknown arm {arm!r} in audit {audit_id}: its treatment arms are "
        f"{arms}{did_you_mean(arm, treatments)}."
    )


def check_name(decided_by: str) -> str:
    name = " ".join(decided_by.split())
    if not name:
        raise DecisionError("--by is empty: name who decided, e.g. --by 'Ana Silva'.")
    return name


def latest_by_experiment(decisions: Sequence[Decision]) -> dict[str, Decision]:
    """The decision in force per experiment: the last one recorded (highest id)."""
    out: dict[str, Decision] = {}
    for d in sorted(decisions, key=lambda d: d.id):
        out[d.experiment] = d
    return out
