"""`history portfolio` as a terminal table, markdown or an HTML page.

Reads the portfolio document (history/portfolio.py, JSON-shaped) and only lays it
out: which experiments count and how the totals are computed is decided there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from personalroi.i18n import current, label, say, say_all, t
from personalroi.report import numbers
from personalroi.report.markdown_text import text

if TYPE_CHECKING:
    from markupsafe import Markup
    from rich.console import RenderableType

    from personalroi.document.portfolio import (
        PortfolioExperimentJson,
        PortfolioJson,
        PortfolioTotalJson,
    )

HEADER_KEYS = ("experiment", "audit", "arm", "chosen_by", "investment", "benefit",
               "roi_ci_plain", "p_roi", "note")  # fmt: skip


def header() -> list[str]:
    return [t(f"col.{key}") for key in HEADER_KEYS]


def _chosen(x: PortfolioExperimentJson) -> str:
    if x["chosen_by"] == "decision":  # when: in the JSON and the audit's decisions table
        return t("portfolio.decided", decision=label("decision", x["decision"]), by=x["decided_by"])
    return t("portfolio.priority_one") if x["chosen_by"] == "priority" else "–"


def _total(total: PortfolioTotalJson) -> str:
    return t("portfolio.total", n=total["experiments_counted"])


def _not_counted(x: PortfolioExperimentJson) -> str:
    return "" if x["counted"] else t("portfolio.not_counted") + " "


def _roi(roi: float | None, ci: list[float] | None) -> str:
    return f"{numbers.pct(roi)} {numbers.interval(ci)}".strip()


def rows(doc: PortfolioJson) -> list[list[str]]:
    """One row per experiment and a last row of totals, as plain text."""
    total = doc["total"]
    cur = total.get("currency") or ""
    out = [
        [
            x["experiment"],
            numbers.count(x["audit_id"]),
            x["arm"] or "–",
            _chosen(x),
            numbers.money(x.get("investment"), cur if x["counted"] else x.get("currency") or ""),
            numbers.money(x.get("benefit"), cur if x["counted"] else x.get("currency") or ""),
            _roi(x.get("roi"), x.get("roi_ci")),
            numbers.pct(x.get("probability_roi_positive"), signed=False),
            _not_counted(x) + say(x.get("note_phrase"), x.get("note") or ""),
        ]
        for x in doc["experiments"]
    ]
    out.append(
        [
            _total(total),
            "",
            "",
            "",
            numbers.money(total.get("investment"), cur),
            numbers.money(total.get("benefit"), cur),
            _roi(total.get("roi"), total.get("roi_ci")),
            numbers.pct(total.get("probability_roi_positive"), signed=False),
            "",
        ]
    )
    return out


def caption(doc: PortfolioJson) -> list[str]:
    total = doc["total"]
    level = numbers.whole_pct(1 - total["alpha"], signed=False)
    basis = total.get("basis")
    named = t(f"basis.{basis}") if basis in ("gross_profit", "revenue") else str(basis or "–")
    method = say(total.get("method_phrase"), total["method"])
    notes = say_all(total.get("note_phrases"), total.get("notes") or [])
    return [t("portfolio.caption", basis=named, level=level, method=method), *notes]


def _pct_ci(roi: float | None, ci: list[float] | None) -> str:
    from personalroi.report.business_table import roi_pct

    return f"{roi_pct(roi)} [{roi_pct(ci[0])}, {roi_pct(ci[1])}]" if ci else roi_pct(roi)


def render_table(doc: PortfolioJson) -> RenderableType:
    """Fits 100 columns: whole percent, money without the currency (it is in the title),
    audit id and arm with the name, and who decided and every note below the table."""
    from rich.console import Group
    from rich.text import Text

    from personalroi.report.business_table import table

    total = doc["total"]
    cur = f" ({total['currency']})" if total.get("currency") else ""
    out = table(t("portfolio.title") + cur)
    out.add_column(t("col.experiment_audit_arm"), min_width=16)
    out.add_column(t("col.choice"), no_wrap=True)
    for key in ("investment", "benefit", "roi_ci_plain", "p_roi"):
        out.add_column(t(f"col.{key}"), justify="right", no_wrap=True)
    notes = Text()
    for x in doc["experiments"]:
        mark = "" if x["counted"] else " ✗"
        chosen = label("decision", x["decision"]) if x["chosen_by"] == "decision" else _chosen(x)
        name = Text(f"{x['experiment']} ({x['audit_id']}): {x['arm'] or '–'}{mark}")
        out.add_row(
            name,
            chosen,
            numbers.money(x.get("investment")),
            numbers.money(x.get("benefit")),
            _pct_ci(x.get("roi"), x.get("roi_ci")),
            numbers.pct(x.get("probability_roi_positive"), signed=False),
        )
        said = []
        if x["chosen_by"] == "decision":
            said.append(
                t(
                    "portfolio.decision_note",
                    decision=label("decision", x["decision"]),
                    arm=x["arm"],
                    by=x["decided_by"],
                    on=(x["decided_at"] or "")[:10],
                )
            )
        if note := x["note"]:
            said.append(_not_counted(x) + say(x["note_phrase"], note))
        if said:
            notes.append(f"{x['experiment']}: {'; '.join(said)}\n")
    out.add_section()
    out.add_row(_total(total), "",
              numbers.money(total.get("investment")), numbers.money(total.get("benefit")),
              _pct_ci(total.get("roi"), total.get("roi_ci")),
              numbers.pct(total.get("probability_roi_positive"), signed=False),
              style="bold")  # fmt: skip
    parts: list[Any] = [out]
    if notes:
        parts.append(notes)
    parts.append(Text("\n".join(caption(doc)), style="dim"))
    return Group(*parts)


def render_markdown(doc: PortfolioJson) -> str:
    body = [[text(c) for c in row] for row in rows(doc)]
    body[-1] = [f"**{c}**" if c else c for c in body[-1]]
    # Names and the note read left, figures right.
    names = header()
    align = ["---" if i < 4 or i == len(names) - 1 else "--:" for i in range(len(names))]
    out = [f"## {t('portfolio.title_markdown')}", ""]
    out += ["| " + " | ".join(names) + " |", "|" + "|".join(align) + "|"]
    out += ["| " + " | ".join(row) + " |" for row in body]
    out += ["", *(f"<sub>{text(line)}</sub>" for line in caption(doc))]
    return "\n".join(out) + "\n"


def chart(doc: PortfolioJson) -> Markup | None:
    """Benefit and investment per counted experiment, side by side (horizontal bars)."""
    from matplotlib.ticker import FuncFormatter

    from personalroi.report.html_charts import BAR_COLOR, _figure, _style, _svg, label

    shown = [x for x in doc["experiments"] if x["counted"]]
    if not shown:
        return None
    fig = _figure(7.5, 0.9 + 0.55 * len(shown))
    ax = fig.add_subplot()
    ys = range(len(shown))
    ax.barh([y + 0.2 for y in ys], [x["benefit"] for x in shown], 0.38,
            color=BAR_COLOR["gain"], label=t("col.benefit"))  # fmt: skip
    ax.barh([y - 0.2 for y in ys], [x["investment"] for x in shown], 0.38,
            color=BAR_COLOR["cost"], label=t("col.investment"))  # fmt: skip
    ax.set_yticks(list(ys), [label(f"{x['experiment']} · {x['arm']}") for x in shown])
    ax.invert_yaxis()
    ax.axvline(0, color="#24292f", linewidth=0.9)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: numbers.fixed(v, 0)))
    ax.set_xlabel(label(doc["total"].get("currency") or ""), fontsize=9)
    ax.legend(fontsize=8, frameon=False, loc="lower right")
    _style(ax)
    fig.tight_layout()
    return _svg(fig, "portfolio")


def render_html(doc: PortfolioJson) -> str:
    from personalroi.report.html import environment
    from personalroi.report.html_view import Cell, table

    body = rows(doc)
    cells = [[Cell(c, "long") if i == len(row) - 1 else c for i, c in enumerate(row)]
             for row in body]  # fmt: skip
    return (
        environment()
        .get_template("portfolio.html.j2")
        .render(
            lang=current().value,
            title=t("portfolio.title"),
            table=table(header(), cells, text_cols=4),
            chart=chart(doc),
            caption=caption(doc),
        )
    )
