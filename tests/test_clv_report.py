"""CLV details in the audit's reports: one computation with `personalroi clv`, and a direction."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from personalroi.cli import app
from personalroi.clv.document import ClvComparison
from personalroi.stats.comparison import Comparison

runner = CliRunner()


@pytest.fixture(scope="module")
def audit() -> dict:
    res = runner.invoke(app, ["audit", "-q", "--no-history", "-f", "json", "--seed", "3"])
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def test_audit_and_clv_command_give_the_same_numbers_for_a_seed(audit: dict) -> None:
    res = runner.invoke(app, ["clv", "-q", "-f", "json", "--seed", "3"])
    assert res.exit_code == 0, res.output
    alone = json.loads(res.stdout)
    assert audit["clv"]["comparisons"] == alone["comparisons"]
    for mine, theirs in zip(audit["clv"]["arms"], alone["arms"], strict=True):
        for key in ("customers", "repeat_rate", "mean_days_between_purchases", "expected_clv"):
            assert mine[key] == theirs[key]
    forecast = {
        r["arm"]: r for r in audit["metrics"] if r["metric"] == "clv_forecast" and not r["level"]
    }
    for row in alone["comparisons"]:
        if row["metric"] == "forecast_clv_per_unit":
            assert forecast[row["arm"]]["absolute_ci"] == row["absolute_ci"]


@pytest.mark.parametrize(
    ("ci", "metric", "reading"),
    [
        ((1.0, 3.0), "mean_days_between_purchases", "worse"),  # buying less often
        ((-3.0, -1.0), "mean_days_between_purchases", "better"),
        ((0.01, 0.2), "repeat_rate", "better"),
        ((-0.2, -0.01), "repeat_rate", "worse"),
        ((-0.1, 0.2), "repeat_rate", "no significant difference"),
    ],
)
def test_reading_follows_the_direction(ci: tuple[float, float], metric: str, reading: str) -> None:
    lift = sum(ci) / 2
    c = Comparison("t", 100, 100, 1.0, 1.0 + lift, lift, ci, lift, ci, p_value=0.01)
    row = ClvComparison.of(metric, "b", c)
    assert row.reading == reading
    assert row.better == ("lower" if metric == "mean_days_between_purchases" else "higher")


def test_every_format_shows_the_clv_details(audit: dict) -> None:
    shown = {
        fmt: runner.invoke(app, ["report", "-", "-f", fmt], input=json.dumps(audit)).stdout
        for fmt in ("table", "markdown", "html")
    }
    assert "Lifetime value vs control generic" in shown["table"]
    assert "days between (lower better)" in shown["markdown"]
    assert "id='clv'" in shown["html"] and "forecast CLV/unit" in shown["html"]
