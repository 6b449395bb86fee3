"""The `engagement` section in every human format: one row per arm, then the findings.

`summary` reads the JSON-shaped section (so saved results render the same) into
plain cells; the table, markdown and HTML renderers only lay them out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeVar

from personalroi.i18n import say_all, t
from personalroi.report import numbers

if TYPE_CHECKING:
    from rich.console import RenderableType

    from personalroi.document import AuditJson
    from personalroi.document.engagement import BounceJson, CtrJson, TestedRowJson

HEADER_KEYS = ("arm", "r_time_conv", "pages_session", "one_page", "bounce_lift", "saved_month",
               "ctr_lift")  # fmt: skip
Row = TypeVar("Row", "BounceJson", "CtrJson")  # a row _by_arm picks, as it was given


def header() -> list[str]:
    return [t(f"col.{key}") for key in HEADER_KEYS]


def _by_arm(rows: Sequence[Row] | None) -> dict[str, Row]:
    """The all-units row of each arm (segment rows left out)."""
    return {r["arm"]: r for r in rows or [] if r["segment"] is None}


def _rate_lift(row: TestedRowJson | None, control: bool) -> str:
    if row is None:
        return "–"
    if control:
        return numbers.pct(row["control_value"], signed=False)
    value = numbers.pct(row["treatment_value"], signed=False)
    mark = " *" if row["significant"] else ""
    return f"{value} {numbers.pct(row['relative_lift'])}{mark}"


def summary(result: AuditJson) -> list[list[str]] | None:
    """Cells per arm (control first), in HEADER order; None without the section."""
    eng = result.get("engagement")
    if not eng or not any((eng["time_on_site"], eng["pages"], eng["bounce"], eng["ctr"])):
        return None
    exp = result["experiment"]
    control, arms = exp["control"], [exp["control"], *exp["treatments"]]
    time_on_site = eng["time_on_site"]
    corr = {c["arm"]: c for c in (time_on_site["correlation"] if time_on_site else [])}
    pages = {p["arm"]: p for p in eng["pages"] or []}
    bounce, ctr = _by_arm(eng["bounce"]), _by_arm(eng["ctr"])
    cur = eng["currency"]
    any_bounce = next(iter(bounce.values()), None)
    rows = []
    for arm in arms:
        arm_corr = corr.get(arm)
        r = None if arm_corr is None else arm_corr["r"]
        p = pages.get(arm)
        b = any_bounce if arm == control else bounce.get(arm)
        c = next(iter(ctr.values()), None) if arm == control else ctr.get(arm)
        value = None if arm == control or b is None else b["value_per_month"]
        rows.append(
            [
                arm,
                numbers.fixed(r, 2, signed=True),
                numbers.fixed(None if p is None else p["mean"], 2),
                "–" if p is None else numbers.pct(p["shares"].get("1"), signed=False),
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
    eng = result.get("engagement")
    if eng is None:
        return []
    return say_all(eng.get("finding_phrases"), eng["findings"])


def table_section(result: AuditJson) -> RenderableType | None:
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
