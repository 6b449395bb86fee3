"""Findings across dimension levels: heterogeneity (Cochran's Q) and Simpson reversals.

The result is the JSON section `heterogeneity`: one entry per metric x arm x
dimension, with the Q test on the per-level relative lifts (absolute lifts
when a level has no relative lift), p-values adjusted across the section with
the experiment's correction, and a plain-language `finding` when the effect
differs significantly across levels (for a channel dimension: omnichannel
inconsistency) or when a significant overall lift and most per-level lifts
disagree in sign (Simpson).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from personalroi.audit.result import MetricRow
from personalroi.stats.correction import Correction, adjust
from personalroi.stats.heterogeneity import cochran_q, simpson_reversal


def lift_scale(rows: list[MetricRow]) -> tuple[str, list[float], list[float]]:
    """Relative lifts and SEs when every row has them, else absolute ones."""
    if all(r.comparison.relative_lift is not None and r.comparison.relative_se for r in rows):
        return (
            "relative",
            [r.comparison.relative_lift or 0.0 for r in rows],
            [r.comparison.relative_se or 0.0 for r in rows],
        )
    return (
        "absolute",
        [r.comparison.absolute_lift or 0.0 for r in rows],
        [r.comparison.absolute_se or 0.0 for r in rows],
    )


def heterogeneity_findings(
    rows: list[MetricRow], alpha: float, correction: Correction
) -> list[dict[str, Any]]:
    overall = {(r.metric, r.arm): r for r in rows if r.dimension is None}
    groups: dict[tuple[str, str, str], list[MetricRow]] = defaultdict(list)
    for r in rows:
        usable = r.comparison.ok and r.comparison.absolute_se is not None
        if r.dimension is not None and usable:
            groups[(r.metric, r.arm, r.dimension)].append(r)
    entries: list[dict[str, Any]] = []
    for (metric, arm, dimension), level_rows in groups.items():
        scale, estimates, ses = lift_scale(level_rows)
        test = cochran_q(estimates, ses)
        if test is None:
            continue
        top = overall.get((metric, arm))
        top_lift = None
        # Only a significant overall lift has a sign worth contradicting; noise flips signs.
        if top is not None and top.significant:
            c = top.comparison
            top_lift = c.relative_lift if scale == "relative" else c.absolute_lift
        entries.append(
            {
                "metric": metric,
                "arm": arm,
                "dimension": dimension,
                "scale": scale,
                "levels": {r.level: e for r, e in zip(level_rows, estimates, strict=True)},
                "q": test.q,
                "df": test.df,
                "p_value": test.p_value,
                "i_squared": test.i_squared,
                "simpson": top_lift is not None and simpson_reversal(top_lift, estimates),
            }
        )
    adjusted = adjust([e["p_value"] for e in entries], correction)
    for entry, p_adj in zip(entries, adjusted, strict=True):
        entry["p_value_adjusted"] = p_adj
        entry["heterogeneous"] = p_adj is not None and p_adj < alpha
        entry["finding"] = _finding(entry)
    return entries


def _finding(e: dict[str, Any]) -> str | None:
    parts = []
    what = f"{e['metric']} in {e['arm']}"
    if e["heterogeneous"]:
        lead = (
            "is inconsistent across channels (omnichannel)"
            if e["dimension"] == "channel"
            else f"differs across {e['dimension']} levels"
        )
        parts.append(
            f"the {e['scale']} lift of {what} {lead}: Cochran's Q = {e['q']:.1f} on "
            f"{e['df']} df, adjusted p = {e['p_value_adjusted']:.2g}, I^2 = {e['i_squared']:.0%}"
        )
    if e["simpson"]:
        parts.append(
            f"the overall lift of {what} points the other way from most {e['dimension']} "
            "levels (Simpson's paradox): check the arm mix per level before trusting the total"
        )
    return "; ".join(parts) or None
