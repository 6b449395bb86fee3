"""Planning against statsmodels' power functions, and the `plan` command."""

from __future__ import annotations

import json
import math

import pytest
from statsmodels.stats.power import NormalIndPower, zt_ind_solve_power
from typer.testing import CliRunner

from personalroi.cli import app
from personalroi.stats.planning import (
    Baseline,
    days_needed,
    effect_for_units,
    power_at,
    units_for_effect,
)


@pytest.mark.parametrize(
    ("baseline", "mde", "comparisons"),
    [
        (Baseline("mean", 4.2, 22.0), 0.03, 1),
        (Baseline("ratio", 62.0, 190.0), 0.05, 4),
        (Baseline("mean", 100.0, 15.0), -0.02, 2),
    ],
)
def test_units_match_statsmodels_normal_ind_power(
    baseline: Baseline, mde: float, comparisons: int
) -> None:
    plan = units_for_effect(baseline, mde, 0.05, 0.8, comparisons)
    d = baseline.value * mde / baseline.sd
    ref = NormalIndPower().solve_power(effect_size=d, alpha=0.05 / comparisons, power=0.8)
    assert plan.units_per_arm == math.ceil(ref)
    ref_zt = zt_ind_solve_power(effect_size=d, alpha=0.05 / comparisons, power=0.8)
    assert plan.units_per_arm == math.ceil(ref_zt)


def test_binary_uses_both_rates_variance() -> None:
    base = Baseline("binary", 0.03, math.sqrt(0.03 * 0.97))
    plan = units_for_effect(base, 0.10, 0.05, 0.9)
    p_t = 0.033
    d = (p_t - 0.03) / math.sqrt((0.03 * 0.97 + p_t * (1 - p_t)) / 2)
    ref = NormalIndPower().solve_power(effect_size=d, alpha=0.05, power=0.9)
    assert plan.units_per_arm == math.ceil(ref)


@pytest.mark.parametrize("kind", ["mean", "binary"])
def test_mde_inverts_units(kind: str) -> None:
    base = Baseline(kind, 0.2, 0.4) if kind == "binary" else Baseline(kind, 10.0, 8.0)
    plan = effect_for_units(base, 5000, 0.05, 0.8, comparisons=3)
    d = plan.absolute_mde / math.sqrt((base.sd**2 + base.treated_sd(plan.relative_mde) ** 2) / 2)
    ref_power = NormalIndPower().power(effect_size=d, nobs1=5000, alpha=0.05 / 3)
    assert ref_power == pytest.approx(0.8, abs=1e-9)
    if kind == "mean":
        # statsmodels' own root finder stops at ~1e-5; its power function is checked above.
        ref_d = NormalIndPower().solve_power(nobs1=5000, alpha=0.05 / 3, power=0.8)
        assert plan.absolute_mde == pytest.approx(ref_d * 8.0, rel=1e-4)


def test_power_at_matches_statsmodels() -> None:
    ref = NormalIndPower().power(effect_size=0.05, nobs1=3000, alpha=0.01)
    assert power_at(3000, 0.05, 1.0, 1.0, 0.01) == pytest.approx(ref, rel=1e-12)


def test_days() -> None:
    assert days_needed(10_000, 3, 6000) == 5
    assert days_needed(10_000, 2, 0) is None


def test_plan_command_by_hand_json() -> None:
    args = ["plan", "--type", "binary", "--baseline", "0.03", "--mde", "0.05", "--arms", "3"]
    result = CliRunner().invoke(app, [*args, "--units-per-day", "6000", "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["comparisons"] == 2 and data["alpha_per_comparison"] == 0.025
    assert data["days"] == math.ceil(data["units_per_arm"] * 3 / 6000)


def test_plan_command_reads_the_baseline_from_a_config() -> None:
    result = CliRunner().invoke(
        app,
        ["plan", "--metric", "conversion_rate", "--units", "10000", "-c", "configs/example.yaml"],
    )
    assert result.exit_code == 0, result.output
    assert "Plan for conversion_rate" in result.stdout
    assert "minimum detectable effect" in result.stdout


def test_plan_command_errors() -> None:
    runner = CliRunner()
    both = runner.invoke(app, ["plan", "--type", "mean", "--baseline", "3", "--mde", "0.1"])
    assert both.exit_code == 2
    assert "--sd: a mean metric needs --sd > 0" in both.stderr
    neither = runner.invoke(app, ["plan", "--type", "binary", "--baseline", "0.1"])
    assert neither.exit_code == 2
    assert "give exactly one of --mde or --units" in neither.stderr
    unknown = runner.invoke(
        app, ["plan", "-c", "configs/example.yaml", "--metric", "conversion", "--mde", "0.1"]
    )
    assert unknown.exit_code == 2
    assert "did you mean" in unknown.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--baseline", "nan", "--sd", "1", "--mde", "0.05"], "--baseline: nan is not a finite"),
        (["--baseline", "10", "--sd", "inf", "--mde", "0.05"], "--sd: inf is not a finite"),
        (["--baseline", "10", "--sd", "1", "--mde", "nan"], "--mde: nan is not a finite"),
        (["--baseline", "10", "--sd", "1", "--mde", "0"], "--mde: a relative lift of 0"),
        (["--baseline", "0", "--sd", "1", "--mde", "0.05"], "baseline x mde, is 0"),
        (["--baseline", "1e300", "--sd", "1", "--mde", "1e10"], "baseline x mde, is inf"),
        (["--baseline", "1e-300", "--sd", "1", "--mde", "0.05"], "more than 1e+15 units"),
        (["--baseline", "10", "--sd", "1e300", "--mde", "0.05"], "more than 1e+15 units"),
        (["--baseline", "10", "--sd", "1e300", "--units", "2"], "no lift up to +1e+06"),
        (["--baseline", "10", "--sd", "1e-300", "--units", "2"], "detect any lift above 1e-12"),
    ],
)
def test_plan_inputs_without_a_plan_exit_2(args: list[str], message: str) -> None:
    # Each once ended in an internal error (the solver dividing by 0, overflowing, or
    # bracketing no root).
    done = CliRunner().invoke(app, ["plan", "--type", "mean", *args])
    assert done.exit_code == 2, done.output
    assert message in done.stderr


def test_an_effect_one_unit_per_arm_detects() -> None:
    plan = units_for_effect(Baseline("mean", 10.0, 1.0), 1e300, 0.05, 0.8)
    assert plan.units_per_arm == 1
    assert power_at(1, plan.absolute_mde, 1.0, 1.0, 0.05) == 1.0


def test_no_noise_means_full_power() -> None:
    assert power_at(10, 0.5, 0.0, 0.0, 0.05) == 1.0
    # The closed form at a huge SD: the shift vanishes and the power is alpha.
    assert power_at(10, 0.5, 1e300, 1e300, 0.05) == pytest.approx(0.05, rel=1e-12)
