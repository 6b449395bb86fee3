"""units.duplicates: one whole row per unit (first | last | error), said in the check and
applied identically by `personalroi sql`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from export_helpers import audit, check, overall_means, sql_stats, top_rows, write_config, write_csv
from export_helpers import runner as cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from personalroi.cli import app

HEADER = ["user_id", "group", "seg", "converted", "revenue", "ts"]
ROWS = [
    ["u1", "control", "a", 1, 10, "2026-07-01 10:00:00"],
    ["u1", "control", "b", 0, 0, "2026-07-02 10:00:00"],
    ["u2", "control", "a", 0, 0, "2026-07-01 11:00:00"],
    ["u3", "control", "b", 1, 5, "2026-07-01 12:00:00"],
    ["u7", "control", "b", 1, 2, "2026-07-01 10:00:00"],
    ["u4", "treatment", "a", 1, 7, "2026-07-01 10:00:00"],
    ["u5", "treatment", "b", 0, 0, "2026-07-01 10:00:00"],
    ["u5", "treatment", "a", 1, 9, "2026-07-01 09:00:00"],
    ["u6", "treatment", "a", 1, 3, "2026-07-01 10:00:00"],
]


def _config(tmp_path: Path, **units: Any) -> Path:
    write_csv(tmp_path / "units.csv", HEADER, ROWS)
    config = {
        "experiment": {"name": "dups", "control": "control"},
        "units": {"path": "units.csv", "id": "user_id", "arm": "group", "dimensions": ["seg"]}
        | units,
        "metrics": {
            "conv": {"type": "binary", "value": "units.converted"},
            "rev": {"type": "mean", "value": "units.revenue"},
        },
    }
    return write_config(tmp_path, config)


@pytest.mark.parametrize(
    ("units", "control", "treatment"),
    [
        # earliest by ts: u1 keeps its 10.0 row, u5 its 09:00 row (9.0), second in the file
        ({"timestamp": "ts"}, (0.75, 17 / 4), (1.0, 19 / 3)),
        ({"timestamp": "ts", "duplicates": "first"}, (0.75, 17 / 4), (1.0, 19 / 3)),
        # latest by ts: u1's 0 row; u5's 10:00 row, first in the file
        ({"timestamp": "ts", "duplicates": "last"}, (0.5, 7 / 4), (2 / 3, 10 / 3)),
        # no timestamp: file order
        ({}, (0.75, 17 / 4), (2 / 3, 10 / 3)),
        ({"duplicates": "last"}, (0.5, 7 / 4), (1.0, 19 / 3)),
    ],
)
def test_one_whole_row_per_unit(
    tmp_path: Path, units: dict[str, Any], control: tuple, treatment: tuple
) -> None:
    config = _config(tmp_path, **units)
    rows = top_rows(audit(config))
    for metric, i in (("conv", 0), ("rev", 1)):
        row = rows[(metric, "treatment")]
        assert row["control_value"] == pytest.approx(control[i])
        assert row["treatment_value"] == pytest.approx(treatment[i])
    # The warehouse query keeps the same rows.
    stats = sql_stats(config)
    assert overall_means(stats, "rev", ["seg"]) == pytest.approx(
        {"control": control[1], "treatment": treatment[1]}
    )


def test_segment_and_outcome_come_from_the_same_row(tmp_path: Path) -> None:
    rows = audit(_config(tmp_path, timestamp="ts"))["metrics"]
    # u1's kept row is segment a with 10.0; its segment-b row (0.0) is dropped whole.
    a = next(m for m in rows if m["metric"] == "rev" and m["level"] == "a")
    assert a["n_control"] == 2 and a["control_value"] == pytest.approx(5.0)


def test_check_says_policy_rows_and_disagreement(tmp_path: Path) -> None:
    found = check(audit(_config(tmp_path, timestamp="ts")), "duplicate_ids")
    assert found == {
        "name": "duplicate_ids",
        "status": "warn",
        "detail": "2 repeated unit rows of 2 units dropped, one whole row kept per unit; "
        "units.duplicates: first (the earliest row by ts, then file order). 2 of the 2 units' "
        "rows disagree in a metric or dimension column (seg, converted, revenue)",
    }


def test_error_policy_names_the_repeated_line(tmp_path: Path) -> None:
    config = _config(tmp_path, duplicates="error")
    result = cli.invoke(app, ["audit", "-c", str(config), "-q", "--no-history"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"personalroi: error: {tmp_path / 'units.csv'}: line 3: unit 'u1' (column 'user_id') "
        "in arm 'control' repeats line 2, and units.duplicates is error. Remove the repeated "
        "rows, or set units.duplicates: first or last to keep one whole row per unit.\n"
    )


def test_validate_applies_the_error_policy(tmp_path: Path) -> None:
    config = _config(tmp_path, duplicates="error")
    result = cli.invoke(app, ["validate", "-c", str(config)])
    assert result.exit_code == 2
    assert "units.duplicates: " in result.stderr
    assert "line 3: unit 'u1' (column 'user_id') in arm 'control' repeats line 2" in result.stderr
    assert cli.invoke(app, ["validate", "-c", str(_config(tmp_path))]).exit_code == 0


def test_sql_header_states_the_policy(tmp_path: Path) -> None:
    result = cli.invoke(app, ["sql", "-c", str(_config(tmp_path))])
    assert "-- Repeated unit rows: units.duplicates: first (the earliest row in file order)." in (
        result.stdout
    )


@st.composite
def _exports(draw: st.DrawFn) -> list[list[Any]]:
    n = draw(st.integers(4, 14))
    rows = []
    for i in range(n):
        arm = "control" if i % 2 == 0 else "treatment"
        for _ in range(draw(st.integers(1, 3))):
            day = draw(st.integers(1, 3))
            rows.append(
                [
                    f"u{i}",
                    arm,
                    "x",
                    draw(st.integers(0, 1)),
                    draw(st.integers(0, 50)),
                    f"2026-07-0{day} 00:00:00",
                ]
            )
    return draw(st.permutations(rows))


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=_exports(), policy=st.sampled_from(["first", "last"]), timed=st.booleans())
def test_kept_rows_match_a_pandas_reference(
    tmp_path: Path, rows: list[list[Any]], policy: str, timed: bool
) -> None:
    """The audit's arm means are those of the rows pandas keeps under the same policy."""
    write_csv(tmp_path / "units.csv", HEADER, rows)
    units = {"path": "units.csv", "id": "user_id", "arm": "group", "duplicates": policy}
    if timed:
        units["timestamp"] = "ts"
    config = write_config(
        tmp_path,
        {
            "experiment": {"name": "p", "control": "control"},
            "units": units,
            "metrics": {"rev": {"type": "mean", "value": "units.revenue"}},
        },
    )
    frame = pd.DataFrame(rows, columns=HEADER).reset_index()
    keys = (["ts"] if timed else []) + ["index"]
    ordered = frame.sort_values(keys, kind="stable")
    kept = (
        ordered.groupby("user_id").head(1)
        if policy == "first"
        else ordered.groupby("user_id").tail(1)
    )
    expected = kept.groupby("group")["revenue"].mean()
    row = top_rows(audit(config))[("rev", "treatment")]
    assert row["control_value"] == pytest.approx(expected["control"])
    assert row["treatment_value"] == pytest.approx(expected["treatment"])
    assert overall_means(sql_stats(config), "rev", []) == pytest.approx(expected.to_dict())


@pytest.mark.parametrize("policy", ["first", "last"])
def test_a_unit_with_one_row_in_the_window_keeps_that_row(tmp_path: Path, policy: str) -> None:
    """Repeats outside the window leave one row to keep: the index needs no ranking there
    (data/scan.py builds it without), and the row kept is the one in the window whatever
    the policy, as when it ranks."""
    outside = [
        ["u1", "control", "b", 0, 0, "2026-06-01 10:00:00"],
        ["u4", "treatment", "b", 0, 0, "2026-09-05 10:00:00"],
        ["u6", "treatment", "b", 0, 0, ""],
    ]
    inside = [r for r in ROWS if r[0] not in ("u1", "u5")]
    write_csv(tmp_path / "units.csv", HEADER, [*outside, *inside])
    config = write_config(
        tmp_path,
        {
            "experiment": {
                "name": "w",
                "control": "control",
                "start": "2026-07-01",
                "end": "2026-07-31",
            },
            "units": {"path": "units.csv", "id": "user_id", "arm": "group", "timestamp": "ts"}
            | {"dimensions": ["seg"], "duplicates": policy},
            "metrics": {"rev": {"type": "mean", "value": "units.revenue"}},
        },
    )
    result = audit(config)
    row = top_rows(result)[("rev", "treatment")]
    # u2 0, u3 5, u7 2 (u1 only outside) against u4 7, u6 3: their rows outside (b, 0) go.
    assert row["control_value"] == pytest.approx(7 / 3)
    assert row["treatment_value"] == pytest.approx(5.0)
    # Segment from the same row: u4 and u6 stay in segment a.
    a = next(m for m in result["metrics"] if m["metric"] == "rev" and m["level"] == "a")
    assert (a["n_control"], a["n_treatment"]) == (1, 2)
    assert "2 repeated unit rows of 0 units dropped" in check(result, "duplicate_ids")["detail"]
