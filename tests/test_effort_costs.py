"""Effort costs: hours at an hourly rate, FTE-months at a monthly rate, priced by hand."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from personalroi.audit.roi_inputs import cash_items
from personalroi.cli import app
from personalroi.config.model import CostItem
from personalroi.roi.money import AmountRange, Effort

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


def cost(**kw: object) -> CostItem:
    return CostItem.model_validate({"name": "team", "category": "personnel", **kw})


def test_effort_is_priced_into_the_one_off() -> None:
    (item,) = cash_items([cost(one_off=1000, hours=200, hourly_rate=80)])
    assert item.one_off == 1000 + 200 * 80
    assert item.ranges == ()
    assert item.effort == Effort(hours=200, fte_months=0, cost=16_000)


def test_ranges_add_end_to_end() -> None:
    # one_off [1000, 3000] + hours [300, 500] x 90 + 3 FTE-months x 9000.
    (item,) = cash_items(
        [
            cost(
                one_off=[1000, 3000],
                hours=[300, 500],
                hourly_rate=90,
                fte_months=3,
                monthly_rate=9000,
            )
        ]  # fmt: skip
    )
    low, high = 1000 + 27_000 + 27_000, 3000 + 45_000 + 27_000
    assert item.ranges == (AmountRange("one_off", low, high),)
    assert item.one_off == (low + high) / 2
    assert item.effort == Effort(hours=400, fte_months=3, cost=63_000)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("hours: 100", "hours needs hourly_rate: effort is priced as hours x hourly_rate"),
        ("monthly_rate: 9000", "monthly_rate needs fte_months"),
        ("hours: -5, hourly_rate: 80", "greater than or equal to 0"),
        ("hours: [500, 300], hourly_rate: 80", "range low 500 is above high 300"),
    ],
)
def test_bad_effort_is_a_located_config_error(tmp_path: Path, line: str, message: str) -> None:
    text = (ROOT / "configs" / "example.yaml").read_text()
    text = text.replace("../sample_data/", f"{ROOT / 'sample_data'}/")
    old = "{name: integration project, category: personnel, one_off: 30000}"
    assert old in text
    config = tmp_path / "c.yaml"
    config.write_text(
        text.replace(old, f"{{name: integration project, category: personnel, {line}}}")
    )
    res = runner.invoke(app, ["validate", "-c", str(config)])
    assert res.exit_code == 2
    assert re.search(r"line \d+: costs\[2\]", res.stderr) and message in res.stderr


def test_the_audit_reports_effort_and_money(tmp_path: Path) -> None:
    text = (ROOT / "configs" / "example.yaml").read_text()
    text = text.replace("../sample_data/", f"{ROOT / 'sample_data'}/")
    text = text.replace(
        "{name: integration project, category: personnel, one_off: 30000}",
        "{name: integration project, category: personnel, hours: 400, hourly_rate: 75}",
    )
    config = tmp_path / "c.yaml"
    config.write_text(text)
    res = runner.invoke(app, ["audit", "-q", "--no-history", "-c", str(config), "-f", "markdown"])
    assert res.exit_code in (0, 1), res.output
    # 400 hours x 75 = 30,000: the same investment as the one-off it replaces.
    assert "extreme: effort 400 hours, 30,000 of the 126,000 EUR invested" in res.stdout
