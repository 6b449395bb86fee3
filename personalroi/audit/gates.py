"""Which gates a finished audit fails (exit code 1), read from the JSON-shaped result."""

from __future__ import annotations

from typing import Any


def gate_failures(result: dict[str, Any], *, fail_under: float | None, strict: bool) -> list[str]:
    failures = []
    harmed = sorted(
        {
            f"{r['metric']} in {r['arm']}"
            for r in result["metrics"]
            if r["guardrail"]
            and r["dimension"] is None
            and r["status"] == "harmful"
            and r.get("non_inferiority") is None
        }
    )
    # With a guardrail_cutoff the gate is the non-inferiority test: harm within the
    # tolerance passes, and an interval reaching past the cutoff fails.
    not_shown = sorted(
        f"{r['metric']} in {r['arm']}"
        for r in result["metrics"]
        if r["guardrail"]
        and r["dimension"] is None
        and r.get("non_inferiority") is not None
        and not r["non_inferiority"]["passed"]
    )
    if harmed:
        failures.append(f"guardrail metric significantly harmed: {', '.join(harmed)}")
    if not_shown:
        failures.append(
            "guardrail non-inferiority not shown (the interval reaches past "
            f"guardrail_cutoff): {', '.join(not_shown)}"
        )
    srm = result["data_quality"]["srm"]
    if strict and not srm["ok"]:
        failures.append(f"sample ratio mismatch (p = {srm['p_value']:.2g} < 0.001)")
    scorecard = result.get("scorecard")
    if scorecard is not None:
        threshold = fail_under if fail_under is not None else scorecard.get("pass_score")
        if threshold is not None and scorecard["score"] < threshold:
            failures.append(f"score {scorecard['score']:.1f} is below {threshold:g}")
    elif fail_under is not None:
        failures.append("--fail-under needs a scorecard (metrics with goals or a roi_goal)")
    return failures
