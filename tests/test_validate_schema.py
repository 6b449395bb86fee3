"""`validate` reports every config and data problem at once; `schema` publishes the schema."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import yaml
from typer.testing import CliRunner

from personalroi.cli import app
from personalroi.config import load_config
from personalroi.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


def sample_copy(tmp_path: Path) -> Path:
    """The bundled sample, copied so a test may break it."""
    shutil.copytree(ROOT / "sample_data", tmp_path / "sample_data")
    (tmp_path / "configs").mkdir()
    config = tmp_path / "configs" / "example.yaml"
    shutil.copy(ROOT / "configs" / "example.yaml", config)
    return config


def test_validate_ok_on_the_sample() -> None:
    res = runner.invoke(app, ["validate", "-c", str(ROOT / "configs" / "example.yaml")])
    assert res.exit_code == 0, res.output
    assert res.stderr.endswith("ok: config and 5 data file(s) checked; 8 metrics, 4 sources.\n")


def test_validate_lists_every_config_problem(tmp_path: Path) -> None:
    config = sample_copy(tmp_path)
    text = config.read_text()
    text = text.replace("alpha: 0.05", "alpah: 0.05").replace(
        "correction: holm", "correction: bonf"
    )
    text = text.replace("horizon_months: 12", "horizon_months: -1")
    config.write_text(text)
    res = runner.invoke(app, ["validate", "-c", str(config)])
    assert res.exit_code == 2
    lines = res.stderr.splitlines()
    assert lines[0] == f"personalroi: error: {config}: 3 problems in the config:"
    assert sorted(lines[1:4]) == [
        "  line 11: experiment.correction: 'bonf' is not one of 'none', 'holm' or 'bh'",
        '  line 5: experiment.alpah: unknown key (did you mean "alpha"?)',
        "  line 81: economics.horizon_months: Input should be greater than 0 (got -1)",
    ]
    assert lines[4] == "  (the data is checked once the config is valid)"


def test_validate_lists_every_data_problem(tmp_path: Path) -> None:
    config = sample_copy(tmp_path)
    text = config.read_text()
    text = text.replace("arm: variant", "arm: varient").replace(
        "dimensions: [segment,", "dimensions: [segmnt,"
    )
    text = text.replace("  segment: segment\n", "  segment: segmnt\n")  # engagement follows
    text = text.replace("value: sessions.pages", "value: sessions.pagez")
    config.write_text(text)
    (tmp_path / "sample_data" / "nps.csv").unlink()
    res = runner.invoke(app, ["validate", "-c", str(config)])
    assert res.exit_code == 2, res.output
    data = tmp_path / "sample_data"
    lines = res.stderr.splitlines()
    assert lines[0] == f"personalroi: error: {config}: 4 problems in the config and its data:"
    assert lines[1] == (
        f"  line 24: sources.survey.path: {data / 'nps.csv'}: file not found. "
        "Check the path in the config."
    )
    assert lines[2].startswith(
        f"  line 16: units.arm: {data / 'visitors.csv'}: no column 'varient' (named by units.arm)"
        ' (did you mean "variant"?)'
    )
    assert lines[3].startswith("  line 17: units.dimensions[0]: ")
    assert "no column 'segmnt'" in lines[3]
    assert lines[4].startswith("  line 32: metrics.pages_per_visitor.value: ")
    assert "no column 'pagez'" in lines[4]


def test_validate_reports_unknown_arm(tmp_path: Path) -> None:
    config = sample_copy(tmp_path)
    config.write_text(config.read_text().replace("generic", "generik"))
    res = runner.invoke(app, ["validate", "-c", str(config)])
    assert res.exit_code == 2
    assert "experiment.control: " in res.stderr and '(did you mean "generic"?)' in res.stderr


def test_validate_no_data_skips_files(tmp_path: Path) -> None:
    config = sample_copy(tmp_path)
    shutil.rmtree(tmp_path / "sample_data")
    assert runner.invoke(app, ["validate", "-c", str(config)]).exit_code == 2
    res = runner.invoke(app, ["validate", "-c", str(config), "--no-data"])
    assert res.exit_code == 0
    assert "ok: config checked" in res.stderr


def test_load_config_still_raises_on_the_first_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "c.yaml"
    bad.write_text(
        "experiment: {name: x, control: a}\nunits: {path: u.csv, id: i, arm: a}\n"
        "metrics: {}\nextra: 1\n"
    )
    try:
        load_config(bad)
    except ConfigError as exc:
        assert str(
            exc
        ) == f"{bad}: 1 problem in the config:\n  line 4: extra: unknown key; allowed: " + (
            "arms, attribution, calendar, clv, costs, economics, engagement, engine, experiment, "
            "governance, metrics, savings, scorecard, sources, units"
        )
    else:  # pragma: no cover
        raise AssertionError("expected ConfigError")


def _plain(node: Any) -> Any:
    """YAML dates as the ISO strings an editor's YAML server sees."""
    if isinstance(node, dict):
        return {k: _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return node.isoformat() if isinstance(node, dt.date) else node


def test_schema_accepts_the_example_and_rejects_typos(tmp_path: Path) -> None:
    out = tmp_path / "schema.json"
    res = runner.invoke(app, ["schema", "-o", str(out)])
    assert res.exit_code == 0
    schema = json.loads(out.read_text())
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(schema["required"]) == {"experiment", "units", "metrics"}
    validator = jsonschema.Draft202012Validator(schema)
    example = _plain(yaml.safe_load((ROOT / "configs" / "example.yaml").read_text()))
    assert list(validator.iter_errors(example)) == []
    example["metrics"]["nps"]["wieght"] = 1
    example["experiment"]["correction"] = "bonferroni"
    errors = sorted(e.message for e in validator.iter_errors(example))
    assert len(errors) == 2
    assert "Additional properties are not allowed ('wieght' was unexpected)" in errors
