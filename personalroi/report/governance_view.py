"""The `governance` section as plain-text table cells, shared by the table, markdown and
HTML reports: the change log, lift before and after each change, the decisions on record.

Each function returns (title, header, rows) or None when there is nothing to show;
the renderers only escape and lay out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from personalroi.i18n import label, t
from personalroi.report import numbers
from personalroi.report.markdown_text import text

if TYPE_CHECKING:
    from rich.console import RenderableType

    from personalroi.document import AuditJson
    from personalroi.document.governance import GovernanceJson
    from personalroi.report.html_view import Table as HtmlTable

Table = tuple[str, list[str], list[list[str]]]


def _section(result: AuditJson) -> GovernanceJson | None:
    return result.get("governance") or None


def _lift(x: float | None, scale: str) -> str:
    if x is None:
        return "–"
    # Absolute lifts here are NPS points (the one metric without a relative lift).
    return numbers.pct(x) if scale == "relative" else numbers.fixed(x, 1, signed=True)


def concurrent_line(result: AuditJson) -> str | None:
    """'1 change went live during the test (2026-07-01 to 2026-08-31; at most 3 allowed)'."""
    gov = _section(result)
    if gov is None or "concurrent_changes" not in gov:  # decisions only (`history show`)
        return None
    n = gov["concurrent_changes"]
    start = gov.get("window_start") or t("governance.start")
    end = gov.get("window_end") or t("governance.end")
    limit = gov.get("max_concurrent_changes")
    allowed = "" if limit is None else t("governance.allowed", limit=limit)
    over = t("governance.over_limit") if limit is not None and n > limit else ""
    key = "governance.concurrent_one" if n == 1 else "governance.concurrent_many"
    return t(key, n=n, start=start, end=end, allowed=allowed, over=over)


def change_log(result: AuditJson) -> Table | None:
    gov = _section(result)
    changes = gov.get("changes", []) if gov else []
    if not changes:
        return None
    rows = [
        [
            c["date"],
            c["description"],
            t("word.yes") if c["in_window"] else t("word.no"),
            t("word.yes") if c["split"] else (c["note"] or "–") if c["in_window"] else "–",
        ]
        for c in changes
    ]
    header = [t(f"col.{key}") for key in ("date", "change", "during_test_window", "split")]
    return t("governance.change_log"), header, rows


def before_after(result: AuditJson) -> Table | None:
    gov = _section(result)
    entries = gov.get("with_without", []) if gov else []
    if not entries:
        return None
    rows = [
        [
            f"{e['change']} ({e['date']})",
            e["metric"],
            e["arm"],
            _lift(e["lift_all"], e["scale"]),
            _lift(e["lift_before"], e["scale"]),
            _lift(e["lift_after"], e["scale"]),
            numbers.p_value(e["p_value_adjusted"]),
            label("reading", "shifts") if e["shifts"] else "",
        ]
        for e in entries
    ]
    keys = ("change", "metric", "arm", "all_units", "before", "after", "p_adj", "reading")
    header = [t(f"col.{key}") for key in keys]
    changes = list(dict.fromkeys(row[0] for row in rows))
    title = before_after_title()
    if len(changes) == 1:  # the title names it
        title += f": {changes[0]}"
        header, rows = header[1:], [row[1:] for row in rows]
    return title, header, rows


def decisions(result: AuditJson) -> Table | None:
    gov = _section(result)
    found = gov["decisions"] if gov else []
    if not found:
        return None
    rows = [
        [
            d["recorded_at"][:10],
            str(d["audit_id"]),
            label("decision", d["decision"]),
            d["arm"],
            d["decided_by"],
            d["note"] or "",
        ]
        for d in found
    ]
    keys = ("date", "audit", "decision", "arm", "by", "note")
    return t("governance.decisions"), [t(f"col.{key}") for key in keys], rows


def numeric() -> set[str]:
    """The columns that hold numbers (right-aligned)."""
    return {t(f"col.{key}") for key in ("all_units", "before", "after", "p_adj", "audit")}


def before_after_title() -> str:
    return t("governance.before_after")


def caption() -> str:
    return t("governance.caption")


def tables(result: AuditJson) -> list[Table]:
    return [t for t in (change_log(result), before_after(result), decisions(result)) if t]


def table_section(result: AuditJson) -> RenderableType | None:
    """A rich renderable: the concurrent-change line and the tables; None without them."""
    line, found = concurrent_line(result), tables(result)
    if line is None and not found:
        return None
    from rich.console import Group
    from rich.text import Text

    from personalroi.report.business_table import table

    parts: list[RenderableType] = [Text(t("governance.title"), style="bold")]
    if line:
        parts.append(Text(line))
    numbers_in = numeric()
    for title, header, rows in found:
        out = table(title)
        for col in header:
            out.add_column(col, justify="right" if col in numbers_in else "left")
        for row in rows:
            out.add_row(*(Text(c) for c in row))  # Text: user strings print as they are
        parts += [Text(""), out]
        if title.startswith(before_after_title()):
            parts.append(Text(caption(), style="dim"))
    return Group(*parts)


def markdown_lines(result: AuditJson) -> list[str]:
    line, found = concurrent_line(result), tables(result)
    if line is None and not found:
        return []
    out = [f"### {t('governance.title')}", ""]
    out += [text(line), ""] if line else []
    numbers_in = numeric()
    for title, header, rows in found:
        out += [f"**{text(title)}**", ""]
        align = ["--:" if h in numbers_in else "---" for h in header]
        out += ["| " + " | ".join(header) + " |", "|" + "|".join(align) + "|"]
        out += ["| " + " | ".join(text(c) for c in row) + " |" for row in rows]
        out.append("")
        if title.startswith(before_after_title()):
            out += [f"<sub>{text(caption())}</sub>", ""]
    return out


@dataclass(frozen=True)
class GovernanceBlock:
    """The HTML template's governance section."""

    line: str | None
    # (title, table, whether the before/after caption follows it)
    tables: list[tuple[str, HtmlTable, bool]]
    caption: str


def html_view(result: AuditJson) -> GovernanceBlock | None:
    """The template's governance block: the line, titled tables, the caption."""
    line, found = concurrent_line(result), tables(result)
    if line is None and not found:
        return None
    from personalroi.report.html_view import Cell, table

    numbers_in = numeric()

    def cell(text: str, column: str) -> Cell:
        return Cell(text, "num") if column in numbers_in else Cell(text, "text")

    def cells(header: list[str], rows: list[list[str]]) -> HtmlTable:
        return table(
            header, [[cell(c, h) for c, h in zip(row, header, strict=True)] for row in rows]
        )

    return GovernanceBlock(
        line,
        [
            (title, cells(header, rows), title.startswith(before_after_title()))
            for title, header, rows in found
        ],
        caption(),
    )
