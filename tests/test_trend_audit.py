"""The trend section end to end: DuckDB weekly values against a pandas reference, cohorts,
calendar periods, findings in the gaps, and when the section is absent."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import pytest
import yaml
from cli_helpers import audit_json as audit
from scipy import stats as sps
from trend_helpers import exposed_units
from typer.testing import CliRunner

from personalroi.cli import app

runner = CliRunner()
END = "2026-04-12"  # six weeks
WEEK = pd.Timedelta(days=7)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Units exposed over six weeks; the treatment's spend effect fades week by week."""
    rng = np.random.default_rng(8)
    n = 6000
    arm, exposure = exposed_units(rng, n, 42)
    rows = []
    for unit in range(n):
        for _ in range(rng.poisson(3.0)):
            # Events from a day before exposure to past the end: both edges get cut.
            at = exposure[unit] + pd.to_timedelta(int(rng.uniform(-1, 40) * 86400), "s")
            week = (at - exposure[unit]) // WEEK
            effect = 0.8 * 0.4 ** max(week, 0) if arm[unit] == "treat" else 0.0
            rows.append(
                (unit, at.strftime("%Y-%m-%d %H:%M:%S"), rng.lognormal(3, 0.5) * (1 + effect))
            )
    out = tmp_path_factory.mktemp("trend")
    pd.DataFrame(
        {
            "id": range(n),
            "arm": arm,
            "exposed": exposure.strftime("%Y-%m-%d %H:%M:%S"),
            "score": rng.normal(10, 2, n) + (arm == "treat"),
        }
    ).to_csv(out / "units.csv", index=False)
    pd.DataFrame(rows, columns=["id", "at", "amount"]).to_csv(out / "orders.csv", index=False)
    return out


def config(folder: Path, **units: Any) -> dict[str, Any]:
    return {
        "experiment": {"name": "trend", "control": "control", "end": END},
        "units": {
            "path": str(folder / "units.csv"),
            "id": "id",
            "arm": "arm",
            "timestamp": "exposed",
            **units,
        },
        "sources": {"orders": {"path": str(folder / "orders.csv"), "id": "id", "timestamp": "at"}},
        "metrics": {
            "revenue": {"type": "mean", "value": "orders.amount"},
            "aov": {"type": "ratio", "numerator": "orders.amount", "denominator": "orders.count"},
            "score": {"type": "mean", "value": "units.score"},
        },
        "calendar": [{"name": "promo", "start": "2026-03-16", "end": "2026-03-22"}],
    }


@pytest.fixture(scope="module")
def result(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return audit(config(folder), tmp_path_factory.mktemp("run"))


def weekly_reference(folder: Path, week: int) -> pd.DataFrame:
    """Per-unit spend and orders in week `week` since exposure (units whose week ends in time)."""
    units = pd.read_csv(folder / "units.csv", parse_dates=["exposed"])
    orders = pd.read_csv(folder / "orders.csv", parse_dates=["at"]).merge(units[["id", "exposed"]])
    end = pd.Timestamp(END) + pd.Timedelta(days=1)
    lo, hi = orders["exposed"] + week * WEEK, orders["exposed"] + (week + 1) * WEEK
    inside = orders[(orders["at"] >= lo) & (orders["at"] < hi) & (orders["at"] < end)]
    per_unit = inside.groupby("id")["amount"].agg(["sum", "count"])
    eligible = units[units["exposed"] + (week + 1) * WEEK <= end].join(per_unit, on="id")
    return eligible.fillna({"sum": 0.0, "count": 0})


def test_weeks_since_exposure_match_pandas(folder: Path, result: dict[str, Any]) -> None:
    trend = result["trend"]
    assert set(trend["weekly_metrics"]) == {"revenue", "aov"}  # units.score has no event time
    weeks = {(e["metric"], e["week"]): e for e in trend["by_exposure_week"]}
    assert {w for _, w in weeks} == set(range(5))
    for week in range(5):
        ref = weekly_reference(folder, week)
        c, t = (ref[ref["arm"] == a] for a in ("control", "treat"))
        row = weeks[("revenue", week)]
        assert (row["n_control"], row["n_treatment"]) == (len(c), len(t))
        assert row["control_value"] == pytest.approx(c["sum"].mean(), rel=1e-9)
        welch = sps.ttest_ind(t["sum"], c["sum"], equal_var=False)
        assert row["p_value"] == pytest.approx(welch.pvalue, rel=1e-9)
        aov = weeks[("aov", week)]
        assert aov["treatment_value"] == pytest.approx(t["sum"].sum() / t["count"].sum(), rel=1e-9)


def test_cohort_weeks_include_unit_columns(folder: Path, result: dict[str, Any]) -> None:
    units = pd.read_csv(folder / "units.csv", parse_dates=["exposed"])
    units["cohort"] = units["exposed"].dt.to_period("W-SUN").dt.start_time.dt.strftime("%Y-%m-%d")
    rows = [e for e in result["trend"]["by_calendar_week"] if e["metric"] == "score"]
    assert [e["week"] for e in rows] == sorted(units["cohort"].unique())
    for e in rows:
        cohort = units[(units["cohort"] == e["week"]) & (units["arm"] == "control")]
        assert e["n_control"] == len(cohort)
        assert e["control_value"] == pytest.approx(cohort["score"].mean(), rel=1e-9)


def test_novelty_is_found_and_listed_in_the_gaps(result: dict[str, Any]) -> None:
    entry = next(e for e in result["trend"]["novelty"] if e["metric"] == "revenue")
    assert entry["novelty"] and entry["slope"] < 0 and entry["lift_week_0"] > 0.3
    assert entry["finding"].startswith("the relative lift of revenue in treat fades")
    gap = next(g for g in result["gaps"] if g["area"] == "trend" and g["metric"] == "revenue")
    assert gap["severity"] == "medium" and gap["finding"] == entry["finding"]


def test_calendar_period_splits_units_by_first_exposure(
    folder: Path, result: dict[str, Any]
) -> None:
    units = pd.read_csv(folder / "units.csv", parse_dates=["exposed"])
    inside = (units["exposed"] >= "2026-03-16") & (units["exposed"] < "2026-03-23")
    entry = next(e for e in result["trend"]["calendar"] if e["metric"] == "score")
    assert (entry["units_in"], entry["units_out"]) == (int(inside.sum()), int((~inside).sum()))
    lifts, ses = [], []
    for part in (units[inside], units[~inside]):
        c, t = (part.loc[part["arm"] == a, "score"] for a in ("control", "treat"))
        ratio = t.mean() / c.mean()
        lifts.append(ratio - 1)
        var = (t.var() / len(t) + ratio**2 * c.var() / len(c)) / c.mean() ** 2
        ses.append(math.sqrt(var))
    assert entry["lift_in"] == pytest.approx(lifts[0], rel=1e-9)
    assert entry["lift_without"] == pytest.approx(lifts[1], rel=1e-9)
    z = (lifts[0] - lifts[1]) / math.hypot(*ses)
    assert entry["p_value"] == pytest.approx(2 * sps.norm.sf(abs(z)), rel=1e-6)
    assert entry["p_value_adjusted"] >= entry["p_value"]


def test_json_has_no_nan(result: dict[str, Any]) -> None:
    text = json.dumps(result["trend"], allow_nan=False)
    assert "NaN" not in text


def test_without_units_timestamp_the_section_is_absent_and_a_gap_says_why(
    folder: Path, tmp_path: Path
) -> None:
    data = config(folder)
    del data["units"]["timestamp"]
    out = audit(data, tmp_path)
    assert "trend" not in out
    gap = next(g for g in out["gaps"] if g["area"] == "trend")
    assert "no units.timestamp" in gap["finding"]


def test_aggregated_input_has_no_trend_section(folder: Path, tmp_path: Path) -> None:
    data = config(folder)
    path = tmp_path / "raw.yaml"
    path.write_text(yaml.safe_dump(data))
    sql = runner.invoke(app, ["sql", "-c", str(path), "--section", "stats"])
    assert sql.exit_code == 0, sql.output
    stats = tmp_path / "stats.csv"
    duckdb.connect().execute(f"COPY ({sql.stdout.strip().rstrip(';')}) TO '{stats}' (HEADER)")
    data["units"] = {"aggregated": str(stats), "arm": "arm"}
    del data["sources"]
    out = audit(data, tmp_path)
    assert "trend" not in out
    assert any("aggregated input" in g["finding"] for g in out["gaps"] if g["area"] == "trend")


def test_by_hand_trend_without_an_end_date_equals_the_local_trend(
    folder: Path, tmp_path: Path
) -> None:
    """The printed trend query finds the observation end itself (the last event after an
    exposure), as the local audit does: its saved table gives the same trend section."""
    from engine_fixtures import assert_close, split_sections

    data = config(folder)
    del data["experiment"]["end"]
    path = tmp_path / "raw.yaml"
    path.write_text(yaml.safe_dump(data))
    sql = runner.invoke(app, ["sql", "-c", str(path)])
    assert sql.exit_code == 0, sql.output
    files = {}
    for name, query in split_sections(sql.stdout).items():
        files[name] = tmp_path / f"{name}.csv"
        duckdb.connect().execute(f"COPY ({query}) TO '{files[name]}' (HEADER)")
    assert "trend" in files
    local = audit(data, tmp_path)
    data["units"] = {"aggregated": {n: str(f) for n, f in files.items()}, "arm": "arm"}
    del data["sources"]
    by_hand = audit(data, tmp_path)
    assert local["trend"]["by_exposure_week"]
    assert_close(local["trend"], by_hand["trend"], "trend")


def test_without_an_end_date_the_last_event_ends_the_observation(
    folder: Path, tmp_path: Path
) -> None:
    data = config(folder)
    del data["experiment"]["end"]
    data["calendar"] = []
    out = audit(data, tmp_path)["trend"]
    assert out["observation_end"] is None and out["calendar"] == []
    orders = pd.read_csv(folder / "orders.csv", parse_dates=["at"])
    units = pd.read_csv(folder / "units.csv", parse_dates=["exposed"])
    last = orders.merge(units)[lambda o: o["at"] >= o["exposed"]]["at"].max()
    full = ((last - units["exposed"]) // WEEK).clip(lower=0)
    counts = {e["week"]: e["n_control"] + e["n_treatment"] for e in out["by_exposure_week"]}
    assert counts == {k: int((full > k).sum()) for k in range(int(full.max()))}


def test_unit_columns_only_give_cohorts_but_no_weeks(folder: Path, tmp_path: Path) -> None:
    data = config(folder)
    data["metrics"] = {"score": data["metrics"]["score"]}
    out = audit(data, tmp_path)["trend"]
    assert out["weekly_metrics"] == [] and out["by_exposure_week"] == []
    assert out["novelty"] == [] and out["by_calendar_week"]


def test_big_files_read_through_sized_scans_give_the_same_trend(
    folder: Path, result: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from personalroi.data import sources

    monkeypatch.setattr(sources, "SIZED_SCAN_BYTES", 0)  # the trend joins read_csv scans
    assert audit(config(folder), tmp_path)["trend"] == result["trend"]
