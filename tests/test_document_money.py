"""The money sections' types (document/money.py) against what the audit writes:
every key of `roi` and `roi_by_level` declared, the producer's dataclasses field for field,
and a wrong value located to its exact key path."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from document_keys import field_mismatches, undeclared_keys
from typer.testing import CliRunner

from personalroi.audit.roi_levels import LevelRoi
from personalroi.audit.roi_section import HeavyTailMoney, RevenueBreakdown, RoiEntry
from personalroi.cli import app
from personalroi.document import audit_json_problem
from personalroi.document.money import (
    EffortJson,
    HeavyTailJson,
    LevelRoiJson,
    LiftCorrelationJson,
    RevenueBreakdownJson,
    RoiJson,
    SensitivityJson,
)
from personalroi.roi.joint import LiftCorrelation
from personalroi.roi.money import Effort
from personalroi.roi.sensitivity import SensitivityRow

# Four arms that between them take every optional branch of the producer:
# - new: one unit decides the lift (heavy_tail), effort hours, a cost range from the
#   config and a line that scales with units;
# - bare: no cost applies (investment 0, undefined_reason, no interval, no sensitivity);
# - tiny: three units (a level without units: null revenue lift in roi_by_level);
# - one: a single unit, no lift to price (every money figure null, breakdown null).
CONFIG = """\
experiment: {name: money shapes, control: generic, treatments: [new, bare, tiny, one],
             correction: none}
units: {path: units.csv, id: id, arm: arm, dimensions: [segment]}
metrics:
  revenue_per_visitor: {type: mean, value: units.revenue}
costs:
  - {name: engine, category: technology, one_off: [15000, 25000], components: [engine]}
  - {name: team, category: personnel, hours: 100, hourly_rate: 80, components: [engine]}
  - {name: traffic, category: technology, monthly: 500, scales_with: units,
     components: [engine]}
arms:
  new: {components: [engine]}
  tiny: {components: [engine]}
  one: {components: [engine]}
economics: {revenue_metric: revenue_per_visitor, eligible_units_per_month: 10000}
"""


@pytest.fixture(scope="module")
def shapes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The JSON result of the four-arm audit above, as a saved file reads back."""
    folder = tmp_path_factory.mktemp("money")
    rng = np.random.default_rng(11)
    lines = ["id,arm,revenue,segment"]
    for arm, n in (("generic", 3000), ("new", 3000), ("bare", 3000), ("tiny", 3)):
        revenue = np.where(rng.random(n) < 0.05, rng.lognormal(3.5, 0.6, n), 0.0)
        if arm == "new":
            revenue[0] = 250_000.0
        segments = rng.choice(["a", "b"], n)
        rows = enumerate(zip(revenue, segments, strict=True))
        lines += [f"{arm}{i},{arm},{v:.2f},{s}" for i, (v, s) in rows]
    lines.append("one0,one,12.00,a")
    (folder / "units.csv").write_text("\n".join(lines) + "\n")
    (folder / "c.yaml").write_text(CONFIG)
    args = ["audit", "-c", str(folder / "c.yaml"), "-f", "json", "-q", "--no-history"]
    done = CliRunner().invoke(app, args)
    assert done.exit_code in (0, 1), done.output
    out: dict[str, Any] = json.loads(done.stdout)
    return out


def test_the_sample_is_declared_and_valid(sample_result: dict[str, Any]) -> None:
    assert sample_result["roi"] and sample_result["roi_by_level"]
    assert undeclared_keys(sample_result["roi"], list[RoiJson]) == []
    assert undeclared_keys(sample_result["roi_by_level"], list[LevelRoiJson]) == []
    assert audit_json_problem(sample_result) is None


def test_every_optional_branch_is_declared_and_valid(shapes: dict[str, Any]) -> None:
    roi = {r["arm"]: r for r in shapes["roi"]}
    # The branches the fixture is there for: if one stops appearing, it tests less.
    assert roi["new"]["heavy_tail"] and roi["new"]["effort"]["hours"] == 100
    assert {s["range_from"] for s in roi["new"]["sensitivity"]} == {"config", "default"}
    assert roi["bare"]["undefined_reason"] and roi["bare"]["investment"] == 0
    assert roi["bare"]["sensitivity"] == [] and roi["bare"]["uncertainty_shares"] is None
    assert roi["one"]["revenue_lift_breakdown"] is None and roi["one"]["npv"] is None
    assert any(r["revenue_lift"] is None for r in shapes["roi_by_level"])
    assert undeclared_keys(shapes["roi"], list[RoiJson]) == []
    assert undeclared_keys(shapes["roi_by_level"], list[LevelRoiJson]) == []
    assert audit_json_problem(shapes) is None


@pytest.mark.parametrize(
    ("json_type", "producer"),
    [
        (RoiJson, RoiEntry),
        (RevenueBreakdownJson, RevenueBreakdown),
        (SensitivityJson, SensitivityRow),
        (LiftCorrelationJson, LiftCorrelation),
        (EffortJson, Effort),
        (HeavyTailJson, HeavyTailMoney),
        (LevelRoiJson, LevelRoi),
    ],
)
def test_the_types_follow_the_producer(json_type: Any, producer: Any) -> None:
    """Field for field, null where the dataclass allows None: the JSON encoder writes
    every field, so a field added there must be declared here."""
    assert field_mismatches(json_type, producer) == []


def test_a_key_the_types_do_not_declare_is_listed(shapes: dict[str, Any]) -> None:
    roi = copy.deepcopy(shapes["roi"])
    roi[0]["heavy_tail"]["surprise"] = 1
    assert undeclared_keys(roi, list[RoiJson]) == ["[0].heavy_tail.surprise"]


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (["roi", 0, "roi"], "high", "roi[0].roi: input should be a valid number (found 'high')"),
        (["roi", 1, "currency"], None, "roi[1].currency: field required"),
        (
            ["roi", 0, "sensitivity", 2, "npv_low"],
            None,
            "roi[0].sensitivity[2].npv_low: input should be a valid number (found None)",
        ),
        (["roi", 0, "roi_ci", 1], None, "roi[0].roi_ci[1]: input should be a valid number"),
        (["roi", 0, "horizon_months"], 12.5, "roi[0].horizon_months: input should be a valid"),
        (["roi", 0, "effort", "hours"], None, "roi[0].effort.hours: field required"),
        (
            ["roi", 0, "heavy_tail", "capped_lift"],
            "x",
            "roi[0].heavy_tail.capped_lift: input should be a valid number (found 'x')",
        ),
        (
            ["roi_by_level", 3, "level"],
            3,
            "roi_by_level[3].level: input should be a valid string (found 3)",
        ),
    ],
)
def test_a_wrong_value_is_located(
    shapes: dict[str, Any], path: list[Any], value: object, message: str
) -> None:
    """A value of the wrong type, or (value None on a required key) a missing key."""
    edited = copy.deepcopy(shapes)
    *parents, last = path
    where: Any = edited
    for part in parents:
        where = where[part]
    if value is None and message.endswith("field required"):
        del where[last]
    else:
        where[last] = value
    problem = audit_json_problem(edited)
    assert problem is not None and problem.startswith(message), problem


def test_a_saved_result_with_a_wrong_money_value_is_refused(
    shapes: dict[str, Any], tmp_path: Path
) -> None:
    """`personalroi report` on the edited file: exit 2, the key path in the message."""
    edited = copy.deepcopy(shapes)
    edited["roi"][0]["sensitivity"][0]["roi_low"] = "a lot"
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(edited))
    done = CliRunner().invoke(app, ["report", str(path), "-f", "markdown"])
    assert done.exit_code == 2, done.output
    assert "roi[0].sensitivity[0].roi_low" in done.stderr
