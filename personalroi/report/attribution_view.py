"""The audit's `attribution` section in human formats: personalized share per model and
arm (with each treatment's difference from control), channel credits per arm, findings.

Reads the JSON-shaped section (saved results render the same) into plain strings; the
markdown and HTML renderers lay them out and escape them.
"""

from __future__ import annotations

from typing import Any

from personalroi.report import numbers

TITLE = "Attribution: who gets the credit for each arm's conversions"
CAPTION = (
    "Share of each arm's converted value credited to personalized touches; for a "
    "treatment, the difference from control in percentage points [CI], * significant "
    "after correction (rule models; Markov has no interval)."
)


def _pp(x: float | None) -> str:
    return "–" if x is None else f"{x * 100:+.1f} pp"


def _diff(row: dict[str, Any] | None) -> str:
    if row is None or row.get("absolute_lift") is None:
        return ""
    ci = row.get("absolute_ci")
    bounds = "" if not ci else f" [{ci[0] * 100:+.1f}, {ci[1] * 100:+.1f}]"
    mark = " *" if row.get("significant") else ""
    return f"{_pp(row['absolute_lift'])}{bounds}{mark}"


def share_table(result: dict[str, Any]) -> tuple[list[str], list[list[tuple[str, str]]]] | None:
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
        cells = [(model.replace("_", " "), "")]
        for arm in arms:
            share = (by_arm[arm].get("personalized_share") or {}).get(model)
            cells.append((numbers.pct(share, signed=False), _diff(rows_by.get((arm, model)))))
        rows.append(cells)
    return ["model", *arms], rows


def channel_tables(result: dict[str, Any]) -> list[tuple[str, list[str], list[list[str]]]]:
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
            [str(c), *(f"{(credits.get(m) or {}).get(c, 0.0):,.2f}" for m in models)]
            for c in channels
        ]
        title = (
            f"{arm}: {entry.get('conversions', 0):,} conversions, "
            f"{entry.get('total_value') or 0.0:,.2f} converted value"
        )
        out.append((title, ["channel", *(m.replace("_", " ") for m in models)], rows))
    return out


def findings(result: dict[str, Any]) -> list[str]:
    att = result.get("attribution") or {}
    return [*(att.get("findings") or []), *([att["not_in_roi"]] if att.get("not_in_roi") else [])]
