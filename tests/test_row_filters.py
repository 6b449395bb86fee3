"""Row filters: `units.where` and `sources.<name>.where`, whitelisted by sqlglot, reported in
data quality and applied identically by the embedded engine and `personalroi sql`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from export_helpers import (
    audit,
    check,
    overall_means,
    runner,
    sql_stats,
    top_rows,
    write_config,
    write_csv,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from personalroi.cli import app

HEADER = ["user_id", "group", "landing_page", "country", "revenue"]
ROWS = [
    ["u1", "control", "old_page", "de", 10],
    ["u2", "control", "new_page", "de", 99],  # contradicts its group: excluded
    ["u3", "control", "old_page", "se", 4],
    ["u4", "treatment", "new_page", "de", 7],
    ["u5", "treatment", "old_page", "se", 88],  # contradicts its group: excluded
    ["u6", "treatment", "new_page", "se", 3],
]
WHERE = "(\"group\" = 'treatment') = (landing_page = 'new_page')"


def _config(folder: Path, where: str | None = WHERE, **extra: Any) -> Path:
    write_csv(folder / "units.csv", HEADER, ROWS)
    write_csv(
        folder / "orders.csv",
        ["user_id", "amount", "status"],
        [["u1", 5, "paid"], ["u1", 50, "refunded"], ["u4", 8, "paid"], ["u6", 2, "paid"]],
    )
    units: dict[str, Any] = {"path": "units.csv", "id": "user_id", "arm": "group"}
    if where is not None:
        units["where"] = where
    config = {
        "experiment": {"name": "filters", "control": "control"},
        "units": units,
        "sources": {"orders": {"path": "orders.csv", "id": "user_id", **extra}},
        "metrics": {
            "rev": {"type": "mean", "value": "units.revenue"},
            "spend": {"type": "mean", "value": "orders.amount"},
        },
    }
    return write_config(folder, config)


def test_units_where_excludes_rows_and_says_so(tmp_path: Path) -> None:
    config = _config(tmp_path)
    result = audit(config)
    row = top_rows(result)[("rev", "treatment")]
    assert (row["n_control"], row["n_treatment"]) == (2, 2)
    assert row["control_value"] == pytest.approx(7.0)
    assert row["treatment_value"] == pytest.approx(5.0)
    assert check(result, "rows_excluded_units") == {
        "name": "rows_excluded_units",
        "status": "warn",
        "detail": "2 of 6 rows excluded by units.where: "
        "(\"group\" = 'treatment') = (\"landing_page\" = 'new_page')",
    }
    assert overall_means(sql_stats(config), "rev", []) == pytest.approx(
        {"control": 7.0, "treatment": 5.0}
    )


def test_source_where_filters_events(tmp_path: Path) -> None:
    config = _config(tmp_path, where=None, where_="")
    text = config.read_text().replace("where_: ''", "where: status <> 'refunded'")
    config.write_text(text)
    result = audit(config)
    row = top_rows(result)[("spend", "treatment")]
    # u1 keeps its paid order only (5, not 55); units without orders count 0.
    assert row["control_value"] == pytest.approx(5 / 3)
    assert check(result, "rows_excluded_orders")["detail"].startswith("1 of 4 rows excluded")
    assert overall_means(sql_stats(config), "spend", []) == pytest.approx(
        {"control": 5 / 3, "treatment": 10 / 3}
    )


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("revenue > (SELECT 1)", "subqueries are not allowed in a row filter"),
        ("units.revenue > 1", "units.revenue: a table reference; name the file's columns only"),
        ("read_csv('/etc/passwd') IS NOT NULL", "`READ_CSV('/etc/passwd')` is not allowed"),
        ("revenue > 1; DROP TABLE units", "one expression only: ';' is not allowed"),
        ("revenue >", "not a SQL expression"),
        ("", "one boolean SQL expression, e.g. \"country = 'DE'\""),
    ],
)
def test_refused_filters_exit_2_naming_the_key(tmp_path: Path, where: str, message: str) -> None:
    config = _config(tmp_path, where=where)
    for command in ("audit", "validate", "sql"):
        result = runner.invoke(app, [command, "-c", str(config)])
        assert result.exit_code == 2, result.output
        assert "line 8: units.where: " + message in result.stderr, result.stderr


def test_unknown_column_in_a_filter(tmp_path: Path) -> None:
    config = _config(tmp_path, where="landing_pag = 'new_page'")
    result = runner.invoke(app, ["audit", "-c", str(config), "-q", "--no-history"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"personalroi: error: {tmp_path / 'units.csv'}: units.where reads column 'landing_pag', "
        'which the file does not have (did you mean "landing_page"?). Columns: user_id, group, '
        "landing_page, country, revenue.\n"
    )
    checked = runner.invoke(app, ["validate", "-c", str(config)])
    assert checked.exit_code == 2 and "line 8: units.where: " in checked.stderr


def test_a_filter_that_keeps_nothing(tmp_path: Path) -> None:
    config = _config(tmp_path, where="revenue > 1000")
    result = runner.invoke(app, ["audit", "-c", str(config), "-q", "--no-history"])
    assert result.exit_code == 2
    assert "units.where excludes every one of its 6 rows" in result.stderr or (
        "no data rows" in result.stderr
    )


def test_bad_values_are_located_on_file_lines(tmp_path: Path) -> None:
    config = _config(tmp_path, where="country = 'se'")
    rows = [list(r) for r in ROWS]
    rows[1][4] = "nan"  # excluded by the filter: not read
    rows[5][4] = "nan"  # kept: reported on its line of the file
    write_csv(tmp_path / "units.csv", HEADER, rows)
    result = runner.invoke(app, ["audit", "-c", str(config), "-q", "--no-history"])
    assert result.exit_code == 2
    assert f"{tmp_path / 'units.csv'}: line 7, column 'revenue': nan is not a finite" in (
        result.stderr
    )


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    revenue=st.lists(st.integers(0, 40), min_size=8, max_size=30),
    threshold=st.integers(0, 20),
)
def test_filtered_means_match_pandas(tmp_path: Path, revenue: list[int], threshold: int) -> None:
    """Property: the audit (and the SQL) see exactly the rows pandas' query keeps."""
    rows = [[f"u{i}", "ab"[i % 2], "x", "de", r] for i, r in enumerate(revenue)]
    frame = pd.DataFrame(rows, columns=HEADER)
    kept = frame[(frame.revenue >= threshold) | (frame.user_id == "u0") | (frame.user_id == "u1")]
    if kept.groupby("group").size().min() < 2:
        return
    write_csv(tmp_path / "units.csv", HEADER, rows)
    config = write_config(
        tmp_path,
        {
            "experiment": {"name": "p", "control": "a"},
            "units": {
                "path": "units.csv",
                "id": "user_id",
                "arm": "group",
                "where": f"revenue >= {threshold} OR user_id IN ('u0', 'u1')",
            },
            "metrics": {"rev": {"type": "mean", "value": "units.revenue"}},
        },
    )
    expected = kept.groupby("group")["revenue"].mean().to_dict()
    row = top_rows(audit(config))[("rev", "b")]
    assert row["control_value"] == pytest.approx(expected["a"])
    assert row["treatment_value"] == pytest.approx(expected["b"])
    assert overall_means(sql_stats(config), "rev", []) == pytest.approx(expected)
