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
    from personalroi.document.history import AuditDiffJson, HistoryEntryJson
    from personalroi.document.portfolio import PortfolioJson
    from personalroi.history.store import Entry
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


def _table(entries: list[Entry]) -> Any:
    from rich.table import Table

    from personalroi.history.summary import verdict_counts
    from personalroi.report import numbers

    table = Table(title="Audit history", title_justify="left")
    for col in ("id", "recorded at (UTC)", "experiment", "score", "best ROI", "config", "data"):
        table.add_column(col, justify="right" if col in ("id", "score", "best ROI") else "left")
    table.add_column("verdicts")
    for e in entries:
        table.add_row(
            str(e.id),
            e.recorded_at.replace("T", " ")[:19],
            e.experiment,
            "–" if e.score is None else f"{e.score:.1f}" + ("" if e.passed else " ✗"),
            "–" if e.roi is None else f"{numbers.pct(e.roi)} ({e.roi_arm})",
            (e.config_hash or "–").removeprefix("sha256:")[:8],
            (e.data_fingerprint or "–").removeprefix("sha256:")[:8],
            verdict_counts(e.verdicts),
        )
    return table


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

    found = entries(history_path(history), experiment, limit)
    if format is ListFormat.json:
        emit(_dump([e.brief() for e in found]), None, no_color)
    else:
        emit(_table(found), None, no_color)


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

    path = history_path(history)
    changes = diff_results(load_result(path, a)[1], load_result(path, b)[1])
    if format is ListFormat.json:
        emit(_dump({"a": a, "b": b, **changes}), None, no_color)
        return
    emit(_diff_table(a, b, changes), None, no_color)


def _diff_table(a: int, b: int, changes: AuditDiffJson) -> Any:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from personalroi.report import numbers

    def score(x: float | None) -> str:
        return "–" if x is None else f"{x:.1f}"

    head = Text(f"Audit {a} → {b}\n", style="bold")
    head.append(f"config: {'changed' if changes['config_changed'] else 'same'}   ")
    head.append(f"data: {'changed' if changes['data_changed'] else 'same'}\n")
    head.append(f"score: {score(changes['score_a'])} → {score(changes['score_b'])}   ")
    head.append(f"best ROI: {numbers.pct(changes['roi_a'])} → {numbers.pct(changes['roi_b'])}")
    table = Table(title="Metrics", title_justify="left")
    # "lift", not "rel. lift": NPS rows show points, every other metric a relative lift.
    for col in ("metric", "arm", f"lift {a}", f"lift {b}", f"status {a}", f"status {b}"):
        table.add_column(col)
    table.add_column("", justify="center")
    for row in changes["metrics"]:
        style = "bold" if row["changed"] else ""
        table.add_row(
            row["metric"],
            row["arm"],
            numbers.metric_lift(row["type"], row["relative_lift_a"], row["absolute_lift_a"]),
            numbers.metric_lift(row["type"], row["relative_lift_b"], row["absolute_lift_b"]),
            row["status_a"] or "–",
            row["status_b"] or "–",
            "changed" if row["changed"] else "",
            style=style,
        )
    return Group(head, table)


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
    from personalroi.history.chart import trend_lines
    from personalroi.history.store import entries

    path = history_path(history)
    if experiment is None:
        latest = entries(path, None, limit=1)
        experiment = latest[0].experiment if latest else None
    found = entries(path, experiment, limit) if experiment else []
    if format is ListFormat.json:
        typer.echo(_dump([e.brief() for e in found]), nl=False)
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
