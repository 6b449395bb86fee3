"""`personalroi init` guesses column roles; the starter config validates and audits."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import yaml
from typer.testing import CliRunner

from personalroi.cli import app

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


def user_level_csv(path: Path, n: int = 3000) -> Path:
    rng = np.random.default_rng(3)
    arm = rng.choice(["control", "personalized"], n)
    converted = rng.random(n) < np.where(arm == "personalized", 0.12, 0.10)
    frame = pd.DataFrame(
        {
            "user_id": np.arange(1, n + 1),
            "experiment_group": arm,
            "country": rng.choice(["DE", "FR", "NL"], n),
            "signup_date": pd.Timestamp("2026-07-01")
            + pd.to_timedelta(rng.integers(0, 60, n), unit="D"),
            "pre_spend": rng.gamma(1.0, 20.0, n).round(2),
            "revenue": (converted * rng.gamma(2.0, 30.0, n)).round(2),
            "converted": converted.astype(int),
            "pages": rng.poisson(5, n),
        }
    )
    frame.to_csv(path, index=False)
    return path


def test_init_guesses_roles_and_the_config_audits(tmp_path: Path) -> None:
    data = user_level_csv(tmp_path / "users.csv")
    config = tmp_path / "cfg" / "personalroi.yaml"
    config.parent.mkdir()
    res = runner.invoke(app, ["init", str(data), "-o", str(config)])
    assert res.exit_code == 0, res.output
    assert "id user_id, arm experiment_group (control control)" in res.stderr
    parsed = yaml.safe_load(config.read_text())
    assert parsed["units"] == {
        "path": "../users.csv",
        "id": "user_id",
        "arm": "experiment_group",
        "dimensions": ["country"],
        "timestamp": "signup_date",
        "covariates": {"revenue": "pre_spend"},
    }
    assert parsed["metrics"] == {
        "revenue": {"type": "mean", "value": "units.revenue", "weight": 3},
        "converted": {"type": "binary", "value": "units.converted", "weight": 2},
        "pages": {"type": "mean", "value": "units.pages", "weight": 1},
    }
    assert parsed["experiment"]["control"] == "control"
    assert parsed["economics"]["revenue_metric"] == "revenue"
    assert "# guessed: only 0/1 values" in config.read_text()
    assert runner.invoke(app, ["validate", "-c", str(config)]).exit_code == 0
    audited = runner.invoke(app, ["audit", "-q", "-c", str(config), "--no-history", "-f", "json"])
    assert audited.exit_code in (0, 1), audited.output


def test_init_on_the_sample_units_file(tmp_path: Path) -> None:
    """The sample's units file holds no outcome (they are in orders.csv): init says so and
    writes nothing; with a per-unit outcome column it guesses every role."""
    config = tmp_path / "s.yaml"
    sample = ROOT / "sample_data" / "visitors.csv"
    res = runner.invoke(app, ["init", str(sample), "-o", str(config)])
    assert res.exit_code == 2 and not config.exists()
    assert "no column holds numbers or 0/1 values" in res.stderr
    lines = sample.read_text().splitlines()
    data = tmp_path / "visitors.csv"
    data.write_text(
        "\n".join([lines[0] + ",converted"] + [f"{ln},{i % 2}" for i, ln in enumerate(lines[1:])])
    )
    res = runner.invoke(app, ["init", str(data), "-o", str(config)])
    assert res.exit_code == 0, res.output
    units = yaml.safe_load(config.read_text())["units"]
    assert (units["id"], units["arm"], units["timestamp"]) == (
        "visitor_id",
        "variant",
        "first_exposure",
    )
    assert units["dimensions"] == ["segment", "channel", "device"]
    assert "control: generic  # guessed from arms: extreme, generic, subtle" in config.read_text()
    assert runner.invoke(app, ["validate", "-c", str(config)]).exit_code == 0


def test_init_refuses_to_overwrite(tmp_path: Path) -> None:
    data = user_level_csv(tmp_path / "users.csv", n=200)
    config = tmp_path / "personalroi.yaml"
    config.write_text("mine\n")
    res = runner.invoke(app, ["init", str(data), "-o", str(config)])
    assert res.exit_code == 2
    assert (
        res.stderr
        == f"personalroi: error: {config}: already exists; pass --force to overwrite it.\n"
    )
    assert config.read_text() == "mine\n"
    assert runner.invoke(app, ["init", str(data), "-o", str(config), "--force"]).exit_code == 0


def test_init_missing_file(tmp_path: Path) -> None:
    res = runner.invoke(app, ["init", str(tmp_path / "nope.csv"), "-o", str(tmp_path / "c.yaml")])
    assert res.exit_code == 2
    assert "nope.csv: file not found" in res.stderr
