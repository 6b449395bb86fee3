"""The data-quality checks by hand, on messy exports: the `checks` statement `personalroi sql`
prints, run by DuckDB and saved as CSV, gives the local audit's checks word for word.

The exports hold what the checks are for: a unit's repeated row that disagrees, units in
two arms, rows without id or arm, an arm the config does not name, units and orders
outside the window, orders of no unit, negative values (a source's and the units
file's), a row filter, a dimension source with repeated units, and one whale that
decides the mean and ratio metrics (heavy_tail warns, with the largest value and the
next). The local checks are checked against counts worked out from the rows below.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import duckdb
import pytest
import yaml
from engine_fixtures import assert_close, split_sections, write_csv
from test_by_hand_sections import _refused, audit
from test_engine_bigquery import bigquery_refusals
from typer.testing import CliRunner

from personalroi.cli import app
from personalroi.engines.dialect import DIALECTS

runner = CliRunner()
WINDOW = {"start": "2026-07-01", "end": "2026-07-31"}


def messy_exports(folder: Path) -> None:
    rng = random.Random(7)
    units: list[list[Any]] = [
        [f"u{i}", ("control", "treatment")[i % 2], f"2026-07-{1 + i % 28:02d}",
         ("web", "app")[i % 3 == 0], round(rng.expovariate(0.1), 2)]
        for i in range(3000)
    ]  # fmt: skip
    units += [
        ["u7", "treatment", "2026-07-04", "web", 2.0],  # repeats u7, disagrees in pre
        ["u9", "control", "2026-07-04", "web", 3.0],  # u9 (treatment) in two arms
        ["u11", "control", "2026-07-04", "web", 3.0],  # u11 too
        ["u3000", "treatment", "2026-09-04", "web", 3.0],  # outside the window
        ["u3001", None, "2026-07-04", "web", 3.0],  # no arm
        [None, "control", "2026-07-04", "web", 3.0],  # no id
        ["u3002", "holdout", "2026-07-04", "web", 3.0],  # an arm the config leaves out
        ["u3003", "control", "2026-07-04", "web", -4.0],  # a negative pre-period value
    ]
    write_csv(folder / "units.csv", ["uid", "arm", "seen", "channel", "pre"], units)
    orders: list[list[Any]] = [
        [f"u{i}", f"2026-07-{1 + i % 28:02d}", round(rng.lognormvariate(3, 1), 2), "paid"]
        for i in range(0, 3000, 3)
    ]
    orders[800][2] = 250000.0  # u2400: the whale
    orders += [
        ["u30", "2026-07-05", -12.5, "paid"],  # a refund
        ["u33", "2026-09-05", 10.0, "paid"],  # outside the window
        ["ghost", "2026-07-05", 10.0, "paid"],  # no such unit
        ["u36", "2026-07-05", 99.0, "test"],  # excluded by the row filter
    ]
    write_csv(folder / "orders.csv", ["uid", "at", "amount", "status"], orders)
    countries = [[f"u{i}", ("de", "se")[i % 2]] for i in range(3000)]
    countries += [["u4", "se"], ["u6", "de"]]  # u4 disagrees, u6 repeats its country
    write_csv(folder / "countries.csv", ["uid", "country"], countries)


def messy_config(duplicates: str, units_where: bool) -> dict[str, Any]:
    units: dict[str, Any] = {
        "path": "units.csv",
        "id": "uid",
        "arm": "arm",
        "timestamp": "seen",
        "dimensions": ["channel", "countries.country"],
        "covariates": {"spend": "pre"},
        "duplicates": duplicates,
    }
    if units_where:
        units["where"] = "channel <> 'fax'"
    return {
        "experiment": {"name": "messy", "control": "control", "treatments": ["treatment"]} | WINDOW,
        "units": units,
        "sources": {
            "orders": {
                "path": "orders.csv",
                "id": "uid",
                "timestamp": "at",
                "where": "status = 'paid'",
            },
            "countries": {"path": "countries.csv", "id": "uid"},
        },  # fmt: skip
        "metrics": {
            "spend": {"type": "mean", "value": "orders.amount"},
            "converted": {"type": "binary", "value": "orders.count"},
            "aov": {"type": "ratio", "numerator": "orders.amount", "denominator": "orders.count"},
            "pre_value": {"type": "mean", "value": "units.pre"},
        },
    }


def _by_hand(config: dict[str, Any], folder: Path, name: str) -> dict[str, Any]:
    """Every printed section run by DuckDB and saved; the config reading them instead."""
    path = folder / f"{name}_raw.yaml"
    path.write_text(yaml.safe_dump(config))
    printed = runner.invoke(app, ["sql", "-c", str(path), "--dialect", "duckdb"])
    assert printed.exit_code == 0, printed.output
    files = {}
    con = duckdb.connect()
    for section, query in split_sections(printed.stdout).items():
        files[section] = folder / f"{name}_{section}.csv"
        con.execute(f"COPY ({query}) TO '{files[section]}' (HEADER)")
    by_hand = {k: v for k, v in config.items() if k != "sources"}
    by_hand["units"] = {
        "aggregated": {k: str(v) for k, v in files.items()},
        "dimensions": config["units"]["dimensions"],
        "covariates": config["units"]["covariates"],
    }
    return by_hand


def _checks(result: dict[str, Any]) -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for c in result["data_quality"]["checks"]:
        out.setdefault(c["name"], []).append((c["status"], c["detail"]))
    return out


@pytest.mark.parametrize(("duplicates", "units_where"), [("first", False), ("last", True)])
def test_messy_checks_by_hand_are_the_local_ones(
    duplicates: str, units_where: bool, tmp_path: Path
) -> None:
    messy_exports(tmp_path)
    config = messy_config(duplicates, units_where)
    local = audit(config, tmp_path, "local")
    by_hand = audit(_by_hand(config, tmp_path, "hand"), tmp_path, "by_hand")
    assert_close(local["data_quality"], by_hand["data_quality"], "data_quality")
    assert_close(local["metrics"], by_hand["metrics"], "metrics")
    checks = _checks(local)
    # The counts, from the rows written above.
    kept = "latest" if duplicates == "last" else "earliest"
    assert checks["duplicate_ids"] == [
        ("warn", f"1 repeated unit rows of 1 units dropped, one whole row kept per unit; "
                 f"units.duplicates: {duplicates} (the {kept} row by seen, then file order). "
                 "1 of the 1 units' rows disagree in a metric or dimension column (pre)")
    ]  # fmt: skip
    assert checks["units_in_multiple_arms"] == [
        ("fail", "2 units seen in more than one arm (excluded)")
    ]
    assert checks["missing_arm"] == [("warn", "2 unit rows without id or arm (excluded)")]
    assert checks["unanalysed_arms"] == [
        ("warn", "arms in the data but not in the config: holdout")
    ]
    assert checks["units_outside_window"] == [
        ("warn", "1 unit rows outside 2026-07-01..2026-07-31 (dropped)")
    ]
    # 1,000 orders and the refund match; the order outside the window is not counted.
    assert checks["join_coverage_orders"] == [
        ("pass", "1001 of 1002 rows (99.9%) match a unit; 1000 of 3004 units have rows")
    ]
    assert checks["orders_outside_window"] == [
        ("warn", "1 rows outside 2026-07-01..2026-07-31 (dropped)")
    ]
    assert checks["negative_orders_amount"][0][1].startswith("1 rows with negative orders.amount")
    assert checks["negative_units_pre"][0][1].startswith("1 rows with negative units.pre")
    assert checks["dimension_rows_countries"] == [
        ("warn", f"2 unit(s) with more than one row in countries, the {kept} in file order "
                 "kept (units.duplicates); 1 of them disagree in country")
    ]  # fmt: skip
    assert checks["rows_excluded_orders"] == [
        ("warn", "1 of 1,004 rows excluded by sources.orders.where: \"status\" = 'paid'")
    ]
    if units_where:
        assert checks["rows_excluded_units"][0][0] == "pass"
    tails = [detail for status, detail in checks["heavy_tail"] if status == "warn"]
    assert sorted(t.split(":")[0] for t in tails) == ["aov", "spend"]
    # The largest value is the whale; the next, the largest other order.
    others = sorted(
        float(row[2]) for row in duckdb.sql(
            f"SELECT * FROM '{tmp_path / 'orders.csv'}' WHERE status = 'paid'"
        ).fetchall() if row[2] < 250000 and row[0] != "ghost"
    )  # fmt: skip
    assert all(f"the largest value is 250,000 (the next {others[-1]:,.6g})" in t for t in tails)


def test_without_the_checks_file_the_stand_in_names_its_key(tmp_path: Path) -> None:
    messy_exports(tmp_path)
    config = _by_hand(messy_config("first", False), tmp_path, "hand")
    del config["units"]["aggregated"]["checks"]
    checks = _checks(audit(config, tmp_path, "stand_in"))
    assert list(checks)[0] == "aggregated_input"
    assert "give it as units.aggregated.checks" in checks["aggregated_input"][0][1]
    assert "duplicate_ids" not in checks


def test_repeats_under_the_error_policy_are_refused_by_hand(tmp_path: Path) -> None:
    messy_exports(tmp_path)
    config = _by_hand(messy_config("error", False), tmp_path, "hand")
    checks_file = config["units"]["aggregated"]["checks"]
    message = _refused(config, tmp_path)
    assert (
        f"{checks_file} (units.aggregated.checks): 1 repeated unit rows, and "
        "units.duplicates is error" in message
    )


@pytest.mark.parametrize("dialect", [d for d in DIALECTS if d != "duckdb"])
def test_the_checks_statement_parses_in_every_dialect(dialect: str, tmp_path: Path) -> None:
    path = tmp_path / "raw.yaml"
    path.write_text(yaml.safe_dump(messy_config("last", True)))
    printed = runner.invoke(app, ["sql", "-c", str(path), "-d", dialect, "-s", "checks"])
    assert printed.exit_code == 0, printed.output
    import sqlglot

    statement = printed.stdout.split("\n", 2)[2]
    assert sqlglot.parse_one(statement, read=dialect) is not None
    if dialect == "bigquery":
        assert bigquery_refusals(statement) == []


def _tail_rows(at_top: int) -> list[dict[str, Any]]:
    """A checks table with one mean metric: control all 1s, treatment 98 ones and two
    values of 1,000 (`at_top` of them at the largest, the other at 999)."""
    whales = [1000.0] * at_top + [999.0] * (2 - at_top)
    treatment = [1.0] * 98 + whales
    rows: list[dict[str, Any]] = [
        {"kind": "policy", "item": "first", "stat": "policy", "note": "units.duplicates: first"},
        {"kind": "tail", "item": "m", "stat": "cap", "value": 1.0},
        {"kind": "tail", "item": "m", "stat": "top", "value": 1000.0},
    ]
    for arm, values in (("a", [1.0] * 100), ("b", treatment)):
        capped = [min(v, 1.0) for v in values]
        sums = {
            "n": len(values), "x": sum(values), "xx": sum(v * v for v in values),
            "cx": sum(capped), "cxx": sum(c * c for c in capped), "y": len(values),
            "yy": len(values), "xy": sum(values), "cxy": sum(capped),
            "at_top": values.count(1000.0),
            "below_top": max((v for v in values if v < 1000.0), default=None),
        }  # fmt: skip
        rows += [
            {"kind": "tail", "item": "m", "stat": s, "arm": arm, "value": v}
            for s, v in sums.items()
        ]
    return [{"part": i, "arm": None, "value": None, "note": None} | r for i, r in enumerate(rows)]


@pytest.mark.parametrize(("at_top", "second"), [(2, "1,000"), (1, "999")])
def test_the_next_value_is_the_largest_when_it_repeats(at_top: int, second: str) -> None:
    from personalroi.data.checks_read import read_checks

    checks, shifts = read_checks(_tail_rows(at_top), "a", ["b"], 0.05, str)
    tail = next(c for c in checks if c.name == "heavy_tail")
    assert tail.status == "warn" and shifts[0].capped_lift == 0.0
    assert tail.detail.startswith(f"m: the largest value is 1,000 (the next {second}); capping")
