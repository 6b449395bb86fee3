"""`personalroi history`: list, show, diff and trend earlier audits."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from personalroi.cli.common import (
    FormatOption,
    LangOption,
    NoColorOption,
    OutputOption,
    emit,
    note,
    refuse_inputs,
    report_language,
    user_errors,
)
from personalroi.report.formats import Format

if TYPE_CHECKING:
    from personalroi.document import AuditJson
    from personalroi.document.history import HistoryEntryJson
    from personalroi.document.portfolio import PortfolioJson
    from personalroi.scorecard.cadence import AuditHistory

ORDER = 70
HELP = """List, show, diff and trend earlier audits, record decisions, total the programme.

Every `personalroi audit` is recorded (unless --no-history) in the user's data
folder, or in --history PATH / $PERSONALROI_HISTORY.

Example: personalroi history list
         personalroi history trend
         personalroi history diff 3 4
         personalroi history show 4 --format html -o audit-4.html
         personalroi history decide 4 --decision rollout --arm extreme --by 'Ana Silva'
         personalroi history portfolio
"""

HistoryOption = Annotated[
    Path | None,
    typer.Option(
        "--history",
        help="History file (default: $PERSONALROI_HISTORY or the user data folder).",
        show_default=False,
    ),
]
NoHistoryOption = Annotated[
    bool, typer.Option("--no-history", help="Do not record this audit in the history.")
]


class ListFormat(str, Enum):
    table = "table"
    json = "json"


ListFormatOption = Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")]
ExperimentOption = Annotated[
    str | None, typer.Option("--experiment", "-e", help="Only this experiment (by name).")
]

history_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None, help=HELP)


def history_path(option: Path | None) -> Path:
    from personalroi.history.paths import default_history_path

    return option if option is not None else default_history_path()


def record_audit(
    option: Path | None, result: AuditJson, config_path: Path, quiet: bool
) -> list[HistoryEntryJson]:
    """Record a finished audit; return this experiment's history (oldest first) for the trend.

    A history that cannot be written is a warning, not a failure: the audit itself ran.
    """
    from personalroi.history.store import HistoryError, entries, record

    path = history_path(option)
    try:
        audit_id = record(path, result, config_path)
        past = entries(path, str(result["experiment"]["name"]), limit=100)
    except HistoryError as exc:
        note(f"personalroi: warning: audit not recorded in the history: {exc}", quiet)
        return []
    note(f"personalroi: recorded as audit {audit_id} in {path}", quiet)
    return [e.brief() for e in past]


def audit_history(option: Path | None, experiment: str, no_history: bool) -> AuditHistory:
    """What the history knows of this experiment, for the audit's cadence rule."""
    from personalroi.history.store import HistoryError, decisions, last_audit_time
    from personalroi.scorecard.cadence import NO_HISTORY, AuditHistory

    if no_history:
        return NO_HISTORY
    path = history_path(option)
    try:
        last = last_audit_time(path, experiment)
        # Decisions on record reach the audit as data, like the cadence's last audit time.
        found = tuple(decisions(path, experiment)) if last is not None else ()
        return AuditHistory(kept=True, last_audit=last, decisions=found)
    except HistoryError as exc:
        return AuditHistory(kept=False, problem=f"the audit history could not be read ({exc})")


def _dump(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


@history_app.command(
    "list",
    help="List recorded audits, oldest first.\n\nExample: personalroi history list --limit 20",
)
@user_errors
def list_(
    history: HistoryOption = None,
    experiment: ExperimentOption = None,
    limit: Annotated[int, typer.Option(min=1, help="Show the newest N audits.")] = 50,
    format: ListFormatOption = ListFormat.table,
    no_color: NoColorOption = False,
) -> None:
    from personalroi.history.store import entries
    from personalroi.report.history_view import entries_table

    found = [e.brief() for e in entries(history_path(history), experiment, limit)]
    emit(_dump(found) if format is ListFormat.json else entries_table(found), None, no_color)


@history_app.command(
    "show",
    help="Render a recorded audit in any output format.\n\n"
    "Example: personalroi history show 4 --format markdown",
)
@user_errors
def show(
    audit_id: Annotated[int, typer.Argument(help="Audit id from `history list`.")],
    history: HistoryOption = None,
    format: FormatOption = Format.table,
    output: OutputOption = None,
    no_color: NoColorOption = False,
    lang: LangOption = None,
) -> None:
    from personalroi.history.decisions_view import with_decisions
    from personalroi.history.store import decisions, entries, load_result
    from personalroi.report.saved import render_saved

    path = history_path(history)
    refuse_inputs(output, [path])
    entry, result = load_result(path, audit_id)
    past = [e.brief() for e in entries(path, entry.experiment) if e.id <= audit_id][-100:]
    # The decisions taken on this audit (and earlier ones) came after it was recorded.
    result = with_decisions(result, decisions(path, entry.experiment, up_to_audit=audit_id))
    where = f"{path}: audit {audit_id}"
    rendered = render_saved(result, format, where, past, report_language(lang))
    emit(rendered, output, no_color)


@history_app.command(
    "diff", help="What changed between two audits.\n\nExample: personalroi history diff 3 4"
)
@user_errors
def diff(
    a: Annotated[int, typer.Argument(help="Earlier audit id.")],
    b: Annotated[int, typer.Argument(help="Later audit id.")],
    history: HistoryOption = None,
    format: ListFormatOption = ListFormat.table,
    no_color: NoColorOption = False,
) -> None:
    from personalroi.history.diff import diff_results
    from personalroi.history.store import load_result
    from personalroi.report.history_view import diff_table

    path = history_path(history)
    changes = diff_results(load_result(path, a)[1], load_result(path, b)[1])
    if format is ListFormat.json:
        emit(_dump({"a": a, "b": b, **changes}), None, no_color)
        return
    emit(diff_table(a, b, changes), None, no_color)


@history_app.command(
    "trend",
    help="Score and ROI over time, as a terminal chart.\n\n"
    "Example: personalroi history trend --experiment 'Homepage personalization Q3'",
)
@user_errors
def trend(
    history: HistoryOption = None,
    experiment: Annotated[
        str | None,
        typer.Option("--experiment", "-e", help="Experiment name (default: the latest audited)."),
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="The newest N audits.")] = 30,
    format: ListFormatOption = ListFormat.table,
) -> None:
    from personalroi.history.store import entries
    from personalroi.report.history_view import trend_lines

    path = history_path(history)
    if experiment is None:
        latest = entries(path, None, limit=1)
        experiment = latest[0].experiment if latest else None
    found = [e.brief() for e in entries(path, experiment, limit)] if experiment else []
    if format is ListFormat.json:
        typer.echo(_dump(found), nl=False)
        return
    typer.echo(f"Score and ROI over time: {experiment or '(no audits)'}")
    typer.echo("\n".join(trend_lines(found)))


@history_app.command(
    "decide",
    help="Record a decision taken on an audit: rollout, stop or continue one arm.\n\n"
    "The next audit of the experiment shows it, `history show` too, and "
    "`history portfolio` counts the decided arm (a stopped experiment not at all).\n\n"
    "Example: personalroi history decide 4 --decision rollout --arm extreme "
    "--by 'Ana Silva' --note 'Q3 review'",
)
@user_errors
def decide(
    audit_id: Annotated[int, typer.Argument(help="Audit id from `history list`.")],
    decision: Annotated[
        str, typer.Option("--decision", "-d", help="rollout, stop or continue.", show_default=False)
    ],
    arm: Annotated[
        str, typer.Option("--arm", help="The treatment arm decided on.", show_default=False)
    ],
    by: Annotated[str, typer.Option("--by", help="Who decided.", show_default=False)],
    note_text: Annotated[
        str | None, typer.Option("--note", help="Why, or where it was decided.")
    ] = None,
    history: HistoryOption = None,
) -> None:
    from personalroi.history.store import record_decision

    path = history_path(history)
    d = record_decision(path, audit_id, decision, arm, by, note_text)
    typer.echo(
        f"recorded decision {d.id}: {d.decision} {d.arm} for {d.experiment!r} "
        f"(audit {d.audit_id}), by {d.decided_by}"
    )


class PortfolioFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"
    html = "html"


@history_app.command(
    "portfolio",
    help="The programme: the latest audit of each experiment, its chosen arm (the decision "
    "in force, else priority #1) and the totals: investment, benefit, ROI with an "
    "interval, P(ROI>0).\n\n"
    "Example: personalroi history portfolio --format html -o programme.html",
)
@user_errors
def portfolio(
    history: HistoryOption = None,
    format: Annotated[
        PortfolioFormat, typer.Option("--format", "-f", help="Output format.")
    ] = PortfolioFormat.table,
    output: OutputOption = None,
    alpha: Annotated[
        float,
        typer.Option(min=0.0001, max=0.5, help="1 - confidence level of the programme interval."),
    ] = 0.05,
    currency: Annotated[
        str | None,
        typer.Option("--currency", help="Total only the experiments in this currency."),
    ] = None,
    no_color: NoColorOption = False,
    lang: LangOption = None,
) -> None:
    from personalroi.history.portfolio import portfolio_from_history
    from personalroi.i18n import using
    from personalroi.report.json_format import clean
    from personalroi.report.portfolio import render_html, render_markdown, render_table

    doc: PortfolioJson = clean(portfolio_from_history(history_path(history), alpha, currency))
    renderers = {
        PortfolioFormat.table: render_table,
        PortfolioFormat.json: _dump,
        PortfolioFormat.markdown: render_markdown,
        PortfolioFormat.html: render_html,
    }
    with using(report_language(lang)):  # JSON keeps its English keys whatever the language
        emit(renderers[format](doc), output, no_color)


def register(app: typer.Typer) -> None:
    app.add_typer(history_app, name="history", help=HELP)
