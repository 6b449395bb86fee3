"""Shared by CLI tests: run `personalroi audit` on a config dict and return the JSON result."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from typer.testing import CliRunner

from personalroi.cli import app

runner = CliRunner()


def audit_json(data: dict[str, Any], tmp_path: Path, name: str = "c") -> dict[str, Any]:
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data))
    args = ["audit", "-c", str(path), "--format", "json", "-q", "--no-history"]
    result = runner.invoke(app, args)
    assert result.exit_code in (0, 1), result.output
    out: dict[str, Any] = json.loads(result.stdout)
    return out
