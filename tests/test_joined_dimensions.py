"""Joined dimensions: `units.dimensions: [countries.country]` reads a segment from a source
keyed by unit id, one row per unit (resolved like the units file), in audit and sql alike."""

from __future__ import annotations

from pathlib import Path

import pytest
from export_helpers import audit, check, runner, sql_stats, write_config, write_csv

from personalroi.cli import app

UNITS = [
    ["u1", "control", 10],
    ["u2", "control", 0],
    ["u3", "control", 5],
    ["u7", "control", 2],
    ["u4", "treatment", 7],
    ["u5", "treatment", 9],
    ["u6", "treatment", 3],
]
COUNTRIES = [
    ["u1", "de", "2026-07-01"],
    ["u1", "se", "2026-06-01"],  # earlier: kept under first
    ["u2", "se", "2026-07-01"],
    ["u3", "de", "2026-07-01"],
    ["u4", "de", "2026-07-01"],
    ["u5", "se", "2026-07-01"],
    ["u6", "se", "2026-07-01"],
]


def _config(folder: Path, duplicates: str = "first", column: str = "country") -> Path:
    write_csv(folder / "units.csv", ["user_id", "group", "revenue"], UNITS)
    write_csv(folder / "countries.csv", ["uid", "country", "seen"], COUNTRIES)
    return write_config(
        folder,
        {
            "experiment": {"name": "joined", "control": "control"},
            "units": {
                "path": "units.csv",
                "id": "user_id",
                "arm": "group",
                "dimensions": [f"countries.{column}"],
                "duplicates": duplicates,
            },
            "sources": {"countries": {"path": "countries.csv", "id": "uid", "timestamp": "seen"}},
            "metrics": {"rev": {"type": "mean", "value": "units.revenue"}},
        },
    )


def _levels(result: dict) -> dict[str, tuple[int, int, float, float]]:
    return {
        m["level"]: (m["n_control"], m["n_treatment"], m["control_value"], m["treatment_value"])
        for m in result["metrics"]
        if m["dimension"] == "countries.country"
    }


@pytest.mark.parametrize(
    ("duplicates", "expected"),
    [
        ("first", {"se": (2, 2, 5.0, 6.0), "de": (1, 1, 5.0, 7.0)}),
        ("last", {"se": (1, 2, 0.0, 6.0), "de": (2, 1, 7.5, 7.0)}),
    ],
)
def test_levels_come_from_the_source(tmp_path: Path, duplicates: str, expected: dict) -> None:
    config = _config(tmp_path, duplicates)
    result = audit(config)
    assert _levels(result) == {k: pytest.approx(v) for k, v in expected.items()}
    # The warehouse query groups by the same levels; u7 has no row there: (missing).
    stats = {
        (r["arm"], r["countries.country"]): (r["rev__n"], r["rev__sum"])
        for r in sql_stats(config)
        if r["countries.country"] is not None
    }
    assert stats[("control", "(missing)")] == (1, 2.0)
    for level, (n_c, n_t, mean_c, mean_t) in expected.items():
        assert stats[("control", level)] == (n_c, pytest.approx(n_c * mean_c))
        assert stats[("treatment", level)] == (n_t, pytest.approx(n_t * mean_t))


def test_repeated_source_rows_are_checked(tmp_path: Path) -> None:
    found = check(audit(_config(tmp_path)), "dimension_rows_countries")
    assert found == {
        "name": "dimension_rows_countries",
        "status": "warn",
        "detail": "1 unit(s) with more than one row in countries, the earliest by seen kept "
        "(units.duplicates); 1 of them disagree in country",
    }


def test_error_policy_refuses_repeated_source_rows(tmp_path: Path) -> None:
    result = runner.invoke(app, ["audit", "-c", str(_config(tmp_path, "error")), "-q"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"personalroi: error: {tmp_path / 'countries.csv'}: 1 unit(s) with more than one row, "
        "and units.dimensions reads country from it with units.duplicates: error. Keep one "
        "row per unit, or set units.duplicates: first or last.\n"
    )


def test_unknown_joined_column_is_located(tmp_path: Path) -> None:
    config = _config(tmp_path, column="contry")
    result = runner.invoke(app, ["validate", "-c", str(config)])
    assert result.exit_code == 2
    assert (
        f"line 9: units.dimensions[0]: {tmp_path / 'countries.csv'}: no column 'contry' "
        '(named by units.dimensions) (did you mean "country"?)'
    ) in result.stderr
    audited = runner.invoke(app, ["audit", "-c", str(config), "-q", "--no-history"])
    assert audited.exit_code == 2 and "no column 'contry'" in audited.stderr
