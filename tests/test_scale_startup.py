"""Start-up cost: the audit path avoids scipy.stats; its replacements agree with scipy.stats."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from scipy import stats as sps

from personalroi.cli import BLAS_THREAD_VARIABLES
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


def _after_main(code: str, preset: str | None) -> str:
    """`code`'s output, run after the CLI's main() (on --version) in a fresh process whose
    environment sets every BLAS thread variable to `preset` (None: none)."""
    script = (
        "import os, sys; from personalroi import cli; sys.argv = ['personalroi', '--version']\n"
        "try:\n    cli.main()\nexcept SystemExit:\n    pass\n" + code
    )
    env = {k: v for k, v in os.environ.items() if k not in BLAS_THREAD_VARIABLES}
    if preset is not None:
        env.update(dict.fromkeys(BLAS_THREAD_VARIABLES, preset))
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, env=env
    )
    return out.stdout.splitlines()[-1]  # after the version line


@pytest.mark.parametrize("preset", [None, "1", "3"])
def test_cli_keeps_blas_on_one_thread_whatever_the_environment_says(preset: str | None) -> None:
    # BLAS reads the variables once, when numpy loads: they must be set before that.
    code = "print('numpy' in sys.modules, *(os.environ[v] for v in cli.BLAS_THREAD_VARIABLES))"
    assert _after_main(code, preset).split() == ["False", "1", "1", "1"]


def test_a_long_dot_product_has_the_same_bits_whatever_blas_threads_the_user_set() -> None:
    # Over 50 k values OpenBLAS splits a dot product across its threads, which changes
    # the last bits (2,970,172,460.16197 on one thread, ...161968 on two, here).
    code = (
        "import numpy as np\n"
        "v = np.random.default_rng(1).lognormal(3, 1, 1_000_000)\n"
        "print(repr(float(np.dot(v, v))))"
    )
    assert _after_main(code, "2") == _after_main(code, "1") == _after_main(code, None)
