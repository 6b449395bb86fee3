"""Security: nothing in a config or data file is executed, and hostile sizes fail fast.

Huge inputs are built lazily (repeated gzip members, sparse files) so the tests
stay fast; the memory of the real CLI process is measured with wait4's rusage, through a small
launcher so that the peak of this (large) pytest process does not count as the CLI's.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from corpus_inputs import base_experiment
from typer.testing import CliRunner

from personalroi.cli import app

PACKAGE = Path(__file__).resolve().parent.parent / "personalroi"
MAX_RSS_MB = 700  # the interpreter with pandas, scipy and DuckDB loaded is ~200 MB


def audit(config: Path, *extra: str) -> tuple[int, str, str]:
    res = CliRunner().invoke(app, ["audit", "-c", str(config), "-f", "json", "-q", *extra])
    assert res.exception is None or isinstance(res.exception, SystemExit), repr(res.exception)
    return res.exit_code, res.stdout, res.stderr


# Linux keeps a process's peak RSS across fork and exec, so a child started straight
# from this (by now large) pytest process would report pytest's own size. A small
# launcher interpreter starts the audit instead and reports the audit's peak alone.
LAUNCHER = """
import os, subprocess, sys
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(proc.pid, 0)
print(usage.ru_maxrss)
sys.exit(os.waitstatus_to_exitcode(status))
"""


def audit_process(config: Path, timeout: float = 120) -> tuple[int, str, float, float]:
    """Run the real CLI; return exit code, stderr, seconds and its peak memory (MB)."""
    start = time.monotonic()
    command = [sys.executable, "-m", "personalroi", "audit", "-c", str(config), "-q", "-f", "json"]
    proc = subprocess.run(
        [sys.executable, "-c", LAUNCHER, *command],
        capture_output=True,
        timeout=timeout,
        check=False,
    )
    elapsed = time.monotonic() - start
    assert elapsed < timeout
    return proc.returncode, proc.stderr.decode(), elapsed, int(proc.stdout) / 1024


@pytest.fixture
def experiment(tmp_path: Path) -> Path:
    return base_experiment(5).write(tmp_path)


# ---------------------------------------------------------------- YAML


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system ['touch {marker}']",
        "!!python/object/apply:subprocess.check_call [['touch', '{marker}']]",
        "!!python/object/new:os.system ['touch {marker}']",
        "!!python/name:os.system",
        "!!python/module:os",
    ],
)
def test_python_tags_are_rejected_and_never_run(experiment: Path, tmp_path: Path, tag: str) -> None:
    marker = tmp_path / "pwned"
    text = experiment.read_text().replace("name: corpus 5", f"name: {tag.format(marker=marker)}")
    experiment.write_text(text)
    code, stdout, stderr = audit(experiment)
    assert code == 2 and stdout == ""
    assert re.match(
        r"personalroi: error: .*c\.yaml:2: YAML tag !!?python/\S+ is not allowed", stderr
    )
    assert not marker.exists()


def test_a_billion_laughs_alias_bomb_fails_fast(experiment: Path) -> None:
    levels = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        levels.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    text = experiment.read_text().replace(
        "  control: generic", "  control: generic\n  treatments: *i"
    )
    experiment.write_text("x:\n" + "\n".join("  " + ln for ln in levels) + "\n" + text)
    start = time.monotonic()
    code, _, stderr = audit(experiment)
    assert time.monotonic() - start < 10
    assert code == 2
    assert re.search(r"c\.yaml: expands to [\d,]+ values \(more than 100,000\)", stderr)


def test_deeply_nested_yaml_is_a_clean_error(experiment: Path) -> None:
    experiment.write_text("experiment: " + "[" * 50_000 + "]" * 50_000 + "\n")
    code, _, stderr = audit(experiment)
    assert code == 2
    assert "c.yaml" in stderr and "Traceback" not in stderr


def test_a_huge_config_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    config = tmp_path / "huge.yaml"
    with config.open("wb") as fh:  # sparse: 2 GiB of "file" without writing it
        fh.write(b"experiment:\n  name: x\n")
        fh.truncate(2 << 30)
    start = time.monotonic()
    code, _, stderr = audit(config)
    assert time.monotonic() - start < 5
    assert code == 2 and "huge.yaml: larger than 1 MiB" in stderr


def test_endless_device_as_config_is_refused() -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    code, _, stderr = audit(Path("/dev/zero"))
    assert code == 2 and "/dev/zero: larger than 1 MiB" in stderr


# ---------------------------------------------------------------- data files


def test_a_fifo_or_device_as_data_is_refused_not_waited_on(
    experiment: Path, tmp_path: Path
) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    experiment.write_text(experiment.read_text().replace("path: units.csv", f"path: {fifo}"))
    code, _, stderr = audit(experiment)
    assert code == 2 and "pipe.csv: is not a regular file" in stderr


def test_ten_million_column_header_fails_fast_with_bounded_memory(
    experiment: Path, tmp_path: Path
) -> None:
    units = tmp_path / "units.csv"
    chunk = b"".join(b"c%d," % i for i in range(100_000))
    with units.open("wb") as fh:
        for _ in range(100):  # 10 million columns, ~80 MB, no line break
            fh.write(chunk)
        fh.write(b"last\n1,2\n")
    code, stderr, seconds, rss = audit_process(experiment)
    assert code == 2, stderr
    assert re.search(r"units\.csv: no line break in the first 256 KiB", stderr), stderr
    assert rss < MAX_RSS_MB, f"{rss:.0f} MB"


def test_wide_header_under_the_sniff_window_is_refused(experiment: Path, tmp_path: Path) -> None:
    header = ",".join(f"c{i}" for i in range(20_000))
    (tmp_path / "units.csv").write_text(header + "\n" + ",".join(["1"] * 20_000) + "\n")
    code, _, stderr = audit(experiment)
    assert code == 2
    assert "units.csv: line 1: the header has 20,000 columns; at most 10,000" in stderr


def test_one_gigabyte_single_line_fails_fast_with_bounded_memory(
    experiment: Path, tmp_path: Path
) -> None:
    """A 1 GiB row (no line break), built from 64 repeated gzip members of 16 MiB each."""
    header = b"visitor_id,variant,segment,first_exposure,revenue,converted,items\n1,generic,"
    member = gzip.compress(b"a" * (16 << 20), compresslevel=1)
    with (tmp_path / "units.csv.gz").open("wb") as fh:
        fh.write(gzip.compress(header))
        for _ in range(64):
            fh.write(member)
        fh.write(gzip.compress(b",2026-07-01,1,1,1\n"))
    experiment.write_text(experiment.read_text().replace("units.csv", "units.csv.gz"))
    code, stderr, seconds, rss = audit_process(experiment)
    assert code == 2, stderr
    assert "units.csv.gz: line 2: a row longer than 2 MB" in stderr, stderr
    assert rss < MAX_RSS_MB, f"{rss:.0f} MB"


def test_one_gigabyte_sparse_file_is_recognised_as_binary(experiment: Path, tmp_path: Path) -> None:
    units = tmp_path / "units.csv"
    with units.open("wb") as fh:
        fh.write(b"visitor_id,variant\n")
        fh.truncate(1 << 30)  # a gigabyte of NUL bytes that costs no disk
    start = time.monotonic()
    code, _, stderr = audit(experiment)
    assert time.monotonic() - start < 10
    assert code == 2 and "units.csv: line 2: contains NUL bytes" in stderr


# ---------------------------------------------------------------- names reach SQL safely


def test_quotes_and_sql_in_names_are_data_not_code(tmp_path: Path) -> None:
    exp = base_experiment(9)
    hostile_col = "rev\"enue'; DROP TABLE units; --"
    hostile_metric = "m'); SELECT 1; --\""
    header = [hostile_col if h == "revenue" else h for h in exp.header]
    rows = [[r[0], "o'brien" if r[1] == "subtle" else r[1], *r[2:]] for r in exp.rows]
    config = exp.config
    config["metrics"] = {hostile_metric: {"type": "mean", "value": f"units.{hostile_col}"}}
    config["experiment"]["treatments"] = ["o'brien"]
    folder = tmp_path / 'it\'s a "folder"'
    folder.mkdir()
    path = replace(exp, header=header, rows=rows, config=config).write(folder)
    code, stdout, stderr = audit(path)
    assert code in (0, 1), stderr
    out = json.loads(stdout)
    assert out["experiment"]["treatments"] == ["o'brien"]
    assert [m["metric"] for m in out["metrics"]] == [hostile_metric]


# ---------------------------------------------------------------- paths


def test_data_paths_resolve_against_the_config_folder_and_are_reported_absolute(
    experiment: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    code, _, stderr = audit(experiment)
    assert code in (0, 1), stderr  # units.csv sits next to the config, not in the cwd
    experiment.write_text(experiment.read_text().replace("path: orders.csv", "path: ../x.csv"))
    code, _, stderr = audit(experiment)
    assert code == 2
    assert f"{tmp_path.parent.resolve() / 'x.csv'}: file not found" in stderr


# ---------------------------------------------------------------- the code itself


def test_no_eval_exec_pickle_or_unsafe_yaml_in_the_package() -> None:
    forbidden = re.compile(
        r"\b(eval|exec)\(|\bpickle\b|\bmarshal\b|\bshelve\b|yaml\.load\(|yaml\.(Unsafe|Full)?Loader\b"
        r"|yaml\.unsafe_load|shell=True|os\.system\("
    )
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}:{n}: {line.strip()}"
        for path in PACKAGE.rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if forbidden.search(line)
    ]
    assert offenders == []
