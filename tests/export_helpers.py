"""Small real-looking exports for the data-policy tests: write files, audit, run `sql`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
import yaml
from typer.testing import CliRunner

from personalroi.cli import app
from personalroi.i18n import Phrase

runner = CliRunner()


def write_csv(path: Path, header: list[str], rows: list[list[Any]]) -> Path:
    lines = [",".join(header), *(",".join("" if v is None else str(v) for v in r) for r in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_config(folder: Path, config: dict[str, Any], name: str = "c.yaml") -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(config, sort_keys=False))
    return path


def audit(config: Path, *extra: str) -> dict[str, Any]:
    args = ["audit", "-c", str(config), "-f", "json", "-q", "--no-history", *extra]
    result = runner.invoke(app, args)
    assert result.exit_code in (0, 1), result.output
    out: dict[str, Any] = json.loads(result.stdout)
    return out


def top_rows(result: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(m["metric"], m["arm"]): m for m in result["metrics"] if m["dimension"] is None}


def check(result: dict[str, Any], name: str) -> dict[str, Any]:
    """The check's name, status and English detail, as SPEC section 5 has them; its stored
    phrase (for reports in other languages) must say that detail word for word."""
    found = next(c for c in result["data_quality"]["checks"] if c["name"] == name)
    assert Phrase(**found["phrase"]).text() == found["detail"]
    return {k: v for k, v in found.items() if k != "phrase"}


def sql_stats(config: Path) -> list[dict[str, Any]]:
    """Run the printed DuckDB query on the files: the warehouse path's per-arm statistics."""
    args = ["sql", "-c", str(config), "--dialect", "duckdb", "--section", "stats"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    cursor = duckdb.connect().execute(result.stdout.strip().rstrip(";"))
    names = [d[0] for d in cursor.description or []]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def overall_means(stats: list[dict[str, Any]], metric: str, dims: list[str]) -> dict[str, float]:
    """{arm: mean of `metric`} from the rows of `sql_stats` with every dimension NULL."""
    return {
        r["arm"]: float(r[f"{metric}__sum"]) / r[f"{metric}__n"]
        for r in stats
        if all(r.get(d) is None for d in dims) and r[f"{metric}__n"]
    }
