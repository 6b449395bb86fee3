"""pandas is a test dependency only: every command runs with it unimportable.

`personalroi sample` writes through DuckDB (data/sample_csv.py) and gives the same
bytes as the bundled sample, which pandas wrote before.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# `import pandas` raises ImportError, as in an install without it.
NO_PANDAS = (
    "import sys; sys.modules['pandas'] = None; sys.argv[0] = 'personalroi';"
    "from personalroi.cli import main; main()"
)


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", NO_PANDAS, *args], capture_output=True, text=True, cwd=cwd
    )


def test_sample_without_pandas_writes_the_bundled_sample(tmp_path: Path) -> None:
    # configs/example.yaml is config_yaml("../sample_data/", 20000) (test_cli.py): seed 7.
    done = run("sample", "--out", str(tmp_path), "--units", "20000", "-q")
    assert done.returncode == 0, done.stderr
    for name in ("visitors", "orders", "sessions", "nps", "touchpoints"):
        written = (tmp_path / f"{name}.csv").read_bytes()
        assert written == (ROOT / "sample_data" / f"{name}.csv").read_bytes(), name
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["visitors.csv", "orders.csv", "sessions.csv", "nps.csv", "touchpoints.csv"]
        + ["personalroi.yaml"]
    )


@pytest.mark.parametrize(
    "args",
    [
        ["audit", "-q", "--no-history", "-f", "html"],
        ["attribute", "-q", "-f", "json"],
        ["clv", "-q", "-f", "json"],
        ["sql", "-c", "configs/example.yaml"],
        ["validate", "-c", "configs/example.yaml"],
    ],
)
def test_commands_run_without_pandas(args: list[str]) -> None:
    done = run(*args)
    assert done.returncode in (0, 1), done.stderr
    assert "pandas" not in done.stderr
