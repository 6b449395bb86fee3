"""`personalroi history diff` reads NPS in points, as every human format does; JSON keeps floats."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from personalroi.cli import app
from personalroi.history import store
from personalroi.history.diff import diff_results
from personalroi.report import numbers

FIXTURE = Path(__file__).parent / "data" / "result_full.json"
runner = CliRunner()


def fixture() -> dict[str, Any]:
    result: dict[str, Any] = json.loads(FIXTURE.read_text())
    return result


def test_diff_rows_carry_the_type_and_absolute_lifts() -> None:
    result = fixture()
    rows = {(r["metric"], r["arm"]): r for r in diff_results(result, result)["metrics"]}
    nps = rows[("nps", "subtle")]
    assert nps["type"] == "nps"
    assert nps["absolute_lift_a"] == nps["absolute_lift_b"] == 1.6952380952380999
    assert rows[("conversion_rate", "subtle")]["type"] == "binary"


def test_diff_table_shows_nps_in_points(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite"
    first: dict[str, Any] = fixture()
    second = json.loads(json.dumps(first))
    for row in second["metrics"]:
        if row["metric"] == "nps" and row["dimension"] is None and row["arm"] == "subtle":
            row["absolute_lift"], row["relative_lift"] = 4.25, 0.2066
    store.record(path, first)
    store.record(path, second)
    run = runner.invoke(
        app, ["history", "diff", "1", "2", "--history", str(path)], env={"COLUMNS": "160"}
    )
    assert run.exit_code == 0, run.output
    line = next(x for x in run.stdout.splitlines() if "nps" in x and "subtle" in x)
    assert "+1.7 pts" in line and "+4.2 pts" in line and "%" not in line
    conversion = next(x for x in run.stdout.splitlines() if "conversion_rate" in x)
    assert conversion.count("%") == 2  # every other metric: relative lift
    listed = runner.invoke(app, ["history", "diff", "1", "2", "--history", str(path), "-f", "json"])
    nps = next(m for m in json.loads(listed.stdout)["metrics"] if m["metric"] == "nps")
    assert nps["absolute_lift_b"] == 4.25  # raw floats stay in JSON


def test_rounding_helpers() -> None:
    assert numbers.months(9.50355) == "9.5 months"
    assert numbers.months(None) == "–"
    assert numbers.money(1234567.89, "EUR") == "1,234,568 EUR"
    assert numbers.points(-6.557) == "-6.6 pts"
    assert numbers.metric_lift("nps", 0.0824, 1.695) == "+1.7 pts"
    assert numbers.metric_lift("binary", 0.0824, 0.003) == "+8.2%"
    assert numbers.goal(5.0, "absolute_lift", "nps") == "+5.0 pts"
    assert numbers.goal(0.05, "relative_lift", "binary") == "+5.0%"
