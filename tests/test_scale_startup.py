"""Start-up cost: the audit path avoids scipy.stats; its replacements agree with scipy.stats."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from scipy import stats as sps

from personalroi.stats import distributions as d


@pytest.mark.parametrize("x", [-8.0, -1.96, -0.3, 0.0, 0.7, 2.5, 9.0])
@pytest.mark.parametrize("df", [1.0, 3.5, 30.0, 1e6])
def test_tails_match_scipy_stats(x: float, df: float) -> None:
    assert d.norm_cdf(x) == pytest.approx(sps.norm.cdf(x), rel=1e-12, abs=1e-300)
    assert d.t_sf(x, df) == pytest.approx(sps.t.sf(x, df), rel=1e-12, abs=1e-300)
    if x > 0:
        assert d.chi2_sf(x, df) == pytest.approx(sps.chi2.sf(x, df), rel=1e-12, abs=1e-300)


@pytest.mark.parametrize("p", [1e-9, 0.025, 0.5, 0.8, 0.975, 0.999999])
def test_quantiles_match_scipy_stats(p: float) -> None:
    assert d.norm_ppf(p) == pytest.approx(sps.norm.ppf(p), rel=1e-12)
    assert d.t_ppf(p, 7.3) == pytest.approx(sps.t.ppf(p, 7.3), rel=1e-12)


def test_audit_path_does_not_import_scipy_stats_or_pandas() -> None:
    code = (
        "import sys, personalroi.audit.run, personalroi.report.json_format;"
        "print('scipy.stats' in sys.modules, 'pandas' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_help_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys; from personalroi.cli import app;"
        "print(sorted(m for m in ('duckdb', 'numpy', 'pandas', 'scipy', 'rich.console', 'sqlglot')"
        " if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize(("preset", "expected"), [(None, "1"), ("3", "3")])
def test_cli_keeps_blas_on_one_thread_unless_told(preset: str | None, expected: str) -> None:
    # OpenBLAS reads the variable once, when numpy loads: it must be set before that.
    code = (
        "import os, sys; from personalroi import cli; sys.argv = ['personalroi', '--version']\n"
        "try:\n    cli.main()\nexcept SystemExit:\n    pass\n"
        "print('numpy' in sys.modules, os.environ['OPENBLAS_NUM_THREADS'])"
    )
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    if preset is not None:
        env["OPENBLAS_NUM_THREADS"] = preset
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert out.stdout.split()[-2:] == ["False", expected]  # after the version line
