"""Calibration where users live: small arms, rare buyers, heavy-tailed order values (issue 19).

The slow tests run the grid (units per arm x buyer rate x order-value sigma, every
metric type, with and without CUPED, fixed and sequential), write its table into
docs/statistics.md and check the targets. The fast tests prove the harness is the
audit's real path: its sufficient statistics, written as an aggregated file and
audited by the CLI, give the rows the harness scores.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from calibration_grid import LIFT, METRICS, SIGMA_FREE, _rows, arm_stats, run_cell
from calibration_money import BAND, Reports, merge, render_money, run_reliability
from calibration_sim import Cell, Effect, arm_sums
from calibration_table import (
    COVERAGE_BAND,
    FPR_BAND,
    MIN_BUYERS,
    RATES,
    SIGMAS,
    UNITS,
    Result,
    mc_error,
    misses,
    render,
    run_grid,
    seed,
    write_doc,
)
from cli_helpers import audit_json

from personalroi.stats.sufficient import JointStats, SampleStats

# About 3.5 CPU minutes (15 wall minutes on the shared 2-core machine under load);
# Monte Carlo error of a 5 % rate: 0.28 pp fixed, 0.89 pp sequential.
FIXED_SIMS = 6000
SEQUENTIAL_SIMS = 600
MONEY_SIMS = 2000


@pytest.fixture(scope="module")
def grid() -> list[Result]:
    return run_grid(FIXED_SIMS, SEQUENTIAL_SIMS)


@pytest.fixture(scope="module")
def money() -> dict[float, Reports]:
    out = {}
    for sigma in SIGMAS:
        held = [Cell(n, r, sigma) for n in UNITS for r in RATES if n * r >= MIN_BUYERS]
        out[sigma] = merge([run_reliability(c, MONEY_SIMS, seed(c, "money")) for c in held])
    return out


@pytest.mark.slow
def test_grid_writes_the_table(grid: list[Result], money: dict[float, Reports]) -> None:
    section = render(grid)
    section += (
        "\n**Chance to beat control and P(ROI > 0)** (each experiment draws its own true "
        f"order-value lift; {MONEY_SIMS:,} experiments per cell, cells with at least "
        f"{MIN_BUYERS} buyers per arm pooled by σ):\n\n" + render_money(money)
    )
    write_doc(section)


@pytest.mark.slow
def test_no_cell_with_enough_buyers_is_liberal(grid: list[Result]) -> None:
    """Outside the targets only on the safe side, and only where order values are heavy-tailed.

    A liberal miss (too many false positives, too little coverage) beyond two Monte
    Carlo errors fails; conservative misses are allowed for mean and ratio metrics
    at sigma >= 1.2, where no test on n, sum and sum of squares can see the tail
    (docs/statistics.md, "What the grid shows").
    """
    for r in misses(grid):
        fixed = r.mode == "fixed"
        slack = 2 * mc_error(0.05, r.sims)
        fpr_max = FPR_BAND[1] if fixed else 0.06
        cov_min = COVERAGE_BAND[0] if fixed else 0.94
        assert r.fpr is None or r.fpr <= fpr_max + slack, r
        assert r.coverage is None or r.coverage >= cov_min - slack, r
        conservative = (r.fpr is not None and r.fpr < FPR_BAND[0]) or (
            r.coverage is not None and r.coverage > COVERAGE_BAND[1]
        )
        if conservative and (r.metric in SIGMA_FREE or r.cell.sigma < 1.2):
            # Light tails: only Monte Carlo noise may put a cell outside the band.
            assert r.fpr is None or r.fpr >= FPR_BAND[0] - slack, r
            assert r.coverage is None or r.coverage <= COVERAGE_BAND[1] + slack, r


@pytest.mark.slow
def test_rows_below_30_buyers_say_why_or_stay_conservative(grid: list[Result]) -> None:
    """Below the trusted sizes a row either has no verdict (the minimum rule) or errs safe."""
    for r in grid:
        if r.held or r.mode != "fixed" or r.fpr is None:
            continue
        if r.metric.startswith(("conversion", "nps", "aov")):
            assert r.trusted < 0.05, r  # binary: 25 events; nps: 30 answers; ratio: 30 buyers
        else:
            assert r.fpr <= FPR_BAND[1] and r.coverage is not None and r.coverage >= 0.95, r


@pytest.mark.slow
def test_probabilities_are_reported(money: dict[float, Reports]) -> None:
    """Measured, not a target of this harness: docs/statistics.md states what it shows."""
    for reports in money.values():
        count, reported, _ = reports.band(("revenue", "P(ROI > 0)"))
        assert count > 100 and BAND[0] <= reported < BAND[1]


# Fast: the harness is the audit's path.


def test_harness_runs_every_metric_in_both_modes() -> None:
    cell = Cell(4000, 0.05, 1.2)
    for looks in (1, 4):
        tallies = run_cell(cell, LIFT, 20, seed=1, names=list(METRICS), looks=looks)
        assert all(t.sims == 20 and t.trusted > 15 for t in tallies.values())


def _aggregated_file(path: Path, stats: dict[str, dict[str, Any]]) -> None:
    """One row per arm in the layout `personalroi sql` writes."""
    columns = ("n", "sum", "sum_sq", "sum_y", "sum_y_sq", "sum_xy")
    rows = []
    for arm, per_metric in stats.items():
        row: dict[str, Any] = {"arm": arm}
        for name, s in per_metric.items():
            values = (
                (s.n, s.sum, s.sum_sq)
                if isinstance(s, SampleStats)
                else (s.n, s.sum_x, s.sum_x_sq, s.sum_y, s.sum_y_sq, s.sum_xy)
            )
            row.update({f"{name}__{c}": v for c, v in zip(columns, values, strict=False)})
        rows.append(row)
    with path.open("w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


@pytest.mark.parametrize("cuped", [False, True])
def test_cli_on_the_harness_statistics_gives_the_scored_rows(tmp_path: Path, cuped: bool) -> None:
    """binary, mean, ratio and nps: the CLI's JSON rows equal what the harness scores."""
    cell = Cell(4000, 0.05, 1.2)
    rng = np.random.default_rng(7)
    sums = [
        {k: v.tolist() for k, v in arm_sums(rng, cell, 1, 1, e).items()} for e in (Effect(), LIFT)
    ]
    names = ["conversion", "revenue", "aov", "nps"]
    if cuped:
        names = [f"{n}+cuped" if n != "nps" else n for n in names]
    per_arm = {
        arm: {n.replace("+cuped", ""): arm_stats(s, 0, 0)[n] for n in names}
        for arm, s in zip(("control", "treat"), sums, strict=True)
    }
    _aggregated_file(tmp_path / "stats.csv", per_arm)
    expected = {r.metric.replace("+cuped", ""): r.comparison for r in _rows(
        arm_stats(sums[0], 0, 0), arm_stats(sums[1], 0, 0), names
    )}  # fmt: skip
    config = {
        "experiment": {"name": "grid", "control": "control", "treatments": ["treat"],
                       "expected_split": {"control": 0.5, "treat": 0.5}},
        "units": {"aggregated": str(tmp_path / "stats.csv"), "arm": "arm",
                  "covariates": {"conversion": "pre_orders", "revenue": "pre_revenue",
                                 "aov": {"numerator": "pre_revenue", "denominator": "pre_orders"}}
                  if cuped else {}},
        "metrics": {
            "conversion": {"type": "binary", "value": "orders.count"},
            "revenue": {"type": "mean", "value": "orders.amount"},
            "aov": {"type": "ratio", "numerator": "orders.amount", "denominator": "orders.count"},
            "nps": {"type": "nps", "value": "survey.score"},
        },
    }  # fmt: skip
    if cuped:
        _ratio_pre_columns(tmp_path / "stats.csv", per_arm)
    result = audit_json(config, tmp_path)
    rows = {r["metric"]: r for r in result["metrics"] if r["dimension"] is None}
    for name, c in expected.items():
        row = rows[name]
        assert row["method"] == c.method
        for key in ("p_value", "absolute_lift"):
            assert math.isclose(row[key], getattr(c, key), rel_tol=1e-9), (name, key)
        for key in ("absolute_ci", "relative_ci"):
            assert row[key] == pytest.approx(getattr(c, key), rel=1e-9), (name, key)


def _ratio_pre_columns(path: Path, per_arm: dict[str, dict[str, Any]]) -> None:
    """Add the nine pre-period sums a ratio metric with a pre-period ratio needs."""
    pre = ("sum_px", "sum_px_sq", "sum_py", "sum_py_sq", "sum_px_py")
    pre += ("sum_x_px", "sum_x_py", "sum_y_px", "sum_y_py")
    with path.open() as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        s = per_arm[row["arm"]]["aov"]
        assert isinstance(s, JointStats)
        row.update({f"aov__{name}": getattr(s, name) for name in pre})
    with path.open("w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
