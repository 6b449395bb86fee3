"""One reader: `init` writes a config that `validate` accepts and `audit` runs on the file it
read, and `validate` and `audit` parse the data alike (booleans as 1/0)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from export_helpers import runner

from personalroi.cli import app

TRUTHY = {"TRUE", "true", "yes", "t", "1", "Yes", "T"}


def _shape(name: str, n: int = 400, seed: int = 3) -> tuple[str, list[str], list[list[str]]]:
    """(delimiter, header, rows) of one export shape."""
    rng = random.Random(seed)
    arms = ["control", "personalized"]
    if name == "booleans":
        header = ["user_id", "group", "converted", "clicked", "flag", "revenue"]
        rows = [
            [
                f"{i}",
                arms[i % 2],
                rng.choice(["TRUE", "FALSE"]),
                rng.choice(["yes", "no"]),
                rng.choice(["t", "f"]),
                f"{rng.random() * 20:.2f}",
            ]
            for i in range(n)
        ]
        return ",", header, rows
    if name == "semicolon_decimal_comma":
        header = ["visitor", "variant", "segment", "revenue", "converted"]
        rows = [
            [
                f"v{i}",
                arms[i % 2],
                rng.choice(["new", "returning"]),
                f"{rng.random() * 50:.2f}".replace(".", ","),
                str(rng.randint(0, 1)),
            ]
            for i in range(n)
        ]
        return ";", header, rows
    if name == "text_ids_no_timestamp":
        header = ["customer_id", "bucket", "orders", "basket_value"]
        rows = [
            [
                f"cust-{rng.getrandbits(40):x}",
                arms[i % 2],
                str(rng.randint(0, 4)),
                f"{rng.random() * 90:.2f}",
            ]
            for i in range(n)
        ]
        return ",", header, rows
    if name == "timestamp_and_segment":
        header = ["user_id", "arm", "first_seen", "device", "Revenue", "revenue"]
        rows = [
            [
                f"u{i}",
                arms[i % 2],
                f"2026-07-{rng.randint(1, 28):02d} 10:00:00",
                rng.choice(["web", "app"]),
                f"{rng.random() * 9:.2f}",
                f"{rng.random() * 9:.2f}",
            ]
            for i in range(n)
        ]
        return ",", header, rows
    raise AssertionError(name)


def _write(folder: Path, shape: str) -> Path:
    delimiter, header, rows = _shape(shape)
    path = folder / "export.csv"
    path.write_text("\n".join(delimiter.join(r) for r in [header, *rows]) + "\n")
    return path


@pytest.mark.parametrize(
    "shape",
    ["booleans", "semicolon_decimal_comma", "text_ids_no_timestamp", "timestamp_and_segment"],
)
def test_init_validate_audit_agree(tmp_path: Path, shape: str) -> None:
    data = _write(tmp_path, shape)
    config = tmp_path / "personalroi.yaml"
    made = runner.invoke(app, ["init", str(data), "-o", str(config), "-q"])
    assert made.exit_code == 0, made.output
    checked = runner.invoke(app, ["validate", "-c", str(config)])
    assert checked.exit_code == 0, checked.stderr
    audited = runner.invoke(app, ["audit", "-c", str(config), "-f", "json", "-q", "--no-history"])
    assert audited.exit_code in (0, 1), audited.stderr
    metrics = json.loads(audited.stdout)["metrics"]
    assert metrics and all(m["code"] == "ok" for m in metrics if m["dimension"] is None)


def test_booleans_are_one_and_zero_in_validate_and_audit(tmp_path: Path) -> None:
    data = _write(tmp_path, "booleans")
    config = tmp_path / "c.yaml"
    assert runner.invoke(app, ["init", str(data), "-o", str(config), "-q"]).exit_code == 0
    assert runner.invoke(app, ["validate", "-c", str(config)]).exit_code == 0
    out = runner.invoke(app, ["audit", "-c", str(config), "-f", "json", "-q", "--no-history"])
    rows = {m["metric"]: m for m in json.loads(out.stdout)["metrics"] if m["dimension"] is None}
    _, header, values = _shape("booleans")
    for column in ("converted", "clicked", "flag"):
        at = header.index(column)
        control = [r[at] in TRUTHY for r in values if r[1] == "control"]
        assert rows[column]["type"] == "binary"
        assert rows[column]["control_value"] == pytest.approx(sum(control) / len(control))


def test_init_without_an_outcome_column_exits_2(tmp_path: Path) -> None:
    data = tmp_path / "export.csv"
    data.write_text(
        "user_id,group,country\n" + "".join(f"u{i},{'AB'[i % 2]},de\n" for i in range(9))
    )
    config = tmp_path / "c.yaml"
    result = runner.invoke(app, ["init", str(data), "-o", str(config)])
    assert result.exit_code == 2 and not config.exists()
    assert result.stderr == (
        f"personalroi: error: {data}: no column holds numbers or 0/1 values, so there is no "
        "outcome to compare between the arms. Export an outcome per unit (e.g. converted, "
        "revenue) and run init again, or write the config by hand with the event files "
        "under sources (README, config walk-through).\n"
    )


@pytest.mark.parametrize("command", ["validate", "audit", "sql"])
def test_zero_metrics_is_a_config_error_everywhere(tmp_path: Path, command: str) -> None:
    (tmp_path / "u.csv").write_text("id,arm\n1,a\n2,b\n")
    config = tmp_path / "c.yaml"
    config.write_text(
        "experiment: {name: x, control: a}\nunits: {path: u.csv, id: id, arm: arm}\nmetrics: {}\n"
    )
    result = runner.invoke(app, [command, "-c", str(config)])
    assert result.exit_code == 2
    assert "line 3: metrics: no metrics: an audit compares at least one outcome" in result.stderr


def test_an_empty_metric_name_is_named_in_the_config(tmp_path: Path) -> None:
    (tmp_path / "u.csv").write_text("id,arm,r\n1,a,1\n2,b,2\n")
    config = tmp_path / "c.yaml"
    config.write_text(
        "experiment: {name: x, control: a}\nunits: {path: u.csv, id: id, arm: arm}\n"
        "metrics:\n  '': {type: mean, value: units.r}\n"
    )
    result = runner.invoke(app, ["validate", "-c", str(config)])
    assert result.exit_code == 2
    assert "line 4: metrics.: a metric needs a name (the key is empty)" in result.stderr
