"""The headline verdict follows the audit's gates and says what the metrics show."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from personalroi.report.headline import headline

FIXTURE = Path(__file__).parent / "data" / "result_full.json"
FULL: dict[str, Any] = json.loads(FIXTURE.read_text())


def bare() -> dict[str, Any]:
    return {k: copy.deepcopy(v) for k, v in FULL.items() if k not in ("roi", "scorecard")}


def test_failed_scorecard_is_a_fail_with_the_roi() -> None:
    head = headline(FULL)
    assert (head.tone, head.verdict) == ("fail", "FAIL: score 63.5 is below 70")
    assert head.details[0] == "ROI of extreme: +67.0% [+12.0%, +125.0%], P(ROI > 0) = 99.0%"


def test_passed_scorecard() -> None:
    result = copy.deepcopy(FULL)
    result["scorecard"].update(score=80.0, passed=True)
    assert headline(result).verdict == "PASS: score 80.0 of 100 (pass mark 70)"


def test_harmed_guardrail_fails_even_without_a_scorecard() -> None:
    result = bare()
    row = next(r for r in result["metrics"] if r["guardrail"] and r["dimension"] is None)
    row["status"] = "harmful"
    head = headline(result)
    assert head.tone == "fail"
    assert (
        head.verdict
        == f"FAIL: guardrail metric significantly harmed: {row['metric']} in {row['arm']}"
    )


def test_without_scorecard_counts_significant_gains() -> None:
    head = headline(bare())
    assert (head.tone, head.verdict) == ("pass", "Significant gains in 2 of 14 metric comparisons")
    result = bare()
    for row in result["metrics"]:
        row["significant"] = False
    assert headline(result).verdict == "No significant difference yet"
