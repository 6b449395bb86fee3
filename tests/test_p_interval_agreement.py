"""p < alpha exactly when every interval a row shows excludes 0: pure functions and the audit.

The property tests draw random sufficient statistics for every metric type and
check the fixed-horizon and sequential rows; the end-to-end tests check every
row (overall and per dimension level) of real audits. Only exact ties (p within
1e-9 of alpha, where rounding decides) are exempt.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml
from cli_helpers import audit_json
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from personalroi.audit.run import run_audit
from personalroi.config import load_config
from personalroi.stats.binary import compare_proportions
from personalroi.stats.comparison import Comparison
from personalroi.stats.cuped import compare_cuped
from personalroi.stats.mean import compare_means
from personalroi.stats.nonparametric import compare_bootstrap, compare_mann_whitney
from personalroi.stats.nps import compare_nps
from personalroi.stats.ratio import compare_ratios
from personalroi.stats.sequential import sequential
from personalroi.stats.sufficient import JointStats, SampleStats

ROOT = Path(__file__).resolve().parent.parent
TIE = 1e-9


def disagreements(
    p: float | None, intervals: list[tuple[float, float] | None], alpha: float
) -> int:
    """How many present intervals disagree with p about "differs from 0" (ties exempt)."""
    if p is None or abs(p - alpha) <= TIE:
        return 0
    shown = [ci for ci in intervals if ci is not None]
    return sum((p < alpha) != (ci[0] > 0 or ci[1] < 0) for ci in shown)


def assert_agrees(c: Comparison, alpha: float) -> None:
    assert disagreements(c.p_value, [c.absolute_ci, c.relative_ci], alpha) == 0, c
    sequential_c = sequential(c, alpha, 2000)
    seq = [sequential_c.absolute_ci, sequential_c.relative_ci]
    assert disagreements(sequential_c.p_value, seq, alpha) == 0, sequential_c


def sample(n: int, mean: float, sd: float) -> SampleStats:
    return SampleStats(n, n * mean, (n - 1) * sd * sd + n * mean * mean)


def joint(n: int, mx: float, sx: float, my: float, sy: float, rho: float) -> JointStats:
    x, y = sample(n, mx, sx), sample(n, my, sy)
    sum_xy = (n - 1) * rho * sx * sy + n * mx * my
    return JointStats(n, x.sum, x.sum_sq, y.sum, y.sum_sq, sum_xy)


alphas = st.sampled_from([0.01, 0.05, 0.1, 0.2])
sizes = st.integers(2, 20_000)
means = st.floats(-50, 200, allow_nan=False)
sds = st.floats(0.01, 100, allow_nan=False)
rhos = st.floats(-0.95, 0.95)


@settings(max_examples=300, deadline=None)
@given(sizes, sizes, st.floats(0, 1), st.floats(0, 1), alphas)
def test_binary(nc: int, nt: int, qc: float, qt: float, alpha: float) -> None:
    xc, xt = round(nc * qc), round(nt * qt)
    assert_agrees(compare_proportions(sample_bin(nc, xc), sample_bin(nt, xt), alpha), alpha)


def sample_bin(n: int, x: int) -> SampleStats:
    return SampleStats(n, x, x)


@settings(max_examples=300, deadline=None)
@given(sizes, sizes, means, means, sds, sds, alphas)
def test_mean_welch(
    nc: int, nt: int, mc: float, mt: float, sc: float, st_: float, alpha: float
) -> None:
    assert_agrees(compare_means(sample(nc, mc, sc), sample(nt, mt, st_), alpha), alpha)


@settings(max_examples=300, deadline=None)
@given(sizes, sizes, means, st.floats(0.1, 5), sds, st.floats(0.01, 3), rhos, alphas)
def test_ratio_and_cuped(
    nc: int, nt: int, mx: float, my: float, sx: float, sy: float, rho: float, alpha: float
) -> None:
    c = joint(nc, mx, sx, my, sy, rho)
    t = joint(nt, mx * 1.05, sx, my, sy, rho)
    assert_agrees(compare_ratios(c, t, alpha), alpha)
    assert_agrees(compare_cuped(c, t, alpha, label="mean"), alpha)


@settings(max_examples=300, deadline=None)
@given(st.integers(2, 3000), st.integers(2, 3000), st.data(), alphas)
def test_nps(nc: int, nt: int, data: st.DataObject, alpha: float) -> None:
    def arm(n: int) -> SampleStats:
        pro = data.draw(st.integers(0, n))
        det = data.draw(st.integers(0, n - pro))
        return SampleStats(n, pro - det, pro + det)

    assert_agrees(compare_nps(arm(nc), arm(nt), alpha), alpha)


values = st.lists(st.floats(0, 100, allow_nan=False), min_size=2, max_size=80)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values, values, st.floats(-10, 10), alphas, st.booleans())
def test_mann_whitney_and_bootstrap(
    c: list[float], t: list[float], shift: float, alpha: float, zeros: bool
) -> None:
    control, treatment = np.array(c), np.array(t) + shift
    if zeros:  # heavy ties at 0, as revenue per visitor has
        control[::2], treatment[::2] = 0.0, 0.0
    assert_agrees(compare_mann_whitney(control, treatment, alpha), alpha)
    assert_agrees(compare_bootstrap(control, treatment, alpha, seed=3, resamples=400), alpha)


# End to end: every row of real audits.


def sample_config(tmp_path: Path, **changes: Any) -> Path:
    data = yaml.safe_load((ROOT / "configs" / "example.yaml").read_text())
    data["units"]["path"] = str(ROOT / "sample_data" / "visitors.csv")
    for source in data["sources"].values():
        source["path"] = str(ROOT / "sample_data" / Path(source["path"]).name)
    for section, values in changes.items():
        data[section].update(values)
    path = tmp_path / "audit.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


CUPED_MEAN_AND_RATIO = {
    "covariates": {"revenue_per_visitor": "pre_revenue", "average_order_value": "pre_revenue"}
}


def check_rows(rows: list[dict[str, Any]] | list[Any], alpha: float) -> int:
    """Asserts agreement on every row; returns how many intervals were checked."""
    checked = 0
    for row in rows:
        c = row if isinstance(row, dict) else row.comparison
        get = c.get if isinstance(c, dict) else lambda k, c=c: getattr(c, k)
        shown = [get("absolute_ci"), get("relative_ci")]
        assert disagreements(get("p_value"), shown, alpha) == 0, row
        if get("p_value") is not None:
            checked += sum(ci is not None for ci in shown)
    return checked


@pytest.mark.parametrize(
    ("name", "changes"),
    [
        ("sample", {}),
        ("sequential", {"experiment": {"sequential": True}}),
        ("cuped mean and ratio", {"units": CUPED_MEAN_AND_RATIO}),
        (
            "cuped, sequential",
            {"units": CUPED_MEAN_AND_RATIO, "experiment": {"sequential": True}},
        ),
    ],
)
def test_every_audit_row_agrees(name: str, changes: dict[str, Any], tmp_path: Path) -> None:
    config = load_config(sample_config(tmp_path, **changes))
    result = run_audit(config)
    alpha = config.experiment.alpha
    levels = [r for r in result.metrics if r.dimension is not None]
    assert levels and len(result.metrics) > len(levels)  # overall and per-level rows
    checked = check_rows(result.metrics, alpha)
    assert checked > 200, f"{name}: only {checked} intervals checked"
    if "cuped" in name:
        methods = {r.metric: r.comparison.method for r in result.metrics if r.dimension is None}
        assert "CUPED" in methods["revenue_per_visitor"]
        assert "CUPED" in methods["average_order_value"]
    # Holm-adjusted p >= raw p: significant after correction implies the interval excludes 0.
    for row in result.metrics:
        ci = row.comparison.relative_ci or row.comparison.absolute_ci
        if row.significant and ci is not None:
            assert ci[0] > 0 or ci[1] < 0


def test_cli_json_rows_agree(tmp_path: Path) -> None:
    data = yaml.safe_load(sample_config(tmp_path, units=CUPED_MEAN_AND_RATIO).read_text())
    data["experiment"]["sequential"] = True
    result = audit_json(data, tmp_path)
    rows = result["metrics"]
    assert any(r["dimension"] is not None for r in rows)
    assert check_rows(rows, result["experiment"]["alpha"]) > 200
    assert all("sequential" in r["method"] for r in rows if r["p_value"] is not None)
    assert math.isfinite(rows[0]["p_value"])
