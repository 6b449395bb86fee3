"""The `governance` section as plain-text table cells, shared by the table, markdown and
HTML reports: the change log, lift before and after each change, the decisions on record.

Each function returns (title, header, rows) or None when there is nothing to show;
the renderers only escape and lay out.
"""

from __future__ import annotations

from typing import Any

from personalroi.report import numbers

Table = tuple[str, list[str], list[list[str]]]


def _section(result: dict[str, Any]) -> dict[str, Any]:
    return result.get("governance") or {}


def _lift(x: float | None, scale: str) -> str:
    if x is None:
        return "–"
    # Absolute lifts here are NPS points (the one metric without a relative lift).
    return numbers.pct(x) if scale == "relative" else f"{x:+.1f}"


def concurrent_line(result: dict[str, Any]) -> str | None:
    """'1 change went live during the test (2026-07-01 to 2026-08-31; at most 3 allowed)'."""
    gov = _section(result)
    if "concurrent_changes" not in gov:
        return None
    n = gov["concurrent_changes"]
    window = f"{gov.get('window_start') or 'start'} to {gov.get('window_end') or 'end'}"
    limit = gov.get("max_concurrent_changes")
    allowed = "" if limit is None else f"; at most {limit} allowed"
    over = " (over the limit)" if limit is not None and n > limit else ""
    verb = "change went" if n == 1 else "changes went"
    return f"{n} other {verb} live during the test ({window}{allowed}){over}"


def change_log(result: dict[str, Any]) -> Table | None:
    changes = _section(result).get("changes") or []
    if not changes:
        return None
    rows = [
        [
            c["date"],
            c["description"],
            "yes" if c["in_window"] else "no",
            "yes" if c["split"] else (c.get("note") or "–") if c["in_window"] else "–",
        ]
        for c in changes
    ]
    header = ["date", "change", "during the test", "before/after analysis"]
    return "Change log", header, rows


def before_after(result: dict[str, Any]) -> Table | None:
    entries = _section(result).get("with_without") or []
    if not entries:
        return None
    rows = [
        [
            f"{e['change']} ({e['date']})",
            e["metric"],
            e["arm"],
            _lift(e.get("lift_all"), e["scale"]),
            _lift(e.get("lift_before"), e["scale"]),
            _lift(e.get("lift_after"), e["scale"]),
            numbers.p_value(e.get("p_value_adjusted")),
            "shifts" if e.get("shifts") else "",
        ]
        for e in entries
    ]
    header = ["change", "metric", "arm", "all units", "before", "after", "p adj.", "reading"]
    changes = list(dict.fromkeys(row[0] for row in rows))
    title = BEFORE_AFTER
    if len(changes) == 1:  # the title names it
        title += f": {changes[0]}"
        header, rows = header[1:], [row[1:] for row in rows]
    return title, header, rows


def decisions(result: dict[str, Any]) -> Table | None:
    found = _section(result).get("decisions") or []
    if not found:
        return None
    rows = [
        [
            str(d["recorded_at"])[:10],
            str(d["audit_id"]),
            d["decision"],
            d["arm"],
            d["decided_by"],
            d.get("note") or "",
        ]
        for d in found
    ]
    return "Decisions on record", ["date", "audit", "decision", "arm", "by", "note"], rows


NUMERIC = ("all units", "before", "after", "p adj.", "audit")
BEFORE_AFTER = "Lift for units first exposed before and after each change"


CAPTION = (
    "Before/after: units first exposed before the change went live vs on or after it; "
    "relative lifts without CUPED (NPS in points); p adjusted across all changes."
)


def tables(result: dict[str, Any]) -> list[Table]:
    return [t for t in (change_log(result), before_after(result), decisions(result)) if t]


def table_section(result: dict[str, Any]) -> Any:
    """A rich renderable: the concurrent-change line and the tables; None without them."""
    line, found = concurrent_line(result), tables(result)
    if line is None and not found:
        return None
    from rich.console import Group
    from rich.text import Text

    from personalroi.report.business_table import table

    parts: list[Any] = [Text("Governance", style="bold")]
    if line:
        parts.append(Text(line))
    for title, header, rows in found:
        t = table(title)
        for col in header:
            t.add_column(col, justify="right" if col in NUMERIC else "left")
        for row in rows:
            t.add_row(*(Text(c) for c in row))  # Text: user strings print as they are
        parts += [Text(""), t]
        if title.startswith(BEFORE_AFTER):
            parts.append(Text(CAPTION, style="dim"))
    return Group(*parts)


def markdown_lines(result: dict[str, Any]) -> list[str]:
    line, found = concurrent_line(result), tables(result)
    if line is None and not found:
        return []
    from personalroi.report.markdown import text

    out = ["### Governance", ""]
    out += [text(line), ""] if line else []
    for title, header, rows in found:
        out += [f"**{text(title)}**", ""]
        align = ["--:" if h in NUMERIC else "---" for h in header]
        out += ["| " + " | ".join(header) + " |", "|" + "|".join(align) + "|"]
        out += ["| " + " | ".join(text(c) for c in row) + " |" for row in rows]
        out.append("")
        if title.startswith(BEFORE_AFTER):
            out += [f"<sub>{text(CAPTION)}</sub>", ""]
    return out


def html_view(result: dict[str, Any]) -> dict[str, Any] | None:
    """The template's governance block: the line, titled tables, the caption."""
    line, found = concurrent_line(result), tables(result)
    if line is None and not found:
        return None
    from personalroi.report.html_view import Cell, table

    def cell(text: str, column: str) -> Cell:
        return Cell(text, "num") if column in NUMERIC else Cell(text, "text")

    def cells(header: list[str], rows: list[list[str]]) -> Any:
        return table(
            header, [[cell(c, h) for c, h in zip(row, header, strict=True)] for row in rows]
        )

    return {
        "line": line,
        "tables": [
            (title, cells(header, rows), title.startswith(BEFORE_AFTER))
            for title, header, rows in found
        ],
        "caption": CAPTION,
    }
