"""Nothing lost: --output is replaced atomically, or not at all.

The kill tests run the real CLI in a subprocess with PERSONALROI_TEST_SLOW_WRITE,
which makes `write_atomic` pause halfway through the temp file, and kill it there.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from corpus_inputs import base_experiment
from typer.testing import CliRunner

from personalroi.cli import app
from personalroi.cli.common import SLOW_WRITE_ENV, write_atomic

OLD = b'{"previous": "audit result the user kept"}\n'


@pytest.fixture
def config(tmp_path: Path) -> Path:
    folder = tmp_path / "inputs"
    folder.mkdir()
    return base_experiment(11).write(folder)


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def start_audit(config: Path, output: Path, delay: float) -> subprocess.Popen[bytes]:
    env = {**os.environ, SLOW_WRITE_ENV: str(delay)}
    return subprocess.Popen(
        [sys.executable, "-m", "personalroi", "audit", "-c", str(config)]
        + ["--format", "json", "-q", "-o", str(output)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def wait_for_half_written_temp(folder: Path, proc: subprocess.Popen[bytes]) -> Path:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        for name in temp_files(folder):
            path = folder / name
            if path.stat().st_size > 0:
                return path
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.02)
    raise AssertionError("the audit never started writing its output")


def test_sigkill_mid_write_leaves_the_old_output_intact(config: Path, tmp_path: Path) -> None:
    output = tmp_path / "result.json"
    output.write_bytes(OLD)
    proc = start_audit(config, output, delay=60)
    temp = wait_for_half_written_temp(tmp_path, proc)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert output.read_bytes() == OLD
    # Nothing can clean up after SIGKILL: the half-written file is hidden and clearly named.
    assert temp.name.startswith(".result.json.") and temp.name.endswith(".tmp")
    temp.unlink()


def test_sigterm_mid_write_keeps_the_old_output_and_removes_the_temp(
    config: Path, tmp_path: Path
) -> None:
    output = tmp_path / "result.json"
    output.write_bytes(OLD)
    proc = start_audit(config, output, delay=60)
    wait_for_half_written_temp(tmp_path, proc)
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 128 + signal.SIGTERM
    assert b"Traceback" not in stderr
    assert output.read_bytes() == OLD
    assert temp_files(tmp_path) == []


def test_concurrent_audits_leave_one_complete_result(config: Path, tmp_path: Path) -> None:
    output = tmp_path / "result.json"
    output.write_bytes(OLD)
    procs = [start_audit(config, output, delay=0.5) for _ in range(3)]
    for proc in procs:
        _, stderr = proc.communicate(timeout=120)
        assert proc.returncode == 0, stderr
    result = json.loads(output.read_text(encoding="utf-8"))
    assert result["schema_version"] == 1
    assert temp_files(tmp_path) == []


def test_a_failed_run_never_touches_the_existing_output(config: Path, tmp_path: Path) -> None:
    output = tmp_path / "result.json"
    output.write_bytes(OLD)
    units = config.parent / "units.csv"
    units.write_bytes(units.read_bytes() + b"1,2,3\n")  # a ragged last row
    res = CliRunner().invoke(app, ["audit", "-c", str(config), "-f", "json", "-o", str(output)])
    assert res.exit_code == 2
    assert "units.csv: line" in res.stderr
    assert output.read_bytes() == OLD
    assert temp_files(tmp_path) == []


def test_a_successful_run_replaces_the_output_and_keeps_its_mode(
    config: Path, tmp_path: Path
) -> None:
    output = tmp_path / "result.json"
    output.write_bytes(OLD)
    output.chmod(0o640)
    res = CliRunner().invoke(app, ["audit", "-c", str(config), "-f", "json", "-o", str(output)])
    assert res.exit_code in (0, 1), res.stderr
    assert res.stdout == ""
    assert json.loads(output.read_text(encoding="utf-8"))["schema_version"] == 1
    assert output.stat().st_mode & 0o777 == 0o640
    assert temp_files(tmp_path) == []


@pytest.mark.parametrize(
    ("target", "message"),
    [("missing/result.json", "does not exist"), (".", "is a folder")],
)
def test_unwritable_output_is_a_clean_error(
    config: Path, tmp_path: Path, target: str, message: str
) -> None:
    output = tmp_path / target
    res = CliRunner().invoke(app, ["audit", "-c", str(config), "-f", "json", "-o", str(output)])
    assert res.exit_code == 2
    assert message in res.stderr and "Traceback" not in res.stderr


def test_write_atomic_removes_its_temp_file_when_writing_fails(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    with pytest.raises(UnicodeEncodeError):
        write_atomic(target, "half \udcff")  # a lone surrogate cannot be encoded
    assert target.read_text() == "old"
    assert temp_files(tmp_path) == []
