"""`personalroi audit`: the main job."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from personalroi.cli.common import (
    EXIT_GATE,
    ConfigOption,
    FormatOption,
    LangOption,
    MemoryLimitOption,
    NoColorOption,
    OutputOption,
    QuietOption,
    bundled_config,
    config_inputs,
    emit,
    memory_limited,
    note,
    refuse_inputs,
    report_language,
    user_errors,
)
from personalroi.cli.history_cmd import (
    HistoryOption,
    NoHistoryOption,
    audit_history,
    record_audit,
)
from personalroi.report.formats import Format

ORDER = 10
HELP = """Audit an experiment: data quality, every metric vs control, ROI, scorecard and gaps.

With no --config it audits the bundled sample.

Example: personalroi audit -c configs/example.yaml --format json -o result.json

In German: personalroi audit --lang de --format html -o bericht.html
"""

if TYPE_CHECKING:
    from personalroi.document.history import HistoryEntryJson


@user_errors
@memory_limited
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
    lang: LangOption = None,
    memory_limit: MemoryLimitOption = None,
) -> None:
    from personalroi.audit.gates import check_fail_under, gate_failures
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
    refuse_inputs(output, config_inputs(Path(path), cfg))
    check_fail_under(cfg, fail_under)
    if sequential:
        cfg = cfg.model_copy(
            update={"experiment": cfg.experiment.model_copy(update={"sequential": True})}
        )
    fingerprint = provenance_in_background(Path(path), cfg)
    past = audit_history(history, cfg.experiment.name, no_history)
    with scan_progress(quiet):
        audited = run_audit(cfg, seed=seed, history=past)
    result = result_to_dict(audited)
    result["provenance"] = fingerprint()
    trend: list[HistoryEntryJson] = []
    if not no_history:
        trend = record_audit(history, result, Path(path), quiet)
    emit(render(result, format, trend, report_language(lang)), output, no_color)
    failures = gate_failures(audited, fail_under=fail_under, strict=strict)
    if failures:
        # Even under --quiet: a cron log must say why the run failed.
        typer.echo(f"personalroi: gate failed: {'; '.join(failures)}", err=True)
        raise typer.Exit(EXIT_GATE)


def register(app: typer.Typer) -> None:
    app.command("audit", help=HELP)(audit)
