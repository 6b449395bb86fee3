"""Markdown for PR comments and review docs: verdict, ROI, scorecard, gaps, metrics.

Every user-supplied string goes through `text()`, so an experiment name or a
segment value cannot inject links, HTML or break a table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from personalroi.i18n import label, say, t
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
from personalroi.report.markdown_text import pipe_table, text
from personalroi.report.verdict_view import top_rows

if TYPE_CHECKING:
    from personalroi.document import AuditJson
    from personalroi.document.core import MetricJson

_TONE = {"pass": "✅", "fail": "❌", "neutral": "➖"}


def render_markdown(result: AuditJson) -> str:
    exp = result["experiment"]
    out = [f"## {t('report.title', name=text(exp['name']))}", ""]
    out += [f"**{_TONE[verdict_view.tone(result)]} {text(verdict_view.headline(result))}**", ""]
    reasons = verdict_view.reasons(result)
    out += [*(f"- {text(reason)}" for reason in reasons), ""] if reasons else []
    score = verdict_view.score_line(result)
    out += [text(score), ""] if score else []
    out += _summary(result)
    if exp.get("hypothesis") and not result.get("summary"):  # the summary quotes it
        out += [f"> {t('header.hypothesis', hypothesis=text(exp['hypothesis']))}", ""]
    arms = ", ".join(f"**{text(arm)}**" for arm in exp["treatments"])
    out += [
        t(
            "markdown.setup",
            control=f"**{text(exp['control'])}**",
            arms=arms,
            alpha=exp["alpha"],
            correction=text(exp.get("correction", "none")),
        ),
        "",
    ]
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


def _summary(result: AuditJson) -> list[str]:
    if not result.get("summary"):
        return []
    lines = [f"- **{name}:** {text(said)}" for name, said in verdict_view.summary_items(result)]
    return [f"### {t('summary.title_markdown')}", "", *lines, ""]


def _roi(result: AuditJson) -> list[str]:
    rows = result.get("roi") or []
    if not rows:
        return []
    cur = rows[0].get("currency", "")
    basis = t("basis.gross_profit" if rows[0].get("basis") == "gross_profit" else "basis.revenue")
    out = [f"### {t('roi.title_markdown', currency=text(cur), basis=basis)}", ""]
    body = [
        [
            text(r["arm"]),
            numbers.money(r.get("investment")),
            numbers.money(r.get("revenue_lift")),
            numbers.money(r.get("cost_savings")),
            money_view.roi_cell(r, numbers.pct),
            numbers.pct(r.get("probability_roi_positive"), signed=False),
            numbers.ratio(r.get("benefit_cost_ratio")),
            money_view.payback(r, short=False),
            numbers.money(r.get("npv")),
            money_view.break_even(r),
        ]
        for r in rows
    ]
    keys = ("arm", "investment", "revenue_lift", "savings", "roi_ci_plain", "p_roi",
            "benefit_cost", "payback", "npv", "break_even_lift")  # fmt: skip
    out += pipe_table([t(f"col.{key}") for key in keys], body)
    notes = money_view.notes(result)
    out += [*(f"- {text(n)}" for n in notes), ""] if notes else []
    for r in rows:
        cells = money_view.sensitivity_rows(r)
        if cells:
            title = t("sensitivity.title_markdown", arm=text(r["arm"]), currency=text(cur))
            out += [f"#### {title}", ""]
            out += [text(money_view.sensitivity_note(r)) + ".", ""]
            safe = [[text(c) for c in row] for row in cells]
            out += pipe_table(money_view.sensitivity_header(), safe)
    return out


def _scorecard(result: AuditJson) -> list[str]:
    card = result.get("scorecard")
    if not card:
        return []
    out = [f"### {verdict_view.score_line(result)}"]
    body = [
        [
            text(i.get("name", "")),
            text(i.get("arm") or "–"),
            numbers.weight(i.get("weight", 0)),
            numbers.goal(i.get("goal"), i.get("goal_type")),
            numbers.goal(i.get("achieved"), i.get("goal_type")),
            numbers.pct(i.get("attainment"), signed=False),
            text(label("status", i.get("status", ""))),
        ]
        for i in card.get("items", [])
    ]
    keys = ("item", "arm", "weight", "goal", "achieved", "attainment", "status")
    return [*out, "", *pipe_table([t(f"col.{key}") for key in keys], body)]


def _gaps(result: AuditJson) -> list[str]:
    gaps = result.get("gaps") or []
    if not gaps:
        return []
    body = [
        [
            text(label("severity", g.get("severity", ""))),
            text(label("area", g.get("area", ""))),
            text(verdict_view.gap_finding(g)),
            text(verdict_view.gap_recommendation(g)),
        ]
        for g in gaps
    ]
    header = [t(f"col.{key}") for key in ("severity", "area", "finding", "recommendation")]
    return [f"### {t('gaps.title')}", "", *pipe_table(header, body, left=4)]


def _priorities(result: AuditJson) -> list[str]:
    body = [[text(c) for c in row] for row in money_view.priority_rows(result)]
    if not body:
        return []
    return [f"### {t('priorities.title')}", "", *pipe_table(money_view.priority_header(), body)]


def _roi_by_level(result: AuditJson) -> list[str]:
    body = [[text(c) for c in row] for row in money_view.level_rows(result)]
    if not body:
        return []
    note = text(money_view.level_note()) + "."
    table = pipe_table(money_view.level_header(), body, left=3)
    return [f"### {t('roi_level.title')}", "", note, "", *table]


def _metric_cells(r: MetricJson, first: str) -> list[str]:
    kind = r["type"]
    return [
        first,
        text(r["arm"]),
        numbers.value(r["control_value"], kind),
        numbers.value(r["treatment_value"], kind),
        f"{numbers.lift(r['absolute_lift'], kind)} "
        + numbers.interval(r["absolute_ci"], lambda x: numbers.lift(x, kind)),
        numbers.metric_lift_text(r),
        numbers.p_value(r["p_value"]),
        numbers.p_value(r.get("p_value_adjusted")),
        numbers.pct(r.get("chance_to_beat_control"), signed=False),
        text(label("status", r["status"])),
    ]


def _metric_header(first: str) -> list[str]:
    keys = ("arm", "control", "treatment", "abs_lift_ci", "rel_lift_ci", "p", "p_adj",
            "p_beat", "status")  # fmt: skip
    return [t(f"col.{first}"), *(t(f"col.{key}") for key in keys)]


def _metrics(result: AuditJson) -> list[str]:
    guardrail = " " + t("metrics.guardrail")
    body = [
        _metric_cells(r, text(r["metric"]) + (guardrail if r.get("guardrail") else ""))
        for r in top_rows(result)
    ]
    return [f"### {t('metrics.title_markdown')}", "", *pipe_table(_metric_header("metric"), body)]


def _view(
    view: tuple[str, list[str], list[list[str]]] | None, left: int, caption: str = ""
) -> list[str]:
    """A plain-cell view (title, header, rows) as a titled pipe table."""
    if view is None:
        return []
    title, header, rows = view
    body = [[text(c) for c in row] for row in rows]
    out = [f"### {text(title)}", "", *pipe_table(header, body, left=left)]
    return out + ([f"<sub>{text(caption)}</sub>", ""] if caption else [])


def _baseline(result: AuditJson) -> list[str]:
    return _view(baseline_view.baseline(result), 3, baseline_view.caption())


def _clv(result: AuditJson) -> list[str]:
    comparisons = _view(clv_view.comparisons(result), 2, clv_view.caption())
    return _view(clv_view.arms(result), 1) + comparisons


def _trend(result: AuditJson) -> list[str]:
    out: list[str] = []
    for view, folded in (
        (trend_view.exposure_weeks(result), False),
        (trend_view.calendar_periods(result), False),
        (trend_view.cohort_weeks(result), True),
    ):
        if view is None:
            continue
        title, header, rows = view
        table = pipe_table(header, [[text(c) for c in row] for row in rows], left=2)
        if folded:
            out += [f"<details><summary>{text(title)}</summary>", "", *table, "</details>", ""]
        else:
            out += [f"### {text(title)}", "", *table]
    return out


def _engagement(result: AuditJson) -> list[str]:
    rows = engagement_view.summary(result)
    if rows is None:
        return []
    body = [[text(cell) for cell in row] for row in rows]
    notes = [f"- {text(line)}" for line in engagement_view.findings(result)]
    return [
        f"### {t('engagement.title')}",
        "",
        *pipe_table(engagement_view.header(), body),
        f"<sub>{text(engagement_view.caption())}</sub>",
        "",
        *notes,
        "",
    ]


def _attribution(result: AuditJson) -> list[str]:
    shares = attribution_view.share_table(result)
    if shares is None:
        return []
    header, rows = shares
    body = [[text(f"{a} ({b})" if b else a) for a, b in row] for row in rows]
    out = [f"### {attribution_view.title()}", "", *pipe_table([text(h) for h in header], body)]
    out += [f"<sub>{text(attribution_view.caption())}</sub>", ""]
    out += [*(f"- {text(line)}" for line in attribution_view.findings(result)), ""]
    for title, head, credit_rows in attribution_view.channel_tables(result):
        table = pipe_table(head, [[text(c) for c in row] for row in credit_rows])
        out += [f"<details><summary>{text(title)}</summary>", "", *table, "</details>", ""]
    return out


def _quality(result: AuditJson) -> list[str]:
    dq = result["data_quality"]
    srm = dq["srm"]
    counts = ", ".join(f"{text(a)} {numbers.count(n)}" for a, n in srm["observed"].items())
    ok = t("quality.srm_ok") if srm["ok"] else f"**{t('quality.mismatch')}**"
    srm_line = f"- SRM p = {numbers.p_value(srm['p_value'])} ({counts}): {ok}"
    out = [f"### {t('quality.title')}", "", srm_line]
    checks = dq.get("checks", [])
    out += [
        f"- {text(label('check', c['status']))}: {text(c['name'])}: "
        f"{text(say(c.get('phrase'), c['detail']))}"
        for c in checks
        if c["status"] != "pass"
    ]
    passed = sum(c["status"] == "pass" for c in checks)
    return [*out, f"- {t('quality.passed', passed=passed, total=len(checks))}", ""]


def _significant_segments(result: AuditJson) -> list[str]:
    rows = verdict_view.significant_level_rows(result)
    if not rows:
        return []
    body = [
        _metric_cells(r, f"{text(r['metric'])}: {text(r['dimension'])} = {text(r['level'])}")
        for r in rows
    ]
    header = _metric_header("metric_segment")
    return [f"### {t('segments.significant_title')}", "", *pipe_table(header, body)]


def _segments(result: AuditJson) -> list[str]:
    rows = [r for r in result.get("metrics", []) if r.get("dimension") is not None]
    if not rows:
        return []
    body = [
        _metric_cells(r, f"{text(r['metric'])}: {text(r['dimension'])} = {text(r['level'])}")
        for r in rows
    ]
    header = _metric_header("metric_segment")
    summary = t("segments.breakdown_rows", n=len(rows))
    return [
        f"<details><summary>{summary}</summary>",
        "",
        *pipe_table(header, body),
        "</details>",
        "",
    ]


def _footer(result: AuditJson) -> str:
    tool = result.get("tool")
    parts = [f"{text(tool['name'])} {text(tool['version'])}" if tool else "personalroi "]
    prov = result.get("provenance")
    if prov and prov["config_hash"]:
        parts.append(f"config {text(prov['config_hash'][:12])}")
    if prov and prov["data_fingerprint"]:
        parts.append(f"data {text(prov['data_fingerprint'][:12])}")
    return "<sub>" + " · ".join(parts) + "</sub>"
