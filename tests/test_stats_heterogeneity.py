"""Cochran's Q against statsmodels' meta-analysis, and Simpson's paradox end to end."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from statsmodels.stats.meta_analysis import combine_effects
from typer.testing import CliRunner

from personalroi.cli import app
from personalroi.stats.heterogeneity import cochran_q, simpson_reversal


def test_q_and_i_squared_match_statsmodels() -> None:
    eff = np.array([0.10, 0.30, -0.10, 0.05])
    se = np.array([0.10, 0.14, 0.12, 0.08])
    ours = cochran_q(eff.tolist(), se.tolist())
    ref = combine_effects(eff, se**2)
    assert ours is not None
    assert ours.q == pytest.approx(ref.q, rel=1e-12)
    assert ours.i_squared == pytest.approx(ref.i2, rel=1e-12)
    assert ours.pooled == pytest.approx(ref.mean_effect_fe, rel=1e-12)
    assert ours.p_value == pytest.approx(ref.test_homogeneity().pvalue, rel=1e-9)
    assert ours.df == 3


def test_needs_two_levels_with_an_se() -> None:
    assert cochran_q([0.1, 0.2], [0.1, 0.0]) is None


def test_simpson_majority_rule() -> None:
    assert simpson_reversal(-0.1, [0.05, 0.02, -0.01])
    assert not simpson_reversal(0.1, [0.05, 0.02, -0.01])
    assert not simpson_reversal(0.0, [0.05])


def simpson_data(tmp_path: Path) -> Path:
    """Treatment is better in each channel but was shown mostly in the weak channel."""
    rng = np.random.default_rng(3)
    lines = ["id,arm,channel,converted"]
    unit = 0
    for channel, rate, n_control, n_treat in (("web", 0.5, 4000, 1000), ("app", 0.1, 1000, 4000)):
        for arm, n, p in (("control", n_control, rate), ("treat", n_treat, rate + 0.04)):
            for value in rng.random(n) < p:
                unit += 1
                lines.append(f"{unit},{arm},{channel},{int(value)}")
    (tmp_path / "units.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    config = tmp_path / "config.yaml"
    config.write_text(
        "experiment: {name: simpson, control: control, correction: none}\n"
        "units: {path: units.csv, id: id, arm: arm, dimensions: [channel]}\n"
        "metrics:\n  conversion: {type: binary, value: units.converted}\n",
        encoding="utf-8",
    )
    return config


def test_simpson_warning_and_channel_finding(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["audit", "-c", str(simpson_data(tmp_path)), "-f", "json"])
    data = json.loads(result.stdout)
    overall = next(r for r in data["metrics"] if r["dimension"] is None)
    assert overall["absolute_lift"] < 0 and overall["significant"]
    (entry,) = data["heterogeneity"]
    assert entry["dimension"] == "channel"
    assert entry["simpson"] is True
    assert all(lift > 0 for lift in entry["levels"].values())
    assert "Simpson" in entry["finding"]
    # Relative lifts 0.08 (web) vs 0.4 (app) differ beyond chance: an omnichannel finding.
    assert entry["heterogeneous"] is True
    assert "inconsistent across channels" in entry["finding"]
