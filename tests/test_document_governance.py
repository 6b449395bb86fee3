"""The `governance` section against its types (document/governance.py): what the
audit writes, with a shift, notes, unset settings and a decision on record, and the
decisions-only section `history show` makes, has only declared keys and passes the saved
result's check; a value edited into another type is named by its path."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import yaml
from document_keys import undeclared_keys
from trend_helpers import exposed_units
from typer.testing import CliRunner

from personalroi.cli import app
from personalroi.document import AuditJson, audit_json_problem
from personalroi.document.governance import GovernanceJson
from personalroi.history.decision import Decision
from personalroi.history.decisions_view import with_decisions

runner = CliRunner()
CHANGE = "2026-03-16"


def _config(folder: Path) -> dict[str, Any]:
    """No experiment.end and no max_concurrent_changes (both written as null); a change
    before the test (not in the window), one that shifts the lift, one on the first day
    (too few units before it: a note)."""
    return {
        "experiment": {"name": "governance types", "control": "control", "start": "2026-03-02"},
        "units": {"path": str(folder / "units.csv"), "id": "id", "arm": "arm", "timestamp": "t"},
        "metrics": {"score": {"type": "mean", "value": "units.score"}},
        "governance": {
            "changes": [
                {"date": "2026-02-20", "description": "old banner"},
                {"date": "2026-03-02", "description": "launch-day banner"},
                {"date": CHANGE, "description": "new checkout"},
            ]
        },
    }


def _invoke(*args: str) -> Any:
    done = runner.invoke(app, list(args))
    assert done.exit_code in (0, 1), done.output
    return done


@pytest.fixture(scope="module")
def audited(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Audited twice into one history, with a decision recorded on the first audit: the
    second result lists it."""
    folder = tmp_path_factory.mktemp("governance_types")
    rng = np.random.default_rng(18)
    n = 4000
    arm, exposure = exposed_units(rng, n, 28)
    effect = np.where((arm == "treat") & (exposure < pd.Timestamp(CHANGE)), 1.5, 0.0)
    pd.DataFrame(
        {
            "id": range(n),
            "arm": arm,
            "t": exposure.strftime("%Y-%m-%d %H:%M:%S"),
            "score": rng.normal(10, 3, n) + effect,
        }
    ).to_csv(folder / "units.csv", index=False)
    config, history = folder / "c.yaml", str(folder / "h.sqlite")
    config.write_text(yaml.safe_dump(_config(folder)))
    audit = ["audit", "-c", str(config), "-f", "json", "-q", "--history", history]
    _invoke(*audit)
    decide = ["history", "decide", "1", "--decision", "rollout", "--arm", "treat"]
    _invoke(*decide, "--by", "Ana Silva", "--note", "the shift is understood", "--history", history)
    out: dict[str, Any] = json.loads(_invoke(*audit).stdout)
    return out


def test_the_audit_writes_only_declared_keys(audited: dict[str, Any]) -> None:
    gov = audited["governance"]
    # The variant this module is for: every optional case of the producer appears.
    assert gov["window_end"] is None and gov["max_concurrent_changes"] is None
    assert [c["note"] is None for c in gov["changes"]] == [True, False, True]
    assert any(e["finding"] for e in gov["with_without"])
    (decision,) = gov["decisions"]
    assert decision["note"] == "the shift is understood"
    assert undeclared_keys(gov, GovernanceJson) == []
    assert audit_json_problem(audited) is None


def test_the_sample_section(sample_result: dict[str, Any]) -> None:
    assert undeclared_keys(sample_result["governance"], GovernanceJson) == []
    assert undeclared_keys(sample_result, AuditJson) == []
    assert audit_json_problem(sample_result) is None


def test_history_show_section_of_decisions_only(sample_result: dict[str, Any]) -> None:
    """`history show` adds the decisions to a result audited without a change log: a
    section holding only `decisions`, which the types allow and the reports render."""
    from personalroi.report.markdown import render_markdown

    result = {k: v for k, v in sample_result.items() if k != "governance"}
    decision = Decision(1, 1, "x", "2026-09-01T10:00:00+00:00", "stop", "subtle", "Bo", None)
    shown = with_decisions(result, [decision])
    assert list(shown["governance"]) == ["decisions"]
    assert undeclared_keys(shown["governance"], GovernanceJson) == []
    assert audit_json_problem(shown) is None
    assert "| 2026-09-01 | 1 | stop | subtle | Bo |  |" in render_markdown(shown)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda g: g["with_without"][1].update(units_before="3053"),
            "governance.with_without[1].units_before: input should be a valid integer "
            "(found '3053')",
        ),
        (
            lambda g: g["with_without"][0].update(lift_before_ci=[0.1, "high"]),
            "governance.with_without[0].lift_before_ci[1]: input should be a valid number "
            "(found 'high')",
        ),
        (
            lambda g: g["changes"][0].pop("in_window"),
            "governance.changes[0].in_window: field required",
        ),
        (
            lambda g: g["decisions"][0].update(audit_id=1.0),
            "governance.decisions[0].audit_id: input should be a valid integer (found 1.0)",
        ),
        (lambda g: g.pop("decisions"), "governance.decisions: field required"),
        (
            lambda g: g.update(concurrent_changes=None),
            "governance.concurrent_changes: input should be a valid integer (found None)",
        ),
    ],
)
def test_an_edited_value_is_named_by_its_path(
    audited: dict[str, Any], edit: Any, message: str
) -> None:
    result = copy.deepcopy(audited)
    edit(result["governance"])
    assert audit_json_problem(result) == message


def test_an_undeclared_key_is_listed(audited: dict[str, Any]) -> None:
    gov = copy.deepcopy(audited["governance"])
    gov["decisions"][0]["reason"] = "?"
    assert undeclared_keys(gov, GovernanceJson) == ["decisions[0].reason"]
