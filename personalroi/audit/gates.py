"""Which gates a finished audit fails (exit code 1), and which gate options make no sense.

Gates: a guardrail that fails (significantly harmed, or non-inferiority not
shown), a sample ratio mismatch under --strict, and the score under the pass
mark (`--fail-under`, else `scorecard.pass_score`; without either the score
gates nothing).
"""

from __future__ import annotations

from personalroi.audit.result import AuditResult
from personalroi.audit.verdict import guardrail_failed
from personalroi.config.model import Config
from personalroi.errors import ConfigError


def check_fail_under(config: Config, fail_under: float | None) -> None:
    """--fail-under needs something to score: a metric goal or an ROI goal (exit 2 otherwise)."""
    if fail_under is None:
        return
    goals = any(m.goal is not None and m.weight > 0 for m in config.metrics.values())
    sc = config.scorecard
    if not goals and not (sc.roi_goal is not None and sc.roi_weight > 0):
        raise ConfigError(
            f"--fail-under {fail_under:g}: the config has no goals to score (no metric with a "
            "goal and a weight above 0, no scorecard.roi_goal). Add a goal, e.g. "
            "`goal: {relative_lift: 0.05}` on a metric, or drop --fail-under."
        )


def gate_failures(result: AuditResult, *, fail_under: float | None, strict: bool) -> list[str]:
    failures = []
    failed = [r for r in result.metrics if guardrail_failed(r)]
    harmed = sorted({f"{r.metric} in {r.arm}" for r in failed if r.non_inferiority is None})
    # With a guardrail_cutoff the gate is the non-inferiority test: harm within the
    # tolerance passes, and an interval reaching past the cutoff fails.
    not_shown = sorted(f"{r.metric} in {r.arm}" for r in failed if r.non_inferiority is not None)
    if harmed:
        failures.append(f"guardrail metric significantly harmed: {', '.join(harmed)}")
    if not_shown:
        failures.append(
            "guardrail non-inferiority not shown (the interval reaches past "
            f"guardrail_cutoff): {', '.join(not_shown)}"
        )
    if strict and not result.srm.ok:
        failures.append(f"sample ratio mismatch (p = {result.srm.p_value:.2g} < 0.001)")
    card = result.scorecard
    if card is None:
        return failures
    threshold = fail_under if fail_under is not None else card.pass_score
    if threshold is not None and card.score < threshold:
        failures.append(f"score {card.score:.1f} is below {threshold:g}")
    return failures
