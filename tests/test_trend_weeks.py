"""Per-arm statistics by week since exposure against pandas, metric type by metric type.

The reference builds the full unit x week table (every unit in every full week, with
or without events); the engine may compute it any way, so each kind of empty-week
value is covered: 0 (sum, count), NULL (mean, max), a winsorization cap, the NPS -1,
and weeks in which no unit of an arm has any event at all.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import yaml
from trend_helpers import exposed_units

from personalroi.config.load import load_config
from personalroi.data.dataset import UNIT_TABLE
from personalroi.data.load import load_dataset
from personalroi.data.trend import load_trend
from personalroi.data.trend_sql import WEEK
from personalroi.plan.compile import compile_plan
from personalroi.stats.sufficient import JointStats, SampleStats

END = "2026-04-12"  # six weeks after START
WEEK_SPAN = pd.Timedelta(days=7)
METRICS = {
    "revenue": {"type": "mean", "value": "orders.amount", "winsorize": 0.9},
    "duration": {"type": "mean", "value": "visits.duration", "agg": "mean"},
    "buyer": {"type": "binary", "value": "orders.count"},
    "aov": {"type": "ratio", "numerator": "orders.amount", "denominator": "orders.count"},
    "rating": {"type": "nps", "value": "visits.rating", "agg": "max"},
    # NPS of the visit count: an empty week is a detractor (-1), not missing.
    "visits_nps": {"type": "nps", "value": "visits.count"},
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Sparse events: none later than 25 days after exposure, so late weeks are all empty."""
    rng = np.random.default_rng(21)
    n = 1500
    arm, exposure = exposed_units(rng, n, 35)

    def events(rate: float) -> pd.DataFrame:
        counts = rng.poisson(rate, n)
        unit = np.repeat(np.arange(n), counts)
        # From a day before exposure (cut: before exposure) to 25 days after.
        offset = pd.to_timedelta(rng.integers(-86400, 25 * 86400, len(unit)), "s")
        at = exposure[unit] + offset
        return pd.DataFrame({"id": unit, "at": at.strftime("%Y-%m-%d %H:%M:%S")})

    orders = events(1.2)
    orders["amount"] = rng.lognormal(3, 0.8, len(orders)).round(2)
    visits = events(2.0)
    visits["duration"] = rng.exponential(60, len(visits)).round(1)
    visits["rating"] = rng.integers(0, 11, len(visits))
    out = tmp_path_factory.mktemp("trend_weeks")
    units = pd.DataFrame(
        {"id": range(n), "arm": arm, "exposed": exposure.strftime("%Y-%m-%d %H:%M:%S")}
    )
    units.to_csv(out / "units.csv", index=False)
    orders.to_csv(out / "orders.csv", index=False)
    visits.to_csv(out / "visits.csv", index=False)
    return out


def config_path(folder: Path, end: str | None) -> Path:
    source = lambda name: {"path": str(folder / name), "id": "id", "timestamp": "at"}  # noqa: E731
    data = {
        "experiment": {"name": "weeks", "control": "control", **({"end": end} if end else {})},
        "units": {
            "path": str(folder / "units.csv"),
            "id": "id",
            "arm": "arm",
            "timestamp": "exposed",
        },
        "sources": {"orders": source("orders.csv"), "visits": source("visits.csv")},
        "metrics": METRICS,
    }
    path = folder / f"weeks_{end}.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


def nps(value: pd.Series) -> pd.Series:
    grade = pd.Series(np.select([value >= 9, value > 6], [1.0, 0.0], -1.0), index=value.index)
    return grade.where(value.notna())


def reference(folder: Path, end: str | None) -> dict[tuple[str, str], dict[str, tuple]]:
    """(arm, week) -> metric -> (n, sums...) from the dense unit x full-week table."""
    units = pd.read_csv(folder / "units.csv", parse_dates=["exposed"])
    read = lambda name: pd.read_csv(folder / name, parse_dates=["at"])  # noqa: E731
    orders, visits = read("orders.csv"), read("visits.csv")
    window_end = pd.Timestamp(end) + pd.Timedelta(days=1) if end else None
    if window_end is not None:
        orders, visits = orders[orders["at"] < window_end], visits[visits["at"] < window_end]
    # Winsorization cap: the quantile of the unit totals (every unit, whole window).
    totals = units[["id"]].join(orders.groupby("id")["amount"].sum(), on="id")["amount"]
    cap = float(np.quantile(totals.fillna(0.0), 0.9))

    def by_week(events: pd.DataFrame) -> pd.DataFrame:
        events = events.merge(units[["id", "exposed"]], on="id")
        events = events[events["at"] >= events["exposed"]]
        events["week"] = (events["at"] - events["exposed"]) // WEEK_SPAN
        return events

    orders, visits = by_week(orders), by_week(visits)
    bound = window_end or max(orders["at"].max(), visits["at"].max())
    full = ((bound - units["exposed"]) // WEEK_SPAN).clip(lower=0)
    dense = units.loc[units.index.repeat(full)].copy()
    dense["week"] = dense.groupby("id").cumcount()
    keys = ["id", "week"]
    o = orders.groupby(keys).agg(amount=("amount", "sum"), count=("amount", "size"))
    v = visits.groupby(keys).agg(
        duration=("duration", "mean"), rating=("rating", "max"), visits=("rating", "size")
    )
    dense = dense.join(o, on=keys).join(v, on=keys)
    values = pd.DataFrame(
        {
            "arm": dense["arm"],
            "week": dense["week"].astype(str),
            "revenue": dense["amount"].fillna(0.0).clip(upper=cap),
            "duration": dense["duration"],
            "buyer": (dense["count"].fillna(0) > 0).astype(float),
            "aov_x": dense["amount"].fillna(0.0),
            "aov_y": dense["count"].fillna(0).astype(float),
            "rating": nps(dense["rating"]),
            "visits_nps": nps(dense["visits"].fillna(0)),
        }
    )
    out: dict[tuple[str, str], dict[str, tuple]] = {}
    for (arm, week), g in values.groupby(["arm", "week"]):
        cell = {}
        for m in ("revenue", "duration", "buyer", "rating", "visits_nps"):
            x = g[m].dropna()
            cell[m] = (len(x), x.sum(), (x * x).sum())
        x, y = g["aov_x"], g["aov_y"]
        cell["aov"] = (len(g), x.sum(), (x * x).sum(), y.sum(), (y * y).sum(), (x * y).sum())
        cell["rows"] = (len(g),)
        out[(str(arm), str(week))] = cell
    return out


def as_tuple(stats: SampleStats | JointStats) -> tuple:
    if isinstance(stats, JointStats):
        return (stats.n, stats.sum_x, stats.sum_x_sq, stats.sum_y, stats.sum_y_sq, stats.sum_xy)
    return (stats.n, stats.sum, stats.sum_sq)


def weeks_of(path: Path) -> Any:
    plan = compile_plan(load_config(path))
    stats = load_trend(plan, load_dataset(plan), UNIT_TABLE)
    assert stats is not None and stats.weeks is not None
    return stats.weeks


@pytest.mark.parametrize("end", [END, None])
def test_weekly_statistics_match_the_dense_pandas_table(folder: Path, end: str | None) -> None:
    expected = reference(folder, end)
    weeks = weeks_of(config_path(folder, end))
    got = weeks.by_dimension[WEEK]
    assert set(got) == set(expected)
    # Late weeks hold eligible units but no events at all.
    assert any(cell["buyer"][1] == 0 and cell["rows"][0] > 0 for cell in expected.values())
    for key, cell in expected.items():
        for metric in METRICS:
            assert as_tuple(got[key][metric]) == pytest.approx(cell[metric], rel=1e-9, abs=1e-9)
    for arm in ("control", "treat"):
        cells = [c for (a, _), c in expected.items() if a == arm]
        assert weeks.units_per_arm[arm] == sum(c["rows"][0] for c in cells)
        total = np.sum([c["revenue"] for c in cells], axis=0)
        assert as_tuple(weeks.overall[arm]["revenue"]) == pytest.approx(tuple(total), rel=1e-9)


def test_weekly_statistics_are_identical_run_to_run(folder: Path) -> None:
    path = config_path(folder, None)
    assert repr(weeks_of(path)) == repr(weeks_of(path))
