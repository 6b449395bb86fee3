"""What changed between two audits: inputs, score, ROI and each metric's lift and verdict."""

from __future__ import annotations

from typing import Any


def _top(result: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {
        (r["metric"], r["arm"]): r for r in result.get("metrics", []) if r.get("dimension") is None
    }


def _best_roi(result: dict[str, Any]) -> float | None:
    rois = [r["roi"] for r in result.get("roi") or [] if r.get("roi") is not None]
    return max(rois) if rois else None


def diff_results(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    prov_a, prov_b = a.get("provenance") or {}, b.get("provenance") or {}
    rows = []
    left, right = _top(a), _top(b)
    for key in list(dict.fromkeys([*left, *right])):
        ra, rb = left.get(key, {}), right.get(key, {})
        rows.append(
            {
                "metric": key[0],
                "arm": key[1],
                # The type says how to read the lift: NPS in points (absolute), others relative.
                "type": ra.get("type") or rb.get("type"),
                "status_a": ra.get("status"),
                "status_b": rb.get("status"),
                "relative_lift_a": ra.get("relative_lift"),
                "relative_lift_b": rb.get("relative_lift"),
                "absolute_lift_a": ra.get("absolute_lift"),
                "absolute_lift_b": rb.get("absolute_lift"),
                "changed": ra.get("status") != rb.get("status"),
            }
        )
    card_a, card_b = a.get("scorecard") or {}, b.get("scorecard") or {}
    return {
        "config_changed": prov_a.get("config_hash") != prov_b.get("config_hash"),
        "data_changed": prov_a.get("data_fingerprint") != prov_b.get("data_fingerprint"),
        "score_a": card_a.get("score"),
        "score_b": card_b.get("score"),
        "roi_a": _best_roi(a),
        "roi_b": _best_roi(b),
        "metrics": rows,
    }
