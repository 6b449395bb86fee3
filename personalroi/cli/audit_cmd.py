"""`personalroi audit`: the main job."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from personalroi.cli.common import (
    EXIT_GATE,
    ConfigOption,
    FormatOption,
    NoColorOption,
    OutputOption,
    QuietOption,
    bundled_config,
    emit,
    note,
    user_errors,
)
from personalroi.cli.history_cmd import (
    HistoryOption,
    NoHistoryOption,
    add_cadence_gap,
    record_audit,
)
from personalroi.report.formats import Format

ORDER = 10
HELP = """Audit an experiment: data quality, every metric vs control, ROI, scorecard and gaps.

With no --config it audits the bundled sample.

Example: personalroi audit -c configs/example.yaml --format json -o result.json
"""


@user_errors
def audit(
    config: ConfigOption = None,
    format: FormatOption = Format.table,
    output: OutputOption = None,
    seed: Annotated[int, typer.Option(help="Seed for bootstrap and Monte Carlo.")] = 0,
    fail_under: Annotated[
        float | None, typer.Option("--fail-under", help="Exit 1 if the score is below this.")
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 on a sample ratio mismatch.")
    ] = False,
    sequential: Annotated[
        bool,
        typer.Option(
            "--sequential", help="Always-valid intervals and p-values, safe for repeated looks."
        ),
    ] = False,
    quiet: QuietOption = False,
    no_color: NoColorOption = False,
    history: HistoryOption = None,
    no_history: NoHistoryOption = False,
) -> None:
    from personalroi.audit.gates import gate_failures
    from personalroi.audit.run import run_audit
    from personalroi.cli.progress import scan_progress
    from personalroi.config import load_config
    from personalroi.history.provenance import provenance_in_background
    from personalroi.report.formats import render
    from personalroi.report.json_format import result_to_dict

    path = config or bundled_config()
    if config is None:
        note(f"personalroi: auditing the bundled sample ({path})", quiet)
    cfg = load_config(Path(path))
    if sequential:
        cfg = cfg.model_copy(
            update={"experiment": cfg.experiment.model_copy(update={"sequential": True})}
        )
    fingerprint = provenance_in_background(Path(path), cfg)
    with scan_progress(quiet):
        result = result_to_dict(run_audit(cfg, seed=seed))
    result["provenance"] = fingerprint()
    trend: list[dict[str, Any]] = []
    if not no_history:
        add_cadence_gap(history, result, cfg.governance.audit_every_days, quiet)
        trend = record_audit(history, result, Path(path), quiet)
    emit(render(result, format, trend), output, no_color)
    failures = gate_failures(result, fail_under=fail_under, strict=strict)
    for failure in failures:
        note(f"personalroi: gate failed: {failure}", quiet)
    if failures:
        raise typer.Exit(EXIT_GATE)


def register(app: typer.Typer) -> None:
    app.command("audit", help=HELP)(audit)
