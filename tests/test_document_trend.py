"""The `trend` section's TypedDicts (document/trend.py) against what the audit
writes: every key declared, real results valid, an edited value refused at its path."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from cli_helpers import audit_json
from document_keys import undeclared_keys
from trend_helpers import exposed_units

from personalroi.document import audit_json_problem
from personalroi.document.trend import TrendJson

END = "2026-04-12"  # six weeks after trend_helpers.START
WEEK = pd.Timedelta(days=7)


def _simulated_folder(folder: Path) -> None:
    """Spend whose lift fades week by week (a novelty finding), and a unit score whose lift
    is larger for units first exposed during the promo week (a calendar finding)."""
    rng = np.random.default_rng(3)
    n = 4000
    arm, exposure = exposed_units(rng, n, 42)
    promo = (exposure >= pd.Timestamp("2026-03-16")) & (exposure < pd.Timestamp("2026-03-23"))
    rows = []
    for unit in range(n):
        for _ in range(rng.poisson(3.0)):
            at = exposure[unit] + pd.to_timedelta(int(rng.uniform(0, 40) * 86400), "s")
            week = (at - exposure[unit]) // WEEK
            effect = 0.8 * 0.4**week if arm[unit] == "treat" else 0.0
            rows.append((unit, at.strftime("%Y-%m-%d %H:%M:%S"), 20.0 * (1 + effect)))
    treat = arm == "treat"
    score = rng.normal(10, 2, n) + treat * np.where(promo, 3.0, 0.2)
    units = {"id": range(n), "arm": arm, "exposed": exposure.strftime("%Y-%m-%d %H:%M:%S")}
    pd.DataFrame({**units, "score": score}).to_csv(folder / "units.csv", index=False)
    pd.DataFrame(rows, columns=["id", "at", "amount"]).to_csv(folder / "orders.csv", index=False)


def _config(folder: Path) -> dict[str, Any]:
    return {
        "experiment": {"name": "trend", "control": "control", "end": END},
        "units": {"path": str(folder / "units.csv"), "id": "id", "arm": "arm",
                  "timestamp": "exposed"},
        "sources": {"orders": {"path": str(folder / "orders.csv"), "id": "id", "timestamp": "at"}},
        "metrics": {
            "revenue": {"type": "mean", "value": "orders.amount"},
            "score": {"type": "mean", "value": "units.score"},
        },
        "calendar": [{"name": "promo", "start": "2026-03-16", "end": "2026-03-22"}],
    }  # fmt: skip


@pytest.fixture(scope="module")
def simulated(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    """Two results of one simulated experiment: with an end date, and without one."""
    folder = tmp_path_factory.mktemp("trend_document")
    _simulated_folder(folder)
    with_end = audit_json(_config(folder), folder, "end")
    open_ended = _config(folder)
    del open_ended["experiment"]["end"]
    return [with_end, audit_json(open_ended, folder, "open")]


@pytest.fixture
def doc(sample_result: dict[str, Any]) -> dict[str, Any]:
    """A copy of the bundled sample's result, to spoil."""
    return copy.deepcopy(sample_result)


def test_every_key_of_the_sample_is_declared(sample_result: dict[str, Any]) -> None:
    trend = sample_result["trend"]
    assert trend["by_exposure_week"] and trend["by_calendar_week"]
    assert trend["novelty"] and trend["calendar"]
    assert undeclared_keys(trend, TrendJson) == []
    assert audit_json_problem(sample_result) is None


def test_findings_and_an_open_end_are_declared_and_valid(
    simulated: list[dict[str, Any]],
) -> None:
    with_end, open_ended = simulated
    trend = with_end["trend"]
    # The simulation makes the nullable keys hold values, and the open end null.
    assert any(e["finding"] for e in trend["novelty"])
    assert any(e["finding"] for e in trend["calendar"])
    assert isinstance(trend["observation_end"], str)
    assert open_ended["trend"]["observation_end"] is None
    for result in simulated:
        assert undeclared_keys(result["trend"], TrendJson) == []
        assert audit_json_problem(result) is None


def test_an_undeclared_key_is_listed(sample_result: dict[str, Any]) -> None:
    """The check above can fail: a key the types do not know is named with its path."""
    trend = copy.deepcopy(sample_result["trend"])
    trend["novelty"][1]["intercept"] = 0.1
    assert undeclared_keys(trend, TrendJson) == ["novelty[1].intercept"]


def test_a_result_saved_before_week_types_is_valid(doc: dict[str, Any]) -> None:
    for entry in doc["trend"]["by_exposure_week"] + doc["trend"]["by_calendar_week"]:
        del entry["type"]
    assert audit_json_problem(doc) is None


@pytest.mark.parametrize(
    ("part", "key"),
    [
        ("by_exposure_week", "relative_ci"),
        ("by_exposure_week", "p_value"),
        ("by_calendar_week", "control_value"),
        ("novelty", "p_value_adjusted"),
        ("novelty", "finding"),
        ("calendar", "lift_in_ci"),
        ("calendar", "finding"),
    ],
)
def test_what_the_audit_may_write_as_null_is_valid_as_null(
    doc: dict[str, Any], part: str, key: str
) -> None:
    doc["trend"][part][0][key] = None
    assert audit_json_problem(doc) is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda t: t["by_exposure_week"][3].update(week="3"),
            "trend.by_exposure_week[3].week: input should be a valid integer (found '3')",
        ),
        (
            lambda t: t["by_calendar_week"][2].update(week=20260706),
            "trend.by_calendar_week[2].week: input should be a valid string (found 20260706)",
        ),
        (
            lambda t: t["novelty"][4].pop("slope"),
            "trend.novelty[4].slope: field required",
        ),
        (
            lambda t: t["novelty"][0].update(slope=None),
            "trend.novelty[0].slope: input should be a valid number (found None)",
        ),
        (
            lambda t: t["calendar"][1].update(lift_in="+4%"),
            "trend.calendar[1].lift_in: input should be a valid number (found '+4%')",
        ),
        (
            lambda t: t["calendar"][0].update(units_in=12.5),
            "trend.calendar[0].units_in: input should be a valid integer (found 12.5)",
        ),
        (
            lambda t: t.update(weekly_metrics="revenue_per_visitor"),
            "trend.weekly_metrics: input should be a valid list (found 'revenue_per_visitor')",
        ),
        (lambda t: t.pop("novelty"), "trend.novelty: field required"),
    ],
)
def test_an_edited_value_is_refused_at_its_path(
    doc: dict[str, Any], change: Any, message: str
) -> None:
    change(doc["trend"])
    assert audit_json_problem(doc) == message
