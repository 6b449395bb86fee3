"""`history list`, `history diff` and `history trend` in the terminal.

They read the history's JSON forms (`HistoryEntryJson`, `AuditDiffJson`), so what the
table shows is what `--format json` prints. The trend is plain text, bars of
eighth-block characters (sub-character resolution), ROI diverging from a zero line so
losses and gains read at a glance; no ANSI, so it works in CI logs and under NO_COLOR.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from personalroi.report import numbers

if TYPE_CHECKING:
    from rich.console import RenderableType

    from personalroi.document.history import AuditDiffJson, HistoryEntryJson

BLOCKS = " ▏▎▍▌▋▊▉█"
WIDTH = 24
VERDICT_ORDER = ("met", "on track", "not significant", "missed", "harmful", "insufficient data")


def verdict_counts(verdicts: dict[str, dict[str, str]]) -> str:
    """'3 met, 1 harmful, 5 not significant' in a fixed order."""
    counts: dict[str, int] = {}
    for by_arm in verdicts.values():
        for status in by_arm.values():
            counts[status] = counts.get(status, 0) + 1
    keys = [k for k in VERDICT_ORDER if k in counts]
    keys += sorted(k for k in counts if k not in VERDICT_ORDER)
    return ", ".join(f"{counts[k]} {k}" for k in keys)


def _hash(value: str | None) -> str:
    return (value or "–").removeprefix("sha256:")[:8]


def entries_table(entries: Sequence[HistoryEntryJson]) -> RenderableType:
    from rich.table import Table

    table = Table(title="Audit history", title_justify="left")
    for col in ("id", "recorded at (UTC)", "experiment", "score", "best ROI", "config", "data"):
        table.add_column(col, justify="right" if col in ("id", "score", "best ROI") else "left")
    table.add_column("verdicts")
    for e in entries:
        score, roi = e["score"], e["roi"]
        table.add_row(
            str(e["id"]),
            e["recorded_at"].replace("T", " ")[:19],
            e["experiment"],
            "–" if score is None else f"{score:.1f}" + ("" if e["passed"] else " ✗"),
            "–" if roi is None else f"{numbers.pct(roi)} ({e['roi_arm']})",
            _hash(e["config_hash"]),
            _hash(e["data_fingerprint"]),
            verdict_counts(e["verdicts"]),
        )
    return table


def diff_table(a: int, b: int, changes: AuditDiffJson) -> RenderableType:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

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
        table.add_row(
            row["metric"],
            row["arm"],
            numbers.metric_lift(row["type"], row["relative_lift_a"], row["absolute_lift_a"]),
            numbers.metric_lift(row["type"], row["relative_lift_b"], row["absolute_lift_b"]),
            row["status_a"] or "–",
            row["status_b"] or "–",
            "changed" if row["changed"] else "",
            style="bold" if row["changed"] else "",
        )
    return Group(head, table)


def bar(fraction: float, width: int = WIDTH) -> str:
    """A left-aligned bar filling `fraction` (0..1) of `width` characters."""
    eighths = round(max(0.0, min(1.0, fraction)) * width * 8)
    full, rest = divmod(eighths, 8)
    text = "█" * full + (BLOCKS[rest] if rest else "")
    return text.ljust(width)


def diverging(value: float, scale: float, width: int = WIDTH) -> str:
    """Negative values grow left of the axis, positive ones right."""
    half = width // 2
    fraction = min(1.0, abs(value) / scale) if scale > 0 else 0.0
    if value < 0:
        return bar(fraction, half)[::-1].replace("▏", "▕") + "│" + " " * half
    return " " * half + "│" + bar(fraction, half)


def trend_lines(entries: Sequence[HistoryEntryJson]) -> list[str]:
    if not entries:
        return ["no audits recorded for this experiment yet"]
    rois = [abs(roi) for e in entries if (roi := e["roi"]) is not None]
    scale = max(rois) if rois else 1.0
    lines = [f"{'id':>4}  {'recorded at (UTC)':<19}  {'score (0-100)':<{WIDTH + 6}}  ROI (│ is 0)"]
    for e in entries:
        score, roi = e["score"], e["roi"]
        shown = f"{bar(score / 100)} {score:5.1f}" if score is not None else "–".ljust(WIDTH + 6)
        gain = f"{diverging(roi, scale)} {roi:+.1%}" if roi is not None else "–"
        when = e["recorded_at"].replace("T", " ")[:19]
        lines.append(f"{e['id']:>4}  {when:<19}  {shown}  {gain}")
    return lines
