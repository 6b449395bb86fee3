"""The bundled sample: `personalroi audit` passes its gates and carries the business sections."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from rich.cells import cell_len
from rich.console import Console
from typer.testing import CliRunner

from personalroi.cli import app
from personalroi.report.table import render_table

ROI_FIELDS = {
    "arm", "currency", "basis", "investment", "incremental_revenue", "revenue_lift",
    "revenue_lift_breakdown", "cost_savings", "benefit_cost_ratio", "roi", "roi_ci",
    "probability_roi_positive", "payback_months", "npv", "break_even_relative_lift",
}  # fmt: skip
ITEM_FIELDS = {"name", "arm", "weight", "goal", "achieved", "attainment", "status"}
GAP_FIELDS = {"area", "severity", "finding", "recommendation"}
PRIORITY_FIELDS = {"arm", "rank", "roi", "investment"}


@pytest.fixture(scope="module")
def sample_result() -> dict[str, Any]:
    result = CliRunner().invoke(app, ["audit", "--format", "json", "--quiet"])
    assert result.exit_code == 0, result.output
    parsed: dict[str, Any] = json.loads(result.stdout)
    return parsed


def test_sample_audit_has_spec_sections(sample_result: dict[str, Any]) -> None:
    roi = sample_result["roi"]
    assert [r["arm"] for r in roi] == ["subtle", "extreme"]
    for row in roi:
        assert set(row) >= ROI_FIELDS
        assert set(row["revenue_lift_breakdown"]) == {"conversion", "order_value", "clv"}
        parts = row["revenue_lift_breakdown"]
        assert sum(parts.values()) == pytest.approx(row["revenue_lift"])
        assert row["basis"] == "gross_profit"
    card = sample_result["scorecard"]
    assert {"score", "pass_score", "passed", "items"} <= set(card)
    assert card["passed"] and 0 <= card["score"] <= 100
    assert sample_result["verdict"]["status"] == "promising"
    assert all(set(i) >= ITEM_FIELDS for i in card["items"])
    assert {i["name"] for i in card["items"]} >= {"conversion_rate", "roi"}
    gaps = sample_result["gaps"]
    assert all(set(g) >= GAP_FIELDS for g in gaps)
    # The sample measures CLV (clv_forecast), so "CLV or bust" is satisfied.
    assert not any(g["area"] == "lifetime value" for g in gaps)
    # A fresh history: this audit starts the cadence, so no cadence gap at all.
    assert not any(g["area"] == "cadence" for g in gaps)
    priorities = sample_result["priorities"]
    assert [p["rank"] for p in priorities] == [1, 2]
    assert all(set(p) >= PRIORITY_FIELDS for p in priorities)


def test_fail_under_gates_on_the_score(sample_result: dict[str, Any]) -> None:
    result = CliRunner().invoke(app, ["audit", "--quiet", "--format", "json", "--fail-under", "99"])
    assert result.exit_code == 1


def _lines(result: dict[str, Any], width: int = 100) -> list[str]:
    buffer = io.StringIO()
    Console(file=buffer, width=width, no_color=True, color_system=None).print(render_table(result))
    return buffer.getvalue().splitlines()


def test_terminal_report_fits_100_columns(sample_result: dict[str, Any]) -> None:
    lines = _lines(sample_result)
    assert max(cell_len(line.rstrip()) for line in lines) <= 100
    text = "\n".join(lines)
    assert "…" not in text  # nothing truncated
    assert lines[3].startswith("VERDICT")
    for heading in ("ROI over 12 months", "Scorecard", "Metrics", "gaps", "Priorities"):
        assert heading.lower() in text.lower()
    assert "P(ROI>0)" in text and "█" in text


def test_terminal_report_without_business_sections(sample_result: dict[str, Any]) -> None:
    bare = {k: v for k, v in sample_result.items() if k not in ("roi", "scorecard", "gaps")}
    text = "\n".join(_lines(bare))
    assert "Scorecard" not in text
