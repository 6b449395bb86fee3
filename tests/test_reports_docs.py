"""docs/reports.md stays true: the workflow parses, every option it uses exists, cron is valid."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from personalroi.cli import app

DOC = Path(__file__).resolve().parent.parent / "docs" / "reports.md"
TEXT = DOC.read_text(encoding="utf-8")
runner = CliRunner()
SUBCOMMANDS = {"history"}
# Options other branches add; checked as soon as the command has them.
PENDING = {"--sequential"}


def blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", TEXT, flags=re.DOTALL)


def command_lines() -> list[str]:
    """Every `personalroi ...` invocation in the shell-like blocks, continuations joined."""
    text = "\n".join(blocks("yaml") + blocks("sh") + blocks("crontab")).replace("\\\n", " ")
    commands = {c.name for c in app.registered_commands} | {g.name for g in app.registered_groups}
    found = [m.group(0) for m in re.finditer(r"personalroi [a-z][^\n|&;>]*", text)]
    return [line for line in found if line.split()[1] in commands]


def help_text(words: list[str]) -> str:
    res = runner.invoke(app, [*words, "--help"], env={"COLUMNS": "200"})
    assert res.exit_code == 0, words
    return res.stdout


def test_workflow_is_valid_and_gates_uploads_and_posts() -> None:
    workflow = next(b for b in blocks("yaml") if b.startswith("name: personalization audit"))
    parsed = yaml.safe_load(workflow)
    steps = parsed["jobs"]["audit"]["steps"]
    uses = [s.get("uses", "") for s in steps]
    runs = "\n".join(s.get("run", "") for s in steps)
    assert "actions/upload-artifact@v4" in uses
    assert "--fail-under 70" in runs
    assert "gh pr comment" in runs and "GITHUB_STEP_SUMMARY" in runs
    assert steps[-1]["run"] == 'exit "${{ steps.audit.outputs.exit_code }}"'


@pytest.mark.parametrize("line", command_lines())
def test_documented_options_exist(line: str) -> None:
    words = line.split()[1:]
    command = words[:2] if words[0] in SUBCOMMANDS else words[:1]
    usage = help_text(command)
    for option in re.findall(r"(?<!\S)(--?[a-z][a-z-]*)", " ".join(words)):
        if option in PENDING and option not in usage:
            continue
        assert re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", usage), (line, option)


def test_crontab_line() -> None:
    (entry,) = [ln for ln in blocks("crontab")[0].splitlines() if ln and not ln.startswith("#")]
    fields = entry.split()
    assert all(re.fullmatch(r"[\d*/,-]+", f) for f in fields[:5])
    assert "--sequential" in entry
    assert "%" not in entry.replace("\\%", "")  # cron turns a bare % into a newline


def test_every_command_of_this_area_is_documented() -> None:
    for command in (
        "report",
        "history list",
        "history diff",
        "history trend",
        "history show",
        "history decide",
        "history portfolio",
    ):
        assert f"personalroi {command}" in TEXT
    for command in ("init", "validate", "schema"):
        assert f"personalroi {command}" in TEXT
