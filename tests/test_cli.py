"""The command line: exit codes, stdout/stderr discipline, atomic output, help and docs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from personalroi.cli import app

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


def commands() -> list[str]:
    group = typer.main.get_command(app)
    return sorted(group.commands)  # type: ignore[attr-defined]


def test_audit_without_arguments_audits_the_bundled_sample() -> None:
    run = runner.invoke(app, ["audit", "--no-color"])
    assert run.exit_code == 0, run.output
    assert "Homepage personalization Q3" in run.stdout
    assert "auditing the bundled sample" in run.stderr


def test_json_on_stdout_and_notes_on_stderr() -> None:
    run = runner.invoke(app, ["audit", "--format", "json"])
    assert run.exit_code == 0
    json.loads(run.stdout)  # nothing but JSON on stdout
    assert "bundled sample" in run.stderr


def test_output_is_written_atomically_and_kept_on_failure(tmp_path: Path) -> None:
    out = tmp_path / "result.json"
    assert runner.invoke(app, ["audit", "-f", "json", "-o", str(out)]).exit_code == 0
    saved = out.read_text()
    assert json.loads(saved)["schema_version"] == 1
    bad = tmp_path / "bad.yaml"
    bad.write_text("experiment: [")
    run = runner.invoke(app, ["audit", "-c", str(bad), "-f", "json", "-o", str(out)])
    assert run.exit_code == 2
    assert out.read_text() == saved
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_bad_config_exits_2_with_one_located_message(tmp_path: Path) -> None:
    run = runner.invoke(app, ["audit", "-c", str(tmp_path / "missing.yaml")])
    assert run.exit_code == 2
    assert run.stderr.startswith("personalroi: error: ")
    assert "missing.yaml: config file not found" in run.stderr
    assert "Traceback" not in run.output


def test_fail_under_gate_exits_1() -> None:
    run = runner.invoke(app, ["audit", "-f", "json", "--fail-under", "101"])
    assert run.exit_code == 1
    assert "gate failed" in run.stderr


def test_sample_writes_a_runnable_experiment(tmp_path: Path) -> None:
    run = runner.invoke(app, ["sample", "--out", str(tmp_path), "--units", "3000", "--seed", "2"])
    assert run.exit_code == 0, run.output
    assert "extreme: conversion_rate +0.12" in run.stdout
    audit = runner.invoke(app, ["audit", "-c", str(tmp_path / "personalroi.yaml"), "-f", "json"])
    assert audit.exit_code in (0, 1), audit.output


def test_bundled_example_is_what_the_generator_writes() -> None:
    from personalroi.data.sample import config_yaml

    assert (ROOT / "configs" / "example.yaml").read_text() == config_yaml("../sample_data/", 20000)


@pytest.mark.parametrize("command", commands())
def test_every_command_has_help_with_an_example_and_is_in_the_readme(command: str) -> None:
    run = runner.invoke(app, [command, "--help"])
    assert run.exit_code == 0
    assert "Example:" in run.stdout
    assert f"personalroi {command}" in (ROOT / "README.md").read_text()
