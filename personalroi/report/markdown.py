"""Markdown for PR comments and review docs: verdict, ROI, scorecard, gaps, metrics.

Every user-supplied string goes through `text()`, so an experiment name or a
segment value cannot inject links, HTML or break a table.
"""

from __future__ import annotations

import re
from typing import Any

from personalroi.report import (
    attribution_view,
    baseline_view,
    clv_view,
    engagement_view,
    governance_view,
    money_view,
    numbers,
    trend_view,
    verdict_view,
)
from personalroi.report.verdict_view import top_rows

# Links need [ ], emphasis * _ ~, code `, tables |; HTML is entity-escaped separately.
_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_TONE = {"pass": "✅", "fail": "❌", "neutral": "➖"}


def text(value: Any) -> str:
    """Escape a user string for inline markdown (also safe inside table cells)."""
    s = " ".join(str(value).split())
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", s)


def _table(header: list[str], rows: list[list[str]], left: int = 1) -> list[str]:
    """A pipe table; the first `left` columns, arm and status read left, numbers right."""
    align = [
        "---" if i < left or h in ("arm", "status", "flag", "recommendation") else "--:"
        for i, h in enumerate(header)
    ]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(align) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return [*lines, ""]


def render_markdown(result: dict[str, Any]) -> str:
    exp = result["experiment"]
    out = [f"## personalroi audit: {text(exp['name'])}", ""]
    out += [f"**{_TONE[verdict_view.tone(result)]} {text(verdict_view.headline(result))}**", ""]
    reasons = verdict_view.reasons(result)
    out += [*(f"- {text(reason)}" for reason in reasons), ""] if reasons else []
    score = verdict_view.score_line(result)
    out += [text(score), ""] if score else []
    out += _summary(result)
    if exp.get("hypothesis") and not result.get("summary"):  # the summary quotes it
        out += [f"> Hypothesis: {text(exp['hypothesis'])}", ""]
    out += (
        f"Control **{text(exp['control'])}** vs "
        + ", ".join(f"**{text(t)}**" for t in exp["treatments"])
        + f"; alpha {exp['alpha']}, correction {text(exp.get('correction', 'none'))}.",
        "",
    )
    sections = (
        _roi,
        _roi_by_level,
        _scorecard,
        _gaps,
        _priorities,
        _metrics,
        _significant_segments,
        _baseline,
        _clv,
        _trend,
        _engagement,
        _attribution,
        governance_view.markdown_lines,
        _quality,
        _segments,
    )
    for section in sections:
        out += section(result)
    out.append(_footer(result))
    return "\n".join(out) + "\n"


def _summary(result: dict[str, Any]) -> list[str]:
    summary = result.get("summary")
    if not summary:
        return []
    lines = [
        f"- **{label}:** {text(summary[key])}"
        for key, label in verdict_view.SUMMARY_LABELS
        if summary.get(key)
    ]
    return ["### In short", "", *lines, ""]


def _roi(result: dict[str, Any]) -> list[str]:
    rows = result.get("roi") or []
    if not rows:
        return []
    cur = rows[0].get("currency", "")
    basis = str(rows[0].get("basis") or "revenue").replace("_", " ")
    out = [f"### ROI ({text(cur)}, {text(basis)} basis)", ""]
    body = [
        [
            text(r["arm"]),
            numbers.money(r.get("investment")),
            numbers.money(r.get("revenue_lift")),
            numbers.money(r.get("cost_savings")),
            money_view.roi_cell(r, numbers.pct),
            numbers.pct(r.get("probability_roi_positive"), signed=False),
            f"{r['benefit_cost_ratio']:.2f}" if r.get("benefit_cost_ratio") is not None else "–",
            money_view.payback(r, " months"),
            numbers.money(r.get("npv")),
            money_view.break_even(r),
        ]
        for r in rows
    ]
    header = ["arm", "investment", "revenue lift", "savings", "ROI [CI]", "P(ROI>0)"]
    out += _table([*header, "benefit/cost", "payback", "NPV", "break-even lift"], body)
    notes = money_view.notes(result)
    out += [*(f"- {text(n)}" for n in notes), ""] if notes else []
    for r in rows:
        cells = money_view.sensitivity_rows(r)
        if cells:
            out += [f"#### Sensitivity of {text(r['arm'])} ({text(cur)})", ""]
            out += [text(money_view.sensitivity_note(r)) + ".", ""]
            safe = [[text(c) for c in row] for row in cells]
            out += _table(money_view.SENSITIVITY_HEADER, safe)
    return out


def _scorecard(result: dict[str, Any]) -> list[str]:
    card = result.get("scorecard")
    if not card:
        return []
    out = [f"### {verdict_view.score_line(result)}"]
    body = [
        [
            text(i.get("name", "")),
            text(i.get("arm") or "–"),
            f"{i.get('weight', 0):g}",
            numbers.goal(i.get("goal"), i.get("goal_type")),
            numbers.goal(i.get("achieved"), i.get("goal_type")),
            numbers.pct(i.get("attainment"), signed=False),
            text(i.get("status", "")),
        ]
        for i in card.get("items", [])
    ]
    header = ["item", "arm", "weight", "goal", "achieved", "attainment", "status"]
    return [*out, "", *_table(header, body)]


def _gaps(result: dict[str, Any]) -> list[str]:
    gaps = result.get("gaps") or []
    if not gaps:
        return []
    body = [
        [
            text(g.get("severity", "")),
            text(g.get("area", "")),
            text(g.get("finding", "")),
            text(g.get("recommendation", "")),
        ]
        for g in gaps
    ]
    return [
        "### Gaps",
        "",
        *_table(["severity", "area", "finding", "recommendation"], body, left=4),
    ]


def _priorities(result: dict[str, Any]) -> list[str]:
    body = [[text(c) for c in row] for row in money_view.priority_rows(result)]
    if not body:
        return []
    return ["### Priorities", "", *_table(money_view.PRIORITY_HEADER, body)]


def _roi_by_level(result: dict[str, Any]) -> list[str]:
    body = [[text(c) for c in row] for row in money_view.level_rows(result)]
    if not body:
        return []
    note = text(money_view.LEVEL_NOTE) + "."
    return ["### ROI by level", "", note, "", *_table(money_view.LEVEL_HEADER, body, left=3)]


def _metric_cells(r: dict[str, Any], first: str) -> list[str]:
    kind = r["type"]
    return [
        first,
        text(r["arm"]),
        numbers.value(r["control_value"], kind),
        numbers.value(r["treatment_value"], kind),
        f"{numbers.lift(r['absolute_lift'], kind)} "
        + numbers.interval(r["absolute_ci"], lambda x, k=kind: numbers.lift(x, k)),
        numbers.metric_lift_text(r),
        numbers.p_value(r["p_value"]),
        numbers.p_value(r.get("p_value_adjusted")),
        numbers.pct(r.get("chance_to_beat_control"), signed=False),
        text(r["status"]),
    ]


_METRIC_HEADER = ["control", "treatment", "abs. lift [CI]", "rel. lift [CI]", "p", "p adj."]


def _metrics(result: dict[str, Any]) -> list[str]:
    body = [
        _metric_cells(r, text(r["metric"]) + (" (guardrail)" if r.get("guardrail") else ""))
        for r in top_rows(result)
    ]
    header = ["metric", "arm", *_METRIC_HEADER, "P(beat control)", "status"]
    return ["### Metrics: treatment vs control", "", *_table(header, body)]


def _view(
    view: tuple[str, list[str], list[list[str]]] | None, left: int, caption: str = ""
) -> list[str]:
    """A plain-cell view (title, header, rows) as a titled pipe table."""
    if view is None:
        return []
    title, header, rows = view
    body = [[text(c) for c in row] for row in rows]
    out = [f"### {text(title)}", "", *_table(header, body, left=left)]
    return out + ([f"<sub>{text(caption)}</sub>", ""] if caption else [])


def _baseline(result: dict[str, Any]) -> list[str]:
    return _view(baseline_view.baseline(result), 3, baseline_view.CAPTION)


def _clv(result: dict[str, Any]) -> list[str]:
    comparisons = _view(clv_view.comparisons(result), 2, clv_view.CAPTION)
    return _view(clv_view.arms(result), 1) + comparisons


def _trend(result: dict[str, Any]) -> list[str]:
    out: list[str] = []
    for view, folded in (
        (trend_view.exposure_weeks(result), False),
        (trend_view.calendar_periods(result), False),
        (trend_view.cohort_weeks(result), True),
    ):
        if view is None:
            continue
        title, header, rows = view
        table = _table(header, [[text(c) for c in row] for row in rows], left=2)
        if folded:
            out += [f"<details><summary>{text(title)}</summary>", "", *table, "</details>", ""]
        else:
            out += [f"### {text(title)}", "", *table]
    return out


def _engagement(result: dict[str, Any]) -> list[str]:
    rows = engagement_view.summary(result)
    if rows is None:
        return []
    body = [[text(cell) for cell in row] for row in rows]
    notes = [f"- {text(line)}" for line in engagement_view.findings(result)]
    return [
        "### Engagement insights",
        "",
        *_table(engagement_view.HEADER, body),
        f"<sub>{text(engagement_view.CAPTION)}</sub>",
        "",
        *notes,
        "",
    ]


def _attribution(result: dict[str, Any]) -> list[str]:
    shares = attribution_view.share_table(result)
    if shares is None:
        return []
    header, rows = shares
    body = [[text(f"{a} ({b})" if b else a) for a, b in row] for row in rows]
    out = [f"### {attribution_view.TITLE}", "", *_table([text(h) for h in header], body)]
    out += [f"<sub>{text(attribution_view.CAPTION)}</sub>", ""]
    out += [*(f"- {text(line)}" for line in attribution_view.findings(result)), ""]
    for title, head, credit_rows in attribution_view.channel_tables(result):
        table = _table(head, [[text(c) for c in row] for row in credit_rows])
        out += [f"<details><summary>{text(title)}</summary>", "", *table, "</details>", ""]
    return out


def _quality(result: dict[str, Any]) -> list[str]:
    dq = result["data_quality"]
    srm = dq["srm"]
    counts = ", ".join(f"{text(a)} {n:,}" for a, n in srm["observed"].items())
    ok = "ok" if srm["ok"] else "**MISMATCH: the split is not as planned**"
    out = ["### Data quality", "", f"- SRM p = {numbers.p_value(srm['p_value'])} ({counts}): {ok}"]
    checks = dq.get("checks", [])
    out += [
        f"- {text(c['status'])}: {text(c['name'])}: {text(c['detail'])}"
        for c in checks
        if c["status"] != "pass"
    ]
    passed = sum(c["status"] == "pass" for c in checks)
    return [*out, f"- {passed} of {len(checks)} checks passed", ""]


def _significant_segments(result: dict[str, Any]) -> list[str]:
    rows = verdict_view.significant_level_rows(result)
    if not rows:
        return []
    body = [
        _metric_cells(r, f"{text(r['metric'])}: {text(r['dimension'])} = {text(r['level'])}")
        for r in rows
    ]
    header = ["metric: segment", "arm", *_METRIC_HEADER, "P(beat control)", "status"]
    return ["### Segments with a significant difference", "", *_table(header, body)]


def _segments(result: dict[str, Any]) -> list[str]:
    rows = [r for r in result.get("metrics", []) if r.get("dimension") is not None]
    if not rows:
        return []
    body = [
        _metric_cells(r, f"{text(r['metric'])}: {text(r['dimension'])} = {text(r['level'])}")
        for r in rows
    ]
    header = ["metric: segment", "arm", *_METRIC_HEADER, "P(beat control)", "status"]
    summary = f"Segment breakdown ({len(rows)} rows)"
    return [f"<details><summary>{summary}</summary>", "", *_table(header, body), "</details>", ""]


def _footer(result: dict[str, Any]) -> str:
    tool = result.get("tool", {})
    parts = [f"{text(tool.get('name', 'personalroi'))} {text(tool.get('version', ''))}"]
    prov = result.get("provenance") or {}
    if prov.get("config_hash"):
        parts.append(f"config {text(prov['config_hash'][:12])}")
    if prov.get("data_fingerprint"):
        parts.append(f"data {text(prov['data_fingerprint'][:12])}")
    return "<sub>" + " · ".join(parts) + "</sub>"
