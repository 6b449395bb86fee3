"""`personalroi plan`: sample size, minimum detectable effect and duration."""

from __future__ import annotations

import enum
import json
import math
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from personalroi.cli.common import (
    ConfigOption,
    NoColorOption,
    OutputOption,
    config_inputs,
    emit,
    refuse_inputs,
    user_errors,
)
from personalroi.errors import PersonalroiError

if TYPE_CHECKING:
    from personalroi.document.plan import PlanJson

ORDER = 40
HELP = """Power analysis: units per arm for a minimum detectable effect (--mde), or the
effect detectable with a given sample (--units), and the days needed at your traffic.

Give the baseline by hand (--type, --baseline, --sd) or read it from the control
arm of an existing experiment (--config and --metric). With k arms and m metrics
the significance level is split over (k - 1) x m comparisons (the worst case of
Holm), so the plan holds after the audit's multiple-comparison correction.

Example: personalroi plan --type binary --baseline 0.03 --mde 0.05 --arms 3 --units-per-day 6000
"""


class PlanFormat(str, enum.Enum):
    table = "table"
    json = "json"


class MetricType(str, enum.Enum):
    binary = "binary"
    mean = "mean"
    ratio = "ratio"


@user_errors
def plan(
    config: ConfigOption = None,
    metric: Annotated[
        str | None, typer.Option(help="Metric of --config whose control arm is the baseline.")
    ] = None,
    type_: Annotated[
        MetricType | None, typer.Option("--type", help="Metric type (without --config).")
    ] = None,
    baseline: Annotated[
        float | None, typer.Option(help="Control value: rate (binary) or mean/ratio.")
    ] = None,
    sd: Annotated[
        float | None,
        typer.Option(help="Per-unit SD (mean; ratio: of the delta-method linearisation)."),
    ] = None,
    mde: Annotated[
        float | None, typer.Option(help="Minimum detectable relative lift, e.g. 0.05.")
    ] = None,
    units: Annotated[
        int | None, typer.Option("--units", min=2, help="Units per arm: solve for the MDE.")
    ] = None,
    units_per_day: Annotated[
        float | None, typer.Option(min=0, help="Daily traffic entering the test (all arms).")
    ] = None,
    arms: Annotated[int | None, typer.Option(min=2, help="Arms including control.")] = None,
    metrics: Annotated[
        int | None, typer.Option(min=1, help="Metrics in the correction family.")
    ] = None,
    alpha: Annotated[float | None, typer.Option(min=0, max=1, help="Significance level.")] = None,
    power: Annotated[float, typer.Option(min=0.01, max=0.999, help="Target power.")] = 0.8,
    correction: Annotated[
        str | None, typer.Option(help="none | holm | bh (default: config's, else holm).")
    ] = None,
    format: Annotated[PlanFormat, typer.Option("--format", "-f")] = PlanFormat.table,
    output: OutputOption = None,
    no_color: NoColorOption = False,
) -> None:
    from personalroi.audit.planning import baseline_from_data, plan_dict
    from personalroi.stats.planning import Baseline

    given = {"--baseline": baseline, "--sd": sd, "--mde": mde, "--units-per-day": units_per_day}
    for name, value in given.items():
        if value is not None and not math.isfinite(value):
            raise PersonalroiError(f"{name}: {value} is not a finite number")
    if mde == 0:
        raise PersonalroiError("--mde: a relative lift of 0 cannot be detected; give e.g. 0.05")
    if (mde is None) == (units is None):
        raise PersonalroiError("--mde: give exactly one of --mde or --units")
    if correction is not None and correction not in ("none", "holm", "bh"):
        raise PersonalroiError("--correction: use none, holm or bh")
    if config is not None:
        from personalroi.config import load_config

        if metric is None:
            raise PersonalroiError("--metric: --config needs --metric NAME")
        cfg = load_config(Path(config))
        refuse_inputs(output, config_inputs(Path(config), cfg))
        base = baseline_from_data(cfg, metric)
        arms = arms or 1 + (len(cfg.experiment.treatments) if cfg.experiment.treatments else 1)
        metrics = metrics or len(cfg.metrics)
        alpha = alpha or cfg.experiment.alpha
        correction = correction or cfg.experiment.correction
        per_month = cfg.economics.eligible_units_per_month
        if units_per_day is None and per_month:
            units_per_day = per_month / (365.25 / 12)
    else:
        if type_ is None or baseline is None:
            raise PersonalroiError(
                "--type: give --type and --baseline (and --sd for mean/ratio), "
                "or --config and --metric"
            )
        if type_ is MetricType.binary:
            if not 0 < baseline < 1:
                raise PersonalroiError("--baseline: a binary baseline is a rate between 0 and 1")
            sd = math.sqrt(baseline * (1 - baseline))
        elif sd is None or sd <= 0:
            raise PersonalroiError(f"--sd: a {type_.value} metric needs --sd > 0")
        base = Baseline(type_.value, baseline, sd)
    try:
        result = plan_dict(
            base,
            mde=mde,
            units_per_arm=units,
            alpha=alpha or 0.05,
            power=power,
            arms=arms or 2,
            metrics=metrics or 1,
            correction=correction or "holm",
            units_per_day=units_per_day,
        )
    except ValueError as exc:  # the solver's domain: no plan exists for these inputs
        raise PersonalroiError(f"plan: {exc}.") from None
    if metric is not None:
        result["metric"] = metric
    rendered = json.dumps(result, indent=2) + "\n" if format is PlanFormat.json else _text(result)
    emit(rendered, output, no_color)


def _text(r: PlanJson) -> str:
    name = r.get("metric") or f"{r['type']} metric"
    lines = [
        f"Plan for {name}: baseline {r['baseline']:.6g} (per-unit SD {r['sd']:.4g})",
        f"  {r['arms']} arms, {r['comparisons']} comparison(s) under {r['correction']}: "
        f"alpha {r['alpha']:g} -> {r['alpha_per_comparison']:.4g} per comparison, "
        f"power {r['power']:.0%}",
        f"  minimum detectable effect: {r['relative_mde']:+.2%} relative "
        f"({r['absolute_mde']:+.4g} absolute)",
        f"  units per arm: {r['units_per_arm']:,}  (total {r['total_units']:,})",
    ]
    if r["days"] is not None:
        lines.append(f"  duration: {r['days']:,} days at {r['units_per_day']:,.0f} units/day")
    return "\n".join(lines) + "\n"


def register(app: typer.Typer) -> None:
    app.command("plan", help=HELP)(plan)
