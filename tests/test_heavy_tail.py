"""The heavy_tail check: capping the top 0.1 % of units moves a lift by more than half its
CI half-width -> warn, naming the metric, the largest value and the capped lift."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from export_helpers import audit, check, top_rows, write_config, write_csv


def _players(folder: Path, whales: int, ratio: bool = False, winsorize: bool = False) -> Path:
    rng = random.Random(5)
    rows = [
        [
            f"p{i}",
            "control" if i % 2 else "treatment",
            int(rng.expovariate(1 / 300)),
            rng.randint(1, 5),
        ]
        for i in range(5000)
    ]
    rows += [[f"whale{k}", "treatment", 49854 - 1000 * k, 3] for k in range(whales)]
    write_csv(folder / "players.csv", ["player", "arm", "rounds", "sessions"], rows)
    metric: dict = (
        {"type": "ratio", "numerator": "units.rounds", "denominator": "units.sessions"}
        if ratio
        else {"type": "mean", "value": "units.rounds"}
    )
    if winsorize:
        metric["winsorize"] = 0.999
    return write_config(
        folder,
        {
            "experiment": {"name": "tails", "control": "control"},
            "units": {"path": "players.csv", "id": "player", "arm": "arm"},
            "metrics": {"rounds": metric},
        },
    )


def test_a_few_whales_are_flagged(tmp_path: Path) -> None:
    found = check(audit(_players(tmp_path, whales=5)), "heavy_tail")
    assert found == {
        "name": "heavy_tail",
        "status": "warn",
        "detail": "rounds: the largest value is 49,854 (the next 48,854); capping the top 0.1 % "
        "of units at 2,435.61 moves the lift by more than half its confidence interval "
        "(treatment: +30.7% -> +0.6%). A few units decide this metric: set winsorize: 0.999 "
        "on rounds to cap them in the analysis",
    }


def test_capped_lift_is_what_winsorize_gives(tmp_path: Path) -> None:
    found = check(audit(_players(tmp_path, whales=5)), "heavy_tail")
    capped = float(found["detail"].split("-> ")[1].split("%")[0]) / 100
    winsorized = top_rows(audit(_players(tmp_path, whales=5, winsorize=True)))
    assert winsorized[("rounds", "treatment")]["relative_lift"] == pytest.approx(capped, abs=5e-4)


def test_ratio_metrics_are_checked(tmp_path: Path) -> None:
    found = check(audit(_players(tmp_path, whales=5, ratio=True)), "heavy_tail")
    assert found["status"] == "warn" and found["detail"].startswith("rounds: the largest value")


def test_light_tails_pass(tmp_path: Path) -> None:
    found = check(audit(_players(tmp_path, whales=0)), "heavy_tail")
    assert found["status"] == "pass"
