"""Degenerate statistics from real exports: perfect separation is tested, a control value
of 0 or less gives no relative lift and no 'met', winsorize applies under every test."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from export_helpers import audit, top_rows, write_config, write_csv


def _audit(folder: Path, rows: list[list[Any]], metrics: dict[str, Any]) -> dict[str, Any]:
    write_csv(folder / "u.csv", ["id", "arm", "converted", "profit", "orders", "revenue"], rows)
    config = write_config(
        folder,
        {
            "experiment": {"name": "degenerate", "control": "a"},
            "units": {"path": "u.csv", "id": "id", "arm": "arm"},
            "metrics": metrics,
        },
    )
    return top_rows(audit(config))


def test_perfect_separation_is_tested(tmp_path: Path) -> None:
    rows = [[i, "ab"[i % 2], i % 2, 0, 1, 1] for i in range(200)]
    row = _audit(tmp_path, rows, {"conv": {"type": "binary", "value": "units.converted"}})[
        ("conv", "b")
    ]
    assert (row["control_value"], row["treatment_value"]) == (0.0, 1.0)
    assert row["code"] == "ok" and row["p_value"] < 1e-20 and row["status"] == "met"
    low, high = row["absolute_ci"]
    assert 0 < low < 1 < high  # the interval from the same pooled SE excludes 0
    assert "pooled SE" in row["method"]
    assert row["relative_lift"] is None  # a control rate of 0 has no relative lift


@pytest.mark.parametrize("metric_type", ["mean", "ratio"])
def test_non_positive_control_has_no_relative_lift_and_no_met(
    tmp_path: Path, metric_type: str
) -> None:
    rng = random.Random(2)
    rows = [[i, "ab"[i % 2], 0, rng.gauss(-5 if i % 2 == 0 else 5, 2), 1, 1] for i in range(400)]
    metric: dict[str, Any] = (
        {"type": "mean", "value": "units.profit"}
        if metric_type == "mean"
        else {"type": "ratio", "numerator": "units.profit", "denominator": "units.orders"}
    )
    metric["goal"] = {"relative_lift": 0.05}
    row = _audit(tmp_path, rows, {"profit": metric})[("profit", "b")]
    assert row["control_value"] < 0 and row["significant"]
    assert row["relative_lift"] is None and row["relative_ci"] is None
    assert row["explanation"] == (
        "control value is negative: relative lift undefined; use the absolute lift"
    )
    assert row["status"] == "on track"


@pytest.mark.parametrize("test", ["bootstrap", "mann-whitney"])
def test_winsorize_applies_under_every_test(tmp_path: Path, test: str) -> None:
    rng = random.Random(4)
    rows = [[i, "ab"[i % 2], 0, 0, 1, round(rng.expovariate(1 / 30), 2)] for i in range(600)]
    rows[0][5] = 100_000.0  # one whale the cap must tame in every test
    capped = {"type": "mean", "value": "units.revenue", "winsorize": 0.99}
    rows_by_test = _audit(
        tmp_path,
        rows,
        {"default": capped, "other": {**capped, "test": test}},
    )
    default, other = rows_by_test[("default", "b")], rows_by_test[("other", "b")]
    assert other["control_value"] == pytest.approx(default["control_value"])
    assert other["control_value"] < 100  # the whale (100,000 in a of 300 units) is capped
