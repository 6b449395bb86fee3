"""`personalroi report`: a saved result renders like a live run; bad files exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from personalroi.cli import app
from personalroi.report.formats import Format

FIXTURE = Path(__file__).parent / "data" / "result_full.json"
runner = CliRunner()


@pytest.mark.parametrize("fmt", [f for f in Format if f is not Format.html])
def test_report_renders_saved_result(fmt: Format) -> None:
    res = runner.invoke(app, ["report", str(FIXTURE), "--format", fmt.value])
    assert res.exit_code == 0, res.output
    assert res.stdout.strip()


def test_report_writes_html_atomically(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    res = runner.invoke(app, ["report", str(FIXTURE), "-f", "html", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert out.read_text().startswith("<!doctype html>")
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_report_reads_stdin() -> None:
    res = runner.invoke(app, ["report", "-", "-f", "markdown"], input=FIXTURE.read_text())
    assert res.exit_code == 0
    assert "### Scorecard 64/100, pass mark 70: FAIL" in res.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"schema_version": ', "line 1 column 20: not valid JSON"),
        ("[1, 2]", "expected a JSON object written by `personalroi audit`"),
        ('{"schema_version": 2}', "schema_version is 2; this personalroi reads schema_version 1"),
        ('{"schema_version": 1}', "missing key(s) experiment, data_quality, metrics"),
    ],
)
def test_report_bad_result_exits_2(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "r.json"
    path.write_text(content)
    res = runner.invoke(app, ["report", str(path)])
    assert res.exit_code == 2
    assert res.stderr.startswith(f"personalroi: error: {path}: {message}")
    assert res.stderr.count("\n") == 1  # one paragraph
    assert "Traceback" not in res.output


def test_report_missing_file_exits_2(tmp_path: Path) -> None:
    res = runner.invoke(app, ["report", str(tmp_path / "nope.json")])
    assert res.exit_code == 2
    assert res.stderr == f"personalroi: error: {tmp_path / 'nope.json'}: file not found.\n"
