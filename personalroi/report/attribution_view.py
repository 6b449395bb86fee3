"""The audit's `attribution` section in human formats: personalized share per model and
arm (with each treatment's difference from control), channel credits per arm, findings.

Reads the JSON-shaped section (saved results render the same) into plain strings; the
markdown and HTML renderers lay them out and escape them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from personalroi.i18n import label, say, say_all, t
from personalroi.report import numbers

if TYPE_CHECKING:
    from personalroi.document import AuditJson
    from personalroi.document.attribution import ShareComparisonJson


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


def _pp_bound(x: float | None) -> str:
    return numbers.fixed(None if x is None else x * 100, 1, True)


def _diff(row: ShareComparisonJson | None) -> str:
    if row is None or row["absolute_lift"] is None:
        return ""
    ci = row["absolute_ci"]
    bounds = "" if not ci else f" [{_pp_bound(ci[0])}, {_pp_bound(ci[1])}]"
    mark = " *" if row["significant"] else ""
    return f"{_pp(row['absolute_lift'])}{bounds}{mark}"


def share_table(result: AuditJson) -> tuple[list[str], list[list[tuple[str, str]]]] | None:
    """Header (model, then arms) and rows of (share, difference from control) cells."""
    att = result.get("attribution")
    if not att:
        return None
    by_arm = att["by_arm"]
    exp = result["experiment"]
    arms = [a for a in [exp["control"], *exp["treatments"]] if a in by_arm]
    rows_by = {(r["arm"], r["model"]): r for r in att["comparison"]}
    rows = []
    for model in att["models"]:
        cells = [(model_name(model), "")]
        for arm in arms:
            share = by_arm[arm]["personalized_share"].get(model)
            cells.append((numbers.pct(share, signed=False), _diff(rows_by.get((arm, model)))))
        rows.append(cells)
    return [t("col.model"), *arms], rows


def channel_tables(result: AuditJson) -> list[tuple[str, list[str], list[list[str]]]]:
    """Per arm: a title, header (channel, then models) and rows of credited value."""
    att = result.get("attribution")
    if not att:
        return []
    models = att["models"]
    out = []
    for arm, entry in att["by_arm"].items():
        credits = entry["models"]
        channels: list[str] = []
        for model in models:
            channels += [c for c in credits.get(model) or {} if c not in channels]
        rows = [
            [c, *(numbers.fixed((credits.get(m) or {}).get(c, 0.0)) for m in models)]
            for c in channels
        ]
        heading = t(
            "attribution.arm_title",
            arm=arm,
            conversions=numbers.count(entry["conversions"]),
            value=numbers.fixed(entry["total_value"]),
        )
        out.append((heading, [t("col.channel"), *(model_name(m) for m in models)], rows))
    return out


def findings(result: AuditJson) -> list[str]:
    """In the report's language; a result saved before the phrases keeps its English."""
    att = result.get("attribution")
    if not att:
        return []
    said = say_all(att.get("finding_phrases"), att["findings"])
    if att["not_in_roi"]:
        said.append(say(att.get("not_in_roi_phrase"), att["not_in_roi"]))
    return said
