"""The by-hand path, section by section: every query `personalroi sql` prints, run by DuckDB
on the sample, saved as CSV and audited with units: {aggregated: {...}}, gives the local
audit's whole JSON (statistics to 1e-9, the clv section to 1e-6), the data-quality
checks included (their `checks` table), but for the provenance (it fingerprints other
files). On messy exports (repeated and cross-arm units, rows outside the window,
negative values, unmatched ids, a filtered source, repeated dimension rows, a heavy
tail) the by-hand checks are the local ones word for word."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
import pytest
import yaml
from engine_fixtures import (
    EXAMPLE,
    assert_close,
    by_hand_config,
    clv_config,
    sample_config,
    split_sections,
)
from typer.testing import CliRunner

from personalroi.audit.section_sql import SECTIONS
from personalroi.cli import app

runner = CliRunner()


def audit(config: dict[str, Any], folder: Path, name: str) -> dict[str, Any]:
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump(config))
    result = runner.invoke(
        app, ["audit", "-c", str(path), "--format", "json", "-q", "--no-history"]
    )
    assert result.exit_code in (0, 1), result.output
    out: dict[str, Any] = json.loads(result.stdout)
    return out


NOT_CARRIED = ("provenance",)


def assert_same_by_hand(local: dict[str, Any], by_hand: dict[str, Any]) -> None:
    """Every section the stats, clv and moments tables reproduce, compared in full."""
    assert len(local["metrics"]) == len(by_hand["metrics"]) > 50
    assert any(m["metric"] == "clv_forecast" for m in by_hand["metrics"])
    assert local["clv"]["arms"] and local["roi"]
    assert set(local) == set(by_hand)
    assert local["trend"]["by_exposure_week"] and local["governance"]["with_without"]
    for section in set(by_hand) - {"clv", *NOT_CARRIED}:
        assert_close(local[section], by_hand[section], section)
    assert_close(local["clv"], by_hand["clv"], "clv", rel=1e-6)
    names = [c["name"] for c in by_hand["data_quality"]["checks"]]
    assert "aggregated_input" not in names and "join_coverage_orders" in names


@pytest.fixture(scope="module")
def local_audit(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return audit(clv_config(), tmp_path_factory.mktemp("local"), "local")


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every section `personalroi sql` prints, run by DuckDB on the sample, saved as CSV."""
    folder = tmp_path_factory.mktemp("by_hand")
    result = runner.invoke(app, ["sql", "-c", str(EXAMPLE), "--dialect", "duckdb"])
    assert result.exit_code == 0, result.output
    sections = split_sections(result.stdout)
    assert list(sections) == [*SECTIONS]
    files = {}
    con = duckdb.connect()
    for name, query in sections.items():
        files[name] = folder / f"{name}.csv"
        con.execute(f"COPY ({query}) TO '{files[name]}' (HEADER)")
    return files


def test_every_printed_section_run_by_duckdb_gives_the_local_audit(
    saved: dict[str, Path], local_audit: dict[str, Any], tmp_path: Path
) -> None:
    assert_same_by_hand(local_audit, audit(by_hand_config(saved), tmp_path, "by_hand"))


def test_relative_section_files_resolve_against_the_config(
    saved: dict[str, Path], local_audit: dict[str, Any], tmp_path: Path
) -> None:
    for name, path in saved.items():
        (tmp_path / f"{name}.csv").write_bytes(path.read_bytes())
    config = by_hand_config({name: Path(f"{name}.csv") for name in saved})
    assert_same_by_hand(local_audit, audit(config, tmp_path, "relative"))


def with_sections(config: dict[str, Any], *names: str) -> dict[str, Any]:
    """`config` with the sample's `names` sections (engagement, attribution) added."""
    sample = sample_config()
    for name in names:
        config[name] = sample[name]
    return config


def test_the_engagement_section_by_hand_is_the_local_one(
    saved: dict[str, Path], tmp_path: Path
) -> None:
    local = audit(with_sections(clv_config(), "engagement"), tmp_path, "local_engagement")
    by_hand = audit(
        with_sections(by_hand_config(saved), "engagement"), tmp_path, "by_hand_engagement"
    )
    engagement = local["engagement"]
    assert engagement["time_on_site"]["segments"] and engagement["pages_windows"]["segments"]
    assert engagement["confusion"] and engagement["bounce"] and engagement["clicks_to_conversion"]
    assert_close(engagement, by_hand["engagement"], "engagement")
    # The whole audit too: the confusion check's findings reach the summary.
    assert_same_by_hand(local, by_hand)


def test_the_attribution_section_by_hand_is_the_local_one(
    saved: dict[str, Path], tmp_path: Path
) -> None:
    local = audit(with_sections(clv_config(), "attribution"), tmp_path, "local_attribution")
    by_hand = audit(with_sections(by_hand_config(saved), "attribution"), tmp_path, "by_hand_att")
    attribution = local["attribution"]
    # Both rule-model tests (with p-values) and Markov rows, and credit on personalized touches.
    assert {r["model"] for r in attribution["comparison"]} == set(attribution["models"])
    assert any(r["p_value"] is not None for r in attribution["comparison"])
    assert any(
        v > 0 for arm in attribution["by_arm"].values() for v in arm["personalized"].values()
    )
    assert_close(attribution, by_hand["attribution"], "attribution")
    assert_same_by_hand(local, by_hand)


def _refused(config: dict[str, Any], folder: Path) -> str:
    path = folder / "bad.yaml"
    path.write_text(yaml.safe_dump(config))
    result = runner.invoke(app, ["audit", "-c", str(path), "-q", "--no-history"])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return " ".join(result.stderr.split())


def test_a_configured_section_without_its_file_names_the_key(
    saved: dict[str, Path], tmp_path: Path
) -> None:
    message = _refused(by_hand_config({"stats": saved["stats"]}), tmp_path)
    assert "units.aggregated.clv: the CLV models need the buyers' purchase histories" in message


@pytest.mark.parametrize("section", ["clv", "engagement", "attribution", "checks"])
def test_a_missing_section_file_is_named_with_its_key(
    section: str, saved: dict[str, Path], tmp_path: Path
) -> None:
    gone = tmp_path / "gone.csv"
    config = with_sections(by_hand_config(saved | {section: gone}), "engagement", "attribution")
    message = _refused(config, tmp_path)
    assert f"{gone}: no such file (units.aggregated.{section})" in message


@pytest.mark.parametrize(
    ("section", "column"),
    [
        ("clv", "repeat_spend"),
        ("engagement", "idx"),
        ("attribution", "time_decay"),
        ("checks", "note"),
        ("checks", "value"),
    ],
)
def test_a_section_file_without_a_column_names_file_and_column(
    section: str, column: str, saved: dict[str, Path], tmp_path: Path
) -> None:
    cut = tmp_path / f"{section}_cut.csv"
    duckdb.connect().execute(
        f"COPY (SELECT * EXCLUDE ({column}) FROM '{saved[section]}') TO '{cut}' (HEADER)"
    )
    config = with_sections(by_hand_config(saved | {section: cut}), "engagement", "attribution")
    message = _refused(config, tmp_path)
    assert f"{cut}: no column '{column}' (named by units.aggregated.{section})" in message


def test_an_unknown_section_key_gets_a_hint(saved: dict[str, Path], tmp_path: Path) -> None:
    config = by_hand_config(saved)
    config["units"]["aggregated"]["cvl"] = config["units"]["aggregated"].pop("clv")
    message = _refused(config, tmp_path)
    assert 'units.aggregated.cvl: unknown key (did you mean "clv"?)' in message


def test_one_section_alone_is_the_same_statement() -> None:
    full = runner.invoke(app, ["sql", "-c", str(EXAMPLE), "-d", "postgres"]).stdout
    alone = runner.invoke(app, ["sql", "-c", str(EXAMPLE), "-d", "postgres", "-s", "clv"])
    assert alone.exit_code == 0, alone.output
    assert alone.stdout.startswith("-- section: clv  (save as clv.csv; units.aggregated.clv)")
    assert split_sections("\n" + alone.stdout)["clv"] == split_sections(full)["clv"]


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ("engagement", "engagement insights need the session sums"),
        ("attribution", "attribution needs each arm's journeys"),
    ],
)
def test_a_section_without_its_file_names_the_key(
    section: str, message: str, saved: dict[str, Path], tmp_path: Path
) -> None:
    files = {k: v for k, v in saved.items() if k != section}
    refused = _refused(with_sections(by_hand_config(files), section), tmp_path)
    assert f"units.aggregated.{section}: {message}" in refused


def test_a_section_file_with_text_for_numbers_names_file_column_and_key(
    saved: dict[str, Path], tmp_path: Path
) -> None:
    bad = tmp_path / "attribution_text.csv"
    con = duckdb.connect()
    arms = con.execute(f"SELECT COUNT(*) FROM '{saved['attribution']}' WHERE kind = 'arm'")
    (count,) = arms.fetchone() or (0,)
    con.execute(
        f"COPY (SELECT * REPLACE (CASE WHEN kind = 'arm' THEN 'many' END AS n_units) "
        f"FROM '{saved['attribution']}') TO '{bad}' (HEADER)"
    )
    config = with_sections(by_hand_config(saved | {"attribution": bad}), "attribution")
    message = _refused(config, tmp_path)
    assert count == 3
    assert (
        f"{bad}: column 'n_units' (units.aggregated.attribution) holds {count} values "
        "that are not numbers" in message
    )
