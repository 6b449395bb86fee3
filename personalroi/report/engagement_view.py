"""The `engagement` section in every human format: one row per arm, then the findings.

`summary` reads the JSON-shaped section (so saved results render the same) into
plain cells; the table, markdown and HTML renderers only lay them out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from personalroi.i18n import say_all, t
from personalroi.report import numbers

if TYPE_CHECKING:
    from personalroi.report.document import AuditJson

HEADER_KEYS = ("arm", "r_time_conv", "pages_session", "one_page", "bounce_lift", "saved_month",
               "ctr_lift")  # fmt: skip


def header() -> list[str]:
    return [t(f"col.{key}") for key in HEADER_KEYS]


def _by_arm(rows: list[dict[str, Any]] | None) -> dict[str, dict[str, Any]]:
    return {r.get("arm", ""): r for r in rows or [] if r.get("segment") is None}


def _rate_lift(row: dict[str, Any] | None, control: bool) -> str:
    if row is None:
        return "–"
    if control:
        return numbers.pct(row.get("control_value"), signed=False)
    value = numbers.pct(row.get("treatment_value"), signed=False)
    mark = " *" if row.get("significant") else ""
    return f"{value} {numbers.pct(row.get('relative_lift'))}{mark}"


def summary(result: AuditJson) -> list[list[str]] | None:
    """Cells per arm (control first), in HEADER order; None without the section."""
    eng = result.get("engagement")
    parts = ("time_on_site", "pages", "bounce", "ctr")
    if not eng or not any(eng.get(k) for k in parts):
        return None
    exp = result["experiment"]
    control, arms = exp["control"], [exp["control"], *exp["treatments"]]
    corr = {c.get("arm"): c for c in (eng.get("time_on_site") or {}).get("correlation") or []}
    pages = {p.get("arm"): p for p in eng.get("pages") or []}
    bounce, ctr = _by_arm(eng.get("bounce")), _by_arm(eng.get("ctr"))
    cur = eng.get("currency", "")
    any_bounce = next(iter(bounce.values()), None)
    rows = []
    for arm in arms:
        r = corr.get(arm, {}).get("r")
        p = pages.get(arm)
        b = any_bounce if arm == control else bounce.get(arm)
        c = next(iter(ctr.values()), None) if arm == control else ctr.get(arm)
        value = None if arm == control or b is None else b.get("value_per_month")
        rows.append(
            [
                arm,
                numbers.fixed(r, 2, signed=True),
                numbers.fixed(None if p is None else p.get("mean"), 2),
                "–" if p is None else numbers.pct((p.get("shares") or {}).get("1"), signed=False),
                _rate_lift(b, arm == control),
                "–" if value is None else numbers.money(value, cur),
                _rate_lift(c, arm == control),
            ]
        )
    return rows


def caption() -> str:
    return t("engagement.caption")


def findings(result: AuditJson) -> list[str]:
    """In the report's language; a result saved before the phrases keeps its English."""
    eng = result.get("engagement") or {}
    return say_all(eng.get("finding_phrases"), eng.get("findings") or [])


def table_section(result: AuditJson) -> Any:
    """A rich renderable: the per-arm table and the findings; None without the section."""
    rows = summary(result)
    if rows is None:
        return None
    from rich.console import Group
    from rich.text import Text

    from personalroi.report.business_table import table

    out = table(t("engagement.title"))
    for i, col in enumerate(header()):
        out.add_column(col, justify="left" if i == 0 else "right", no_wrap=True)
    for row in rows:
        out.add_row(*row)
    out.caption = caption()
    out.caption_justify = "left"
    text = Text()
    for line in findings(result):
        text.append(f"• {line}\n")
    return Group(out, text) if text else out
