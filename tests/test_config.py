"""Config loading: every problem located by file, line and key, with a "did you mean"."""

from __future__ import annotations

from pathlib import Path

import pytest

from personalroi.config import load_config
from personalroi.errors import ConfigError

MINIMAL = """\
experiment:
  name: test
  control: a
units:
  path: units.csv
  id: id
  arm: arm
metrics:
  revenue: {type: mean, value: units.revenue}
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "c.yaml"
    path.write_text(text)
    return path


def error_of(tmp_path: Path, text: str) -> str:
    with pytest.raises(ConfigError) as info:
        load_config(write(tmp_path, text))
    return str(info.value)


def test_minimal_config_resolves_paths_against_its_folder(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, MINIMAL))
    assert config.units.path == (tmp_path / "units.csv").resolve()
    assert config.experiment.correction == "holm"
    assert config.metrics["revenue"].agg == "sum"


def test_example_config_is_valid(example_config: Path) -> None:
    config = load_config(example_config)
    assert config.economics.revenue_metric in config.metrics


def test_unknown_key_has_line_and_did_you_mean(tmp_path: Path) -> None:
    message = error_of(tmp_path, MINIMAL.replace("  control: a", "  control: a\n  alpah: 0.1"))
    assert 'line 4: experiment.alpah: unknown key (did you mean "alpha"?)' in message


def test_unknown_metric_key_in_flow_mapping(tmp_path: Path) -> None:
    text = MINIMAL.replace("value: units.revenue", "value: units.revenue, wieght: 2")
    assert 'metrics.revenue.wieght: unknown key (did you mean "weight"?)' in error_of(
        tmp_path, text
    )


def test_bad_literal_and_missing_key(tmp_path: Path) -> None:
    text = MINIMAL.replace("type: mean", "type: meen").replace("  id: id\n", "")
    message = error_of(tmp_path, text)
    assert "2 problems" in message
    assert "line 4: units: missing required key(s) id" in message
    assert "'meen' is not one of" in message and 'did you mean "mean"' in message


def test_yaml_syntax_error_has_line(tmp_path: Path) -> None:
    message = error_of(tmp_path, MINIMAL.replace("  name: test", "  name: [test"))
    assert "YAML syntax error" in message and "c.yaml:" in message


def test_unsafe_yaml_tags_are_rejected(tmp_path: Path) -> None:
    message = error_of(tmp_path, "!!python/object/apply:os.system ['echo hacked']\n")
    assert "c.yaml:1: YAML tag !!python/object/apply:os.system is not allowed" in message


def test_cross_references_are_checked(tmp_path: Path) -> None:
    text = MINIMAL + "economics: {revenue_metric: revenu}\n"
    text = text.replace("value: units.revenue", "value: ordrs.amount")
    message = error_of(tmp_path, text)
    assert "unknown source 'ordrs'" in message
    assert "economics.revenue_metric: no metric 'revenu' (did you mean \"revenue\"?)" in message


def test_negative_costs_and_window_order(tmp_path: Path) -> None:
    text = MINIMAL.replace("  control: a", "  control: a\n  start: 2026-08-01\n  end: 2026-07-01")
    text += "costs:\n  - {name: x, category: technology, monthly: -5}\n"
    message = error_of(tmp_path, text)
    assert "costs[0].monthly" in message and "greater than or equal to 0" in message
    assert "start (2026-08-01) is after end (2026-07-01)" in message


def test_missing_and_directory_config(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="config file not found"):
        load_config(tmp_path / "nope.yaml")
    with pytest.raises(ConfigError, match="is a folder"):
        load_config(tmp_path)


def test_delta_relative_interval_is_refused_with_the_reason(tmp_path: Path) -> None:
    text = MINIMAL.replace("value: units.revenue}", "value: units.revenue, relative_ci: delta}")
    message = error_of(tmp_path, text)
    assert "line 9: metrics.revenue.relative_ci: relative_ci: delta is no longer offered" in message
    fieller = MINIMAL.replace(
        "value: units.revenue}", "value: units.revenue, relative_ci: fieller}"
    )
    assert load_config(write(tmp_path, fieller)).metrics["revenue"].relative_ci == "fieller"
