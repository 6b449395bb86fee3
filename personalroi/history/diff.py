"""What changed between two audits: inputs, score, ROI and each metric's lift and verdict."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from personalroi.document import AuditJson
    from personalroi.document.core import MetricJson, ProvenanceJson
    from personalroi.document.history import AuditDiffJson, MetricChangeJson


def _top(result: AuditJson) -> dict[tuple[str, str], MetricJson]:
    return {(r["metric"], r["arm"]): r for r in result["metrics"] if r["dimension"] is None}


def _best_roi(result: AuditJson) -> float | None:
    rois = [roi for r in result.get("roi") or [] if (roi := r["roi"]) is not None]
    return max(rois) if rois else None


def _change(
    metric: str, arm: str, ra: MetricJson | None, rb: MetricJson | None
) -> MetricChangeJson:
    """The metric in audit a and in audit b; None on the side that lacks it."""
    status_a = None if ra is None else ra["status"]
    status_b = None if rb is None else rb["status"]
    either = ra or rb
    return {
        "metric": metric,
        "arm": arm,
        "type": None if either is None else either["type"],
        "status_a": status_a,
        "status_b": status_b,
        "relative_lift_a": None if ra is None else ra["relative_lift"],
        "relative_lift_b": None if rb is None else rb["relative_lift"],
        "absolute_lift_a": None if ra is None else ra["absolute_lift"],
        "absolute_lift_b": None if rb is None else rb["absolute_lift"],
        "changed": status_a != status_b,
    }


def _hashes(prov: ProvenanceJson | None) -> tuple[str | None, str | None]:
    """(config hash, data fingerprint); None for results recorded without them."""
    return (None, None) if prov is None else (prov["config_hash"], prov["data_fingerprint"])


def diff_results(a: AuditJson, b: AuditJson) -> AuditDiffJson:
    config_a, data_a = _hashes(a.get("provenance"))
    config_b, data_b = _hashes(b.get("provenance"))
    left, right = _top(a), _top(b)
    rows = [
        _change(metric, arm, left.get((metric, arm)), right.get((metric, arm)))
        for metric, arm in dict.fromkeys([*left, *right])
    ]
    card_a, card_b = a.get("scorecard"), b.get("scorecard")
    return {
        "config_changed": config_a != config_b,
        "data_changed": data_a != data_b,
        "score_a": card_a["score"] if card_a else None,
        "score_b": card_b["score"] if card_b else None,
        "roi_a": _best_roi(a),
        "roi_b": _best_roi(b),
        "metrics": rows,
    }
