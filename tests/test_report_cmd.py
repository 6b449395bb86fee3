"""`personalroi report`: a saved result renders like a live run; bad files exit 2."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

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


def _spoiled(node: object, bad: object) -> object:
    """`node` with every stored phrase ({"key", "params"}) replaced by `bad`."""
    if isinstance(node, dict):
        if set(node) == {"key", "params"}:
            return bad
        return {k: _spoiled(v, bad) for k, v in node.items()}
    if isinstance(node, list):
        return [_spoiled(v, bad) for v in node]
    return node


@pytest.fixture(scope="module")
def saved_result(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("saved") / "result.json"
    res = runner.invoke(app, ["audit", "--no-history", "-q", "-f", "json", "-o", str(out)])
    assert out.is_file(), res.output
    return json.loads(out.read_text())


@pytest.mark.parametrize("bad", [5, "text", [1, 2], {"key": 7, "params": [1]}])
@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_a_hand_edited_phrase_reads_as_its_stored_text(
    saved_result: dict, tmp_path: Path, bad: object, fmt: str
) -> None:
    # A saved result is a file users can edit: a phrase that is not one must not crash
    # the report; the stored English text stands in for it.
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(_spoiled(saved_result, bad)))
    out = tmp_path / f"report.{fmt}"
    res = runner.invoke(app, ["report", str(path), "-f", fmt, "--lang", "de", "-o", str(out)])
    assert res.exit_code == 0, res.output
    warned = [c for c in saved_result["data_quality"]["checks"] if c["status"] == "warn"]
    assert warned and all(c["detail"] in out.read_text() for c in warned)


@pytest.mark.parametrize("fmt", ["table", "markdown", "html", "csv", "json"])
@pytest.mark.parametrize(
    ("spoil", "bad", "problem"),
    [
        (
            lambda r: r["experiment"]["treatments"],
            {},
            "experiment.treatments[0]: input should be a valid string (found {})",
        ),
        (
            lambda r: r["data_quality"]["srm"]["observed"],
            [],
            "data_quality.srm.observed.generic: input should be a valid integer (found [])",
        ),
        (
            lambda r: r["metrics"][0],
            "x",
            "metrics[0].n_control: input should be a valid integer (found 'x')",
        ),
    ],
)
def test_a_value_of_the_wrong_type_exits_2_naming_the_file_and_key(
    saved_result: dict, tmp_path: Path, fmt: str, spoil: Any, bad: object, problem: str
) -> None:
    # Checked against the result's types before any renderer runs: every format says
    # the same, down to the key.
    edited = json.loads(json.dumps(saved_result))
    container = spoil(edited)
    for key in list(container) if isinstance(container, dict) else range(len(container)):
        container[key] = bad
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(edited))
    res = runner.invoke(app, ["report", str(path), "-f", fmt])
    assert res.exit_code == 2, res.output
    assert res.stderr.startswith(f"personalroi: error: {path}: {problem}. "), res.stderr
    assert "Traceback" not in res.output


@pytest.mark.parametrize(
    ("edit", "problem"),
    [
        (lambda r: r["metrics"][0].pop("p_value"), "metrics[0].p_value: field required"),
        (lambda r: r["metrics"][0].update(significant="yes"), "metrics[0].significant"),
        (lambda r: r["data_quality"].update(checks={}), "data_quality.checks: "),
        (lambda r: r["verdict"].update(reasons=[{"kind": "roi"}]), "verdict.reasons[0].text"),
    ],
)
def test_a_missing_or_mistyped_key_is_named(
    saved_result: dict, tmp_path: Path, edit: Any, problem: str
) -> None:
    edited = json.loads(json.dumps(saved_result))
    edit(edited)
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(edited))
    res = runner.invoke(app, ["report", str(path)])
    assert res.exit_code == 2, res.output
    assert res.stderr.startswith(f"personalroi: error: {path}: {problem}"), res.stderr


def test_keys_a_newer_version_added_are_read(saved_result: dict, tmp_path: Path) -> None:
    # Fields are only added within schema_version 1 (SPEC section 5): an older reader
    # renders the rest, and JSON passes the new key through.
    edited = json.loads(json.dumps(saved_result))
    edited["metrics"][0]["newer_field"] = {"anything": [1, 2]}
    edited["newer_section"] = 3
    path = tmp_path / "newer.json"
    path.write_text(json.dumps(edited))
    res = runner.invoke(app, ["report", str(path), "-f", "json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout) == edited
