"""The audit's `attribution` section in human formats: personalized share per model and
arm (with each treatment's difference from control), channel credits per arm, findings.

Reads the JSON-shaped section (saved results render the same) into plain strings; the
markdown and HTML renderers lay them out and escape them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from personalroi.i18n import label, say, say_all, t
from personalroi.report import numbers

if TYPE_CHECKING:
    from personalroi.report.document import AuditJson


def title() -> str:
    return t("attribution.title")


def caption() -> str:
    return t("attribution.caption")


def model_name(model: str) -> str:
    """'time_decay' -> 'time decay' (German 'Time Decay'); a model the catalogue does not
    know reads as its key with spaces."""
    return label("model", model).replace("_", " ")


def _pp(x: float | None) -> str:
    return "–" if x is None else f"{numbers.fixed(x * 100, 1, signed=True)} {t('unit.pp')}"


def _diff(row: dict[str, Any] | None) -> str:
    if row is None or row.get("absolute_lift") is None:
        return ""
    ci = row.get("absolute_ci")
    bounds = (
        ""
        if not ci
        else f" [{numbers.fixed(ci[0] * 100, 1, True)}, {numbers.fixed(ci[1] * 100, 1, True)}]"
    )
    mark = " *" if row.get("significant") else ""
    return f"{_pp(row['absolute_lift'])}{bounds}{mark}"


def share_table(result: AuditJson) -> tuple[list[str], list[list[tuple[str, str]]]] | None:
    """Header (model, then arms) and rows of (share, difference from control) cells."""
    att = result.get("attribution")
    if not att:
        return None
    by_arm = att.get("by_arm") or {}
    exp = result["experiment"]
    arms = [a for a in [exp["control"], *exp["treatments"]] if a in by_arm]
    rows_by = {(r.get("arm"), r.get("model")): r for r in att.get("comparison") or []}
    rows = []
    for model in att.get("models") or []:
        cells = [(model_name(model), "")]
        for arm in arms:
            share = (by_arm[arm].get("personalized_share") or {}).get(model)
            cells.append((numbers.pct(share, signed=False), _diff(rows_by.get((arm, model)))))
        rows.append(cells)
    return [t("col.model"), *arms], rows


def channel_tables(result: AuditJson) -> list[tuple[str, list[str], list[list[str]]]]:
    """Per arm: a title, header (channel, then models) and rows of credited value."""
    att = result.get("attribution") or {}
    models = list(att.get("models") or [])
    out = []
    for arm, entry in (att.get("by_arm") or {}).items():
        credits = entry.get("models") or {}
        channels: list[str] = []
        for model in models:
            channels += [c for c in credits.get(model) or {} if c not in channels]
        rows = [
            [str(c), *(numbers.fixed((credits.get(m) or {}).get(c, 0.0)) for m in models)]
            for c in channels
        ]
        heading = t(
            "attribution.arm_title",
            arm=arm,
            conversions=numbers.count(entry.get("conversions", 0)),
            value=numbers.fixed(entry.get("total_value") or 0.0),
        )
        out.append((heading, [t("col.channel"), *(model_name(m) for m in models)], rows))
    return out


def findings(result: AuditJson) -> list[str]:
    """In the report's language; a result saved before the phrases keeps its English."""
    att = result.get("attribution") or {}
    said = say_all(att.get("finding_phrases"), att.get("findings") or [])
    if att.get("not_in_roi"):
        said.append(say(att.get("not_in_roi_phrase"), att["not_in_roi"]))
    return said
