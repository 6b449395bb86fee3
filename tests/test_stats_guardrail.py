"""Guardrail non-inferiority: the decision, the gate and the config check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from personalroi.cli import app
from personalroi.stats.comparison import Comparison
from personalroi.stats.guardrail import non_inferiority

ROOT = Path(__file__).resolve().parent.parent


def comparison(lo: float, hi: float) -> Comparison:
    return Comparison(
        "test", 1000, 1000, 1.0, 1.0 + (lo + hi) / 2, 0.0, (0.0, 0.0), (lo + hi) / 2, (lo, hi)
    )


@pytest.mark.parametrize(
    ("ci", "better", "passed", "worst"),
    [
        ((-0.015, 0.01), "higher", True, -0.015),
        ((-0.03, 0.01), "higher", False, -0.03),
        ((-0.01, 0.015), "lower", True, -0.015),  # lower is better: +1.5 % is the harm
        ((-0.01, 0.025), "lower", False, -0.025),
    ],
)
def test_worst_end_against_cutoff(
    ci: tuple[float, float], better: str, passed: bool, worst: float
) -> None:
    result = non_inferiority(comparison(*ci), -0.02, better)
    assert result.passed is passed
    assert result.worst_case == pytest.approx(worst)


def test_untestable_row_does_not_show_non_inferiority() -> None:
    result = non_inferiority(Comparison("t", 10, 10, None, None, code="empty_arm"), -0.02, "higher")
    assert result == type(result)(-0.02, None, False)


def sample_config(tmp_path: Path, replace: dict[str, str]) -> Path:
    text = (ROOT / "configs" / "example.yaml").read_text(encoding="utf-8")
    text = text.replace("../sample_data/", f"{ROOT / 'sample_data'}/")
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    return path


GUARDRAIL = "better: lower, guardrail: true}"


@pytest.mark.parametrize(("cutoff", "shown"), [("-0.9", True), ("-0.01", False)])
def test_gate_uses_non_inferiority(tmp_path: Path, cutoff: str, shown: bool) -> None:
    path = sample_config(
        tmp_path, {GUARDRAIL: f"better: lower, guardrail: true, guardrail_cutoff: {cutoff}}}"}
    )
    result = CliRunner().invoke(app, ["audit", "-c", str(path), "-f", "json"])
    rows = [
        r
        for r in json.loads(result.stdout)["metrics"]
        if r["metric"] == "page_load_errors" and r["dimension"] is None
    ]
    assert all(r["non_inferiority"]["passed"] is shown for r in rows)
    assert all(r["non_inferiority"]["cutoff"] == float(cutoff) for r in rows)
    message = "guardrail non-inferiority not shown"
    if shown:
        assert message not in result.stderr
    else:
        assert result.exit_code == 1
        assert message in result.stderr
        assert "page_load_errors in extreme" in result.stderr


def test_cutoff_needs_guardrail(tmp_path: Path) -> None:
    path = sample_config(tmp_path, {GUARDRAIL: "better: lower, guardrail_cutoff: -0.02}"})
    result = CliRunner().invoke(app, ["audit", "-c", str(path), "-q"])
    assert result.exit_code == 2
    assert "guardrail_cutoff needs guardrail: true" in result.stderr
