"""CSV dialects, Parquet, aggregation rules and data-quality checks."""

from __future__ import annotations

import gzip
from pathlib import Path

import pandas as pd
import pytest

from personalroi.audit.run import run_audit
from personalroi.config import load_config
from personalroi.errors import DataError
from personalroi.report.json_format import result_to_dict

CONFIG = """\
experiment: {{name: t, control: a, start: 2026-07-01, end: 2026-07-31}}
units: {{path: {units}, id: id, arm: arm, timestamp: seen}}
sources:
  orders: {{path: {orders}, id: id, timestamp: at}}
metrics:
  spend:     {{type: mean, value: orders.amount}}
  converted: {{type: binary, value: orders.count}}
  basket:    {{type: mean, value: orders.amount, agg: mean}}
  biggest:   {{type: mean, value: orders.amount, agg: max}}
  aov:       {{type: ratio, numerator: orders.amount, denominator: orders.count}}
"""

UNITS = pd.DataFrame(
    {
        "id": [1, 2, 3, 4, 5, 6, 7, 8, 9],
        "arm": ["a", "a", "a", "a", "b", "b", "b", "b", "b"],
        "seen": ["2026-07-02"] * 8 + ["2026-09-01"],  # unit 9 is outside the window
    }
)
ORDERS = pd.DataFrame(
    {
        "id": [1, 1, 2, 5, 5, 6, 7, 99],
        "at": ["2026-07-03"] * 7 + ["2026-07-04"],
        "amount": [10.5, 20.0, 5.25, 40.0, 2.0, 8.0, 1.0, 3.0],
    }
)


def audit(tmp_path: Path, units: str = "units.csv", orders: str = "orders.csv") -> dict:
    config = tmp_path / "c.yaml"
    config.write_text(CONFIG.format(units=units, orders=orders))
    return result_to_dict(run_audit(load_config(config)))


def control_value(result: dict, metric: str, arm: str = "b") -> tuple[float, float]:
    r = next(r for r in result["metrics"] if r["metric"] == metric and r["arm"] == arm)
    return r["control_value"], r["treatment_value"]


def test_aggregation_rules(tmp_path: Path) -> None:
    UNITS.to_csv(tmp_path / "units.csv", index=False)
    ORDERS.to_csv(tmp_path / "orders.csv", index=False)
    result = audit(tmp_path)
    # sum: missing units count as 0. Arm a: (30.5 + 5.25 + 0 + 0) / 4.
    assert control_value(result, "spend") == pytest.approx(((30.5 + 5.25) / 4, (42 + 8 + 1) / 4))
    assert control_value(result, "converted") == pytest.approx((0.5, 0.75))
    # mean/max: units without orders are excluded.
    assert control_value(result, "basket") == pytest.approx(((15.25 + 5.25) / 2, (21 + 8 + 1) / 3))
    assert control_value(result, "biggest") == pytest.approx((12.625, (40 + 8 + 1) / 3))
    assert control_value(result, "aov") == pytest.approx((35.75 / 3, 51 / 4))
    checks = {c["name"]: c for c in result["data_quality"]["checks"]}
    assert checks["units_outside_window"]["detail"].startswith("1 unit rows")
    assert checks["join_coverage_orders"]["detail"].startswith("7 of 8 rows")


@pytest.mark.parametrize("variant", ["semicolon_decimal_comma", "tab", "bom", "gzip", "parquet"])
def test_dialects_give_identical_results(tmp_path: Path, variant: str) -> None:
    UNITS.to_csv(tmp_path / "units.csv", index=False)
    ORDERS.to_csv(tmp_path / "orders.csv", index=False)
    expected = audit(tmp_path)["metrics"]
    orders = "orders.csv"
    if variant == "semicolon_decimal_comma":
        ORDERS.to_csv(tmp_path / "orders.csv", index=False, sep=";", decimal=",")
    elif variant == "tab":
        ORDERS.to_csv(tmp_path / "orders.csv", index=False, sep="\t")
    elif variant == "bom":
        ORDERS.to_csv(tmp_path / "orders.csv", index=False, encoding="utf-8-sig")
    elif variant == "gzip":
        orders = "orders.csv.gz"
        with gzip.open(tmp_path / orders, "wt") as fh:
            ORDERS.to_csv(fh, index=False)
    else:
        orders = "orders.parquet"
        ORDERS.to_parquet(tmp_path / orders)
    assert audit(tmp_path, orders=orders)["metrics"] == expected


def test_text_in_a_numeric_column_names_file_line_and_column(tmp_path: Path) -> None:
    UNITS.to_csv(tmp_path / "units.csv", index=False)
    bad = ORDERS.astype({"amount": object})
    bad.loc[3, "amount"] = "n/a-ish"
    bad.to_csv(tmp_path / "orders.csv", index=False)
    with pytest.raises(DataError) as info:
        audit(tmp_path)
    message = str(info.value)
    assert "orders.csv: line 5, column 'amount': 'n/a-ish' is not a number" in message


def test_missing_control_and_column(tmp_path: Path) -> None:
    UNITS.assign(arm=UNITS.arm.replace("a", "ctrl")).to_csv(tmp_path / "units.csv", index=False)
    ORDERS.to_csv(tmp_path / "orders.csv", index=False)
    with pytest.raises(DataError, match="control arm 'a' .* is not in column 'arm'"):
        audit(tmp_path)
    UNITS.rename(columns={"arm": "variant"}).to_csv(tmp_path / "units.csv", index=False)
    with pytest.raises(DataError, match="no column 'arm' \\(named by units.arm\\)"):
        audit(tmp_path)


def test_contaminated_and_duplicate_units_are_excluded_and_reported(tmp_path: Path) -> None:
    extra = pd.DataFrame({"id": [1, 2], "arm": ["b", "a"], "seen": ["2026-07-02"] * 2})
    pd.concat([UNITS, extra]).to_csv(tmp_path / "units.csv", index=False)
    ORDERS.to_csv(tmp_path / "orders.csv", index=False)
    result = audit(tmp_path)
    checks = {c["name"]: c for c in result["data_quality"]["checks"]}
    assert checks["units_in_multiple_arms"]["status"] == "fail"
    assert checks["units_in_multiple_arms"]["detail"].startswith("1 units")
    assert checks["duplicate_ids"]["detail"].startswith("1 repeated")
    # Unit 1 (in both arms) is gone; unit 2 is kept once.
    assert result["data_quality"]["units_per_arm"] == {"a": 3, "b": 4}
