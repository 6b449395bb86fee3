"""`clv` and `attribute` in markdown and CSV: the same numbers as their JSON, and no HTML."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from personalroi.cli import app
from personalroi.report.formats import DocumentFormat


def _run(*args: str) -> str:
    result = CliRunner().invoke(app, [*args, "-q"])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def clv_doc() -> dict:
    return json.loads(_run("clv", "--format", "json"))


@pytest.fixture(scope="module")
def attribution_doc() -> dict:
    return json.loads(_run("attribute", "--format", "json"))


def test_clv_csv_is_one_row_per_arm_with_the_json_numbers(clv_doc: dict) -> None:
    rows = list(csv.DictReader(io.StringIO(_run("clv", "--format", "csv"))))
    assert [r["arm"] for r in rows] == [a["arm"] for a in clv_doc["arms"]]
    for row, arm in zip(rows, clv_doc["arms"], strict=True):
        assert float(row["expected_clv_per_unit"]) == arm["expected_clv_per_unit"]
        assert int(row["customers"]) == arm["customers"]
        assert float(row["bgnbd_r"]) == arm["bgnbd"]["r"]
        assert float(row["gamma_gamma_v"]) == arm["gamma_gamma"]["v"]
        assert row["holdout_ok"] == str(arm["holdout"]["ok"]).lower()


def test_clv_markdown_has_every_arm_and_comparison(clv_doc: dict) -> None:
    text = _run("clv", "--format", "markdown")
    assert text.startswith("## Lifetime value per arm")
    for arm in clv_doc["arms"]:
        assert f"| {arm['arm']} | {arm['customers']:,} / {arm['units']:,} |" in text
    table_rows = [line for line in text.splitlines() if line.startswith("| ")]
    # header + arms, header + comparisons
    assert len(table_rows) == 2 + len(clv_doc["arms"]) + len(clv_doc["comparisons"])


def test_attribution_csv_sums_to_the_converted_value_per_model(attribution_doc: dict) -> None:
    rows = list(csv.DictReader(io.StringIO(_run("attribute", "--format", "csv"))))
    assert {r["model"] for r in rows} == set(attribution_doc["models"])
    for model in attribution_doc["models"]:
        for kind in ("channel", "personalized"):
            mine = [r for r in rows if r["model"] == model and r["kind"] == kind]
            total = sum(float(r["value"]) for r in mine)
            assert total == pytest.approx(attribution_doc["total_value"], rel=1e-9)


def test_attribution_markdown_lists_channels_and_the_personalized_spread(
    attribution_doc: dict,
) -> None:
    text = _run("attribute", "--format", "markdown")
    for channel in attribution_doc["models"]["markov"]["channels"]:
        assert f"| {channel.replace('_', chr(92) + '_')} |" in text
    assert "**personalized touches**" in text
    assert "Personalized touches earn" in text


@pytest.mark.parametrize("command", ["clv", "attribute"])
@pytest.mark.parametrize("fmt", list(DocumentFormat))
def test_every_document_format_renders_to_a_file(
    command: str, fmt: DocumentFormat, tmp_path
) -> None:
    out = tmp_path / f"out.{fmt.value}"
    result = CliRunner().invoke(app, [command, "--format", fmt.value, "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").strip()


@pytest.mark.parametrize("command", ["clv", "attribute"])
def test_html_is_refused_with_the_choices(command: str) -> None:
    result = CliRunner().invoke(app, [command, "--format", "html"])
    assert result.exit_code == 2
    assert "'html' is not one of 'table', 'json', 'markdown', 'csv'" in result.output
