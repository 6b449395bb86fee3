"""Same inputs and --seed give byte-identical JSON: bootstrap, engine sums and all.

DuckDB sums floats on several threads in whatever order they finish, and the
per-unit table came back in a different row order each run (which moves every
bootstrap resample); both are pinned in `data/dataset.py`.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from personalroi.cli import app
from personalroi.cli.common import bundled_config
from personalroi.data import progress

PER_UNIT_TESTS = {
    "revenue_per_visitor: {type: mean, value: orders.amount, weight: 3, winsorize: 0.999,": (
        "revenue_per_visitor: {type: mean, value: orders.amount, weight: 3, winsorize: 0.999, "
        "test: bootstrap,"
    ),
    "pages_per_visitor:   {type: mean, value: sessions.pages, weight: 1}": (
        "pages_per_visitor:   {type: mean, value: sessions.pages, weight: 1, test: mann-whitney}"
    ),
}


@pytest.fixture(scope="module")
def seeded_config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample with a bootstrap and a Mann-Whitney metric, paths made absolute."""
    source = bundled_config()
    text = source.read_text(encoding="utf-8")
    for old, new in PER_UNIT_TESTS.items():
        assert old in text
        text = text.replace(old, new)
    data = (source.parent / "../sample_data").resolve()
    text = text.replace("../sample_data", str(data))
    path = tmp_path_factory.mktemp("det") / "config.yaml"
    path.write_text(text, encoding="utf-8")
    return path


_CACHE: dict[tuple[Path, int], str] = {}


def audit_json(config: Path, seed: int, fresh: bool = False) -> str:
    if not fresh and (config, seed) in _CACHE:
        return _CACHE[(config, seed)]
    res = CliRunner().invoke(
        app, ["audit", "-c", str(config), "-f", "json", "-q", "--seed", str(seed)]
    )
    assert res.exit_code in (0, 1), res.stderr
    _CACHE[(config, seed)] = res.stdout
    return res.stdout


def test_same_seed_gives_byte_identical_json(seeded_config: Path) -> None:
    first = audit_json(seeded_config, seed=7)
    assert "bootstrap SE (2000 resamples, seed 7)" in first
    assert audit_json(seeded_config, seed=7, fresh=True) == first


def test_the_seed_reaches_the_bootstrap_and_nothing_else(seeded_config: Path) -> None:
    a = json.loads(audit_json(seeded_config, seed=7))
    b = json.loads(audit_json(seeded_config, seed=8))
    # Bootstrap tests and the CLV forecast (bootstrap over units) are the seeded rows.
    boot = [i for i, m in enumerate(a["metrics"]) if "bootstrap" in m["method"]]
    assert boot
    assert any(a["metrics"][i]["absolute_ci"] != b["metrics"][i]["absolute_ci"] for i in boot)
    for i, (ma, mb) in enumerate(zip(a["metrics"], b["metrics"], strict=True)):
        if i not in boot:
            assert ma == mb
    assert a["data_quality"] == b["data_quality"]


def test_identical_across_processes_and_hash_seeds(seeded_config: Path) -> None:
    """Set and dict ordering must not leak into the output (PYTHONHASHSEED varies)."""
    outputs = []
    for hash_seed in ("1", "2"):
        proc = subprocess.run(
            [sys.executable, "-m", "personalroi", "audit", "-c", str(seeded_config)]
            + ["-f", "json", "-q", "--seed", "7"],
            env={**os.environ, "PYTHONHASHSEED": hash_seed},
            capture_output=True,
            check=False,
        )
        assert proc.returncode in (0, 1), proc.stderr
        outputs.append(proc.stdout)
    assert outputs[0] == outputs[1]
    assert outputs[0] == audit_json(seeded_config, seed=7).encode()


def test_multithreaded_engine_sums_are_reproducible(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DuckDB scans on several threads (small inputs would run on one); the float sums
    must not wobble."""
    monkeypatch.setattr(progress, "ONE_THREAD_BYTES", 0)
    rng = random.Random(3)
    lines = ["id,arm,revenue"]
    lines += [f"{i},{'ab'[i % 2]},{rng.lognormvariate(3, 1.5):.6f}" for i in range(300_000)]
    (tmp_path / "units.csv").write_text("\n".join(lines) + "\n")
    (tmp_path / "c.yaml").write_text(
        "experiment: {name: wobble, control: a}\n"
        "units: {path: units.csv, id: id, arm: arm}\n"
        "metrics: {revenue: {type: mean, value: units.revenue}}\n"
    )
    runs = {audit_json(tmp_path / "c.yaml", seed=0, fresh=True) for _ in range(3)}
    assert len(runs) == 1


def test_small_inputs_run_on_one_thread_and_give_the_same_json(
    seeded_config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sample is read on one DuckDB thread throughout; on every thread the parallel
    parts allow, the result is byte for byte the same."""
    one_thread = audit_json(seeded_config, seed=7)
    monkeypatch.setattr(progress, "ONE_THREAD_BYTES", 0)
    assert audit_json(seeded_config, seed=7, fresh=True) == one_thread


@pytest.mark.parametrize(("input_bytes", "parallel"), [(None, True), (10**6, False)])
def test_all_threads_keeps_a_small_inputs_connection_on_one(
    input_bytes: int | None, parallel: bool
) -> None:
    import duckdb

    threads = "SELECT current_setting('threads')"
    expected = duckdb.connect().execute(threads).fetchone() if parallel else (1,)
    con = progress.connect(input_bytes)
    assert con.execute(threads).fetchone() == expected
    con.execute("SET threads = 1")  # as the audit does for its float sums
    with progress.all_threads(con):
        assert con.execute(threads).fetchone() == expected
    assert con.execute(threads).fetchone() == (1,)
