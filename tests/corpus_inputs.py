"""A small valid experiment (units CSV, orders CSV, YAML config) that the corpus breaks.

Everything is built from a seed so hypothesis can draw many distinct variants;
`Experiment.write` puts the files in a folder and returns the config path.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import strategies as st

COLUMNS = ["visitor_id", "variant", "segment", "first_exposure", "revenue", "converted", "items"]
NUMERIC = ["revenue", "converted", "items"]
ARMS = ("generic", "subtle")
ORDER_COLUMNS = ["visitor_id", "amount"]


@dataclass(frozen=True)
class Experiment:
    """The files of one audit, as text rows (so mutations can address line and column)."""

    header: list[str]
    rows: list[list[str]]
    orders_header: list[str]
    orders: list[list[str]]
    config: dict[str, Any]
    units_bytes: bytes | None = None  # overrides header/rows when set
    orders_bytes: bytes | None = None
    config_text: str | None = None  # overrides config when set
    extra_files: dict[str, bytes] = field(default_factory=dict)
    units_name: str = "units.csv"
    links: tuple[tuple[str, str], ...] = ()  # (name, target): symbolic links made last

    def write(self, folder: Path) -> Path:
        units = self.units_bytes if self.units_bytes is not None else to_csv(self.header, self.rows)
        orders = (
            self.orders_bytes
            if self.orders_bytes is not None
            else to_csv(self.orders_header, self.orders)
        )
        (folder / self.units_name).write_bytes(units)
        (folder / "orders.csv").write_bytes(orders)
        text = self.config_text if self.config_text is not None else dump(self.config)
        config = folder / "c.yaml"
        config.write_text(text, encoding="utf-8")
        for name, data in self.extra_files.items():  # last: may replace any file above
            (folder / name).write_bytes(data)
        for name, target in self.links:
            (folder / name).symlink_to(folder / target)
        return config

    def with_config(self, change: Callable[[dict[str, Any]], None]) -> Experiment:
        config = yaml.safe_load(dump(self.config))
        change(config)
        return replace(self, config=config)

    def column(self, name: str) -> int:
        return self.header.index(name)

    def arm_of(self, row: list[str]) -> str:
        return row[self.column("variant")]


def dump(config: dict[str, Any]) -> str:
    return yaml.safe_dump(config, sort_keys=False, allow_unicode=True)


def to_csv(
    header: list[str], rows: list[list[str]], delimiter: str = ",", newline: str = "\n"
) -> bytes:
    lines = [delimiter.join(header), *(delimiter.join(r) for r in rows)]
    return (newline.join(lines) + newline).encode("utf-8")


def base_experiment(seed: int, n_units: int = 40) -> Experiment:
    """A valid two-arm experiment; every value is drawn from `seed`."""
    rng = random.Random(seed)
    rows = []
    for i in range(1, n_units + 1):
        arm = ARMS[i % 2]  # both arms always present and balanced
        day = rng.randint(1, 28)
        revenue = round(rng.uniform(0, 80), 2) if rng.random() < 0.7 else 0.0
        rows.append(
            [
                str(i),
                arm,
                rng.choice(["new", "returning", "loyal"]),
                f"2026-07-{day:02d} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00",
                f"{revenue:.2f}",
                str(int(i % 3 == 0 or rng.random() < 0.2)),
                str(rng.randint(1, 4)),
            ]
        )
    orders = [
        [str(rng.randint(1, n_units)), f"{rng.uniform(5, 90):.2f}"]
        for _ in range(rng.randint(n_units // 2, n_units))
    ]
    config: dict[str, Any] = {
        "experiment": {
            "name": f"corpus {seed}",
            "control": "generic",
            "start": "2026-07-01",
            "end": "2026-08-31",
        },
        "units": {
            "path": "units.csv",
            "id": "visitor_id",
            "arm": "variant",
            "timestamp": "first_exposure",
        },
        "sources": {"orders": {"path": "orders.csv", "id": "visitor_id"}},
        "metrics": {
            "conversion": {"type": "binary", "value": "units.converted", "weight": 2},
            "revenue": {"type": "mean", "value": "units.revenue", "weight": 1},
            "per_item": {
                "type": "ratio",
                "numerator": "units.revenue",
                "denominator": "units.items",
                "weight": 1,
            },
            "order_value": {"type": "mean", "value": "orders.amount", "weight": 1},
        },
        "costs": [{"name": "licence", "category": "technology", "monthly": 100}],
    }
    return Experiment(COLUMNS, rows, ORDER_COLUMNS, orders, config)


@dataclass(frozen=True)
class Case:
    exp: Experiment
    # "error": exit 2 and `where` must match stderr; "result": exit 0/1 and `codes` hold.
    expect: str
    where: str = ""
    codes: dict[str, str] = field(default_factory=dict)
    check: Callable[[dict[str, Any]], None] | None = None
    # Another command line instead of `audit -c CONFIG -f json -q`; "{dir}" is the folder.
    command: tuple[str, ...] = ()
    stdin: str | None = None


def error(exp: Experiment, where: str) -> Case:
    return Case(exp, "error", where=where)


def result(
    exp: Experiment,
    codes: dict[str, str] | None = None,
    check: Callable[[dict[str, Any]], None] | None = None,
) -> Case:
    return Case(exp, "result", codes=codes or {}, check=check)


seeds = st.integers(min_value=0, max_value=2**20)


@st.composite
def experiments(draw: st.DrawFn) -> Experiment:
    return base_experiment(draw(seeds), draw(st.integers(min_value=12, max_value=48)))


def row_index(draw: st.DrawFn, exp: Experiment) -> int:
    return draw(st.integers(min_value=0, max_value=len(exp.rows) - 1))


def line_of(i: int) -> str:
    """Data row i (0-based) is on line i + 2 of the CSV."""
    return rf"units\.csv: line {i + 2}\b"


def set_cell(exp: Experiment, i: int, column: str, value: str) -> Experiment:
    rows = [list(r) for r in exp.rows]
    rows[i][exp.column(column)] = value
    return replace(exp, rows=rows)


def set_column(exp: Experiment, column: str, value: Callable[[list[str]], str]) -> Experiment:
    rows = [list(r) for r in exp.rows]
    for r in rows:
        r[exp.column(column)] = value(r)
    return replace(exp, rows=rows)


def same_as(exp: Experiment) -> Callable[[dict[str, Any]], None]:
    """The audit read every unit and the right control mean of revenue."""
    control = [float(r[exp.column("revenue")]) for r in exp.rows if exp.arm_of(r) == "generic"]

    def check(out: dict[str, Any]) -> None:
        assert sum(out["data_quality"]["units_per_arm"].values()) == len(exp.rows)
        row = next(m for m in out["metrics"] if m["metric"] == "revenue" and not m["dimension"])
        assert row["control_value"] == pytest.approx(sum(control) / len(control), rel=1e-12)

    return check


def set_path(config: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    node = config
    for key in path[:-1]:
        node = node.setdefault(key, {})
    node[path[-1]] = value
