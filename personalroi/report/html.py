"""The stakeholder report: one self-contained HTML file that works offline and on a phone.

No script, no CDN, no external font: charts are inline SVG (html_charts.py) and
a Content-Security-Policy forbids scripts outright, so even a string that slipped
past escaping could not run. Every user string goes through `esc()`.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from personalroi.report import engagement_view, html_charts, numbers, trend_view, verdict_view
from personalroi.report.verdict_view import top_rows

SEGMENT_METRICS = 2  # segment charts for the first N metrics that have breakdowns

CSS = """
:root{--fg:#1f2328;--muted:#59636e;--line:#d0d7de;--pass:#1a7f37;--fail:#cf222e;--neutral:#6e7781}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);
 background:#f6f8fa}
main{max-width:980px;margin:0 auto;padding:16px}
section,header{background:#fff;border:1px solid var(--line);border-radius:8px;padding:16px;
 margin:0 0 16px}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.2rem;margin:0 0 .6rem}
.kicker{color:var(--muted);text-transform:uppercase;font-size:.8rem;letter-spacing:.05em;margin:0}
.verdict{border-left:8px solid var(--neutral)}
.verdict.pass{border-left-color:var(--pass)}.verdict.fail{border-left-color:var(--fail)}
.verdict h2{font-size:1.4rem}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin-bottom:12px}
.card{flex:1 1 200px;border:1px solid var(--line);border-radius:8px;padding:12px}
.card .big{font-size:1.6rem;font-weight:600}.muted{color:var(--muted)}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{padding:4px 8px;border-bottom:1px solid var(--line);text-align:right;white-space:nowrap}
th:first-child,td:first-child,td.text,th.text{text-align:left}
td.wrap{white-space:normal;text-align:left}
.chart svg{width:100%;height:auto}
.bar{background:#eaeef2;border-radius:4px;height:10px;min-width:80px}
.bar span{display:block;height:10px;border-radius:4px;background:var(--pass)}
.status{font-weight:600}
.s-met{color:var(--pass)}.s-harmful{color:var(--fail)}.s-missed{color:#9a6700}
footer{font-size:.85rem;color:var(--muted);word-break:break-all}
"""
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def esc(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def render_html(result: dict[str, Any], history: Sequence[dict[str, Any]] = ()) -> str:
    """The full page. `history` (oldest first: recorded_at, score, roi) adds a trend chart."""
    exp = result["experiment"]
    body = [
        _header(exp),
        _verdict(result),
        _roi(result),
        _scorecard(result),
        _lifts(result),
        _segments(result),
        _lift_trend(result),
        _engagement(result),
        _trend(history),
        _gaps(result),
        _priorities(result),
        _quality(result),
        _footer(result),
    ]
    return (
        "<!doctype html>\n<html lang='en'><head><meta charset='utf-8'>"
        f"<meta http-equiv='Content-Security-Policy' content=\"{CSP}\">"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>personalroi: {esc(exp['name'])}</title><style>{CSS}</style></head>\n"
        "<body><main>\n" + "\n".join(part for part in body if part) + "\n</main></body></html>\n"
    )


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], text_cols: int = 1) -> str:
    """Cells are pre-escaped HTML; the first `text_cols` columns read left."""

    def cls(i: int) -> str:
        return " class='text'" if i < text_cols else ""

    head = "".join(f"<th{cls(i)}>{esc(h)}</th>" for i, h in enumerate(header))
    body = "".join(
        "<tr>" + "".join(f"<td{cls(i)}>{c}</td>" for i, c in enumerate(row)) + "</tr>"
        for row in rows
    )
    table = f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    return f"<div class='scroll'>{table}</div>"


def _status(status: str) -> str:
    return f"<span class='status s-{esc(status.replace(' ', '-'))}'>{esc(status)}</span>"


def _header(exp: dict[str, Any]) -> str:
    hyp = (
        f"<p><strong>Hypothesis:</strong> {esc(exp['hypothesis'])}</p>"
        if exp.get("hypothesis")
        else ""
    )
    arms = ", ".join(esc(t) for t in exp["treatments"])
    return (
        "<header><p class='kicker'>personalroi audit</p>"
        f"<h1>{esc(exp['name'])}</h1>{hyp}"
        f"<p class='muted'>Control {esc(exp['control'])} vs {arms}; alpha {esc(exp['alpha'])}, "
        f"multiple-comparison correction {esc(exp.get('correction', 'none'))}.</p></header>"
    )


def _verdict(result: dict[str, Any]) -> str:
    items = "".join(f"<li>{esc(d)}</li>" for d in verdict_view.reasons(result))
    score = verdict_view.score_line(result) or ""
    return (
        f"<section class='verdict {verdict_view.tone(result)}' id='verdict'>"
        f"<h2>{esc(verdict_view.headline(result))}</h2><p>{esc(score)}</p>"
        f"<ul>{items}</ul></section>"
    )


def _roi(result: dict[str, Any]) -> str:
    rows = result.get("roi") or []
    if not rows:
        return ""
    cur = rows[0].get("currency", "")
    cards = "".join(
        f"<div class='card'><div class='muted'>{esc(r['arm'])}</div>"
        f"<div class='big'>ROI {esc(numbers.pct(r.get('roi')))}</div>"
        f"<div>{esc(numbers.interval(r.get('roi_ci')))} interval</div>"
        f"<div>P(ROI &gt; 0) = {esc(numbers.pct(r.get('probability_roi_positive'), False))}</div>"
        "</div>"
        for r in rows
    )
    table = _table(
        [
            "arm",
            "investment",
            "revenue lift",
            "savings",
            "benefit/cost",
            "NPV",
            "payback",
            "break-even lift",
        ],
        [
            [
                esc(r["arm"]),
                esc(numbers.money(r.get("investment"), cur)),
                esc(numbers.money(r.get("revenue_lift"), cur)),
                esc(numbers.money(r.get("cost_savings"), cur)),
                esc(
                    f"{r['benefit_cost_ratio']:.2f}"
                    if r.get("benefit_cost_ratio") is not None
                    else "–"
                ),
                esc(numbers.money(r.get("npv"), cur)),
                esc(
                    f"{r['payback_months']:g} months"
                    if r.get("payback_months") is not None
                    else "–"
                ),
                esc(numbers.pct(r.get("break_even_relative_lift"))),
            ]
            for r in rows
        ],
    )
    basis = esc(rows[0].get("basis", "revenue")).replace("_", " ")
    chart = html_charts.roi_buildup(rows, cur)
    return (
        f"<section id='roi'><h2>Return on investment</h2><div class='cards'>{cards}</div>"
        f"<p class='muted'>Revenue lift on a {basis} basis. The build-up: revenue lift parts and "
        "savings add, the investment subtracts, the last bar is the net gain.</p>"
        f"<div class='chart'>{chart}</div>{table}</section>"
    )


def _scorecard(result: dict[str, Any]) -> str:
    card = result.get("scorecard")
    if not card:
        return ""
    rows = []
    for item in card.get("items", []):
        attain = item.get("attainment")
        width = 0.0 if attain is None else max(0.0, min(1.0, attain)) * 100
        rows.append(
            [
                esc(item.get("name")),
                esc(item.get("arm") or "–"),
                esc(f"{item.get('weight', 0):g}"),
                esc(numbers.pct(item.get("goal"))),
                esc(numbers.pct(item.get("achieved"))),
                f"<div class='bar' title='{width:.0f}%'>"
                f"<span style='width:{width:.0f}%'></span></div>",
                _status(str(item.get("status", ""))),
            ]
        )
    verdict = "passed" if card.get("passed") else "not passed"
    return (
        f"<section id='scorecard'><h2>Scorecard: {card['score']:.1f} / 100</h2>"
        f"<p class='muted'>Pass mark {esc(card.get('pass_score'))}: {verdict}. "
        "Score = weighted mean attainment of the goals.</p>"
        + _table(["goal", "arm", "weight", "target", "achieved", "attainment", "status"], rows, 2)
        + "</section>"
    )


def _metric_rows(rows: Sequence[dict[str, Any]], first: str) -> list[list[str]]:
    out = []
    for r in rows:
        kind = r["type"]
        name = esc(r["metric"]) if first == "metric" else esc(f"{r['dimension']} = {r['level']}")
        out.append(
            [
                name,
                esc(r["arm"]),
                esc(numbers.value(r["control_value"], kind)),
                esc(numbers.value(r["treatment_value"], kind)),
                esc(f"{numbers.pct(r['relative_lift'])} {numbers.interval(r['relative_ci'])}"),
                esc(numbers.p_value(r.get("p_value_adjusted"))),
                esc(numbers.pct(r.get("chance_to_beat_control"), signed=False)),
                _status(r["status"]),
            ]
        )
    return out


_METRIC_HEADER = ["arm", "control", "treatment", "rel. lift [CI]", "p adj.", "P(beat)", "status"]


def _lifts(result: dict[str, Any]) -> str:
    rows = top_rows(result)
    if not rows:
        return ""
    return (
        "<section id='lifts'><h2>Lift per metric and arm</h2>"
        "<p class='muted'>Dots are the relative lift, lines the confidence interval; "
        "a line crossing 0 means no clear effect.</p>"
        f"<div class='chart'>{html_charts.forest_plot(rows)}</div>"
        + _table(["metric", *_METRIC_HEADER], _metric_rows(rows, "metric"), 2)
        + "</section>"
    )


def _segments(result: dict[str, Any]) -> str:
    rows = [r for r in result.get("metrics", []) if r.get("dimension") is not None]
    metrics = list(dict.fromkeys(r["metric"] for r in rows))[:SEGMENT_METRICS]
    if not metrics:
        return ""
    parts = []
    for metric in metrics:
        mine = [r for r in rows if r["metric"] == metric]
        table = _table(["segment", *_METRIC_HEADER], _metric_rows(mine, "segment"), 2)
        chart = html_charts.segment_plot(metric, mine)
        parts.append(
            f"<h3>{esc(metric)}</h3><div class='chart'>{chart}</div>"
            f"<details><summary>table</summary>{table}</details>"
        )
    return "<section id='segments'><h2>Segment breakdown</h2>" + "".join(parts) + "</section>"


def _lift_trend(result: dict[str, Any]) -> str:
    """Lift by week since exposure, with/without calendar periods; cohort weeks folded."""
    parts = []
    views = (
        (trend_view.exposure_weeks(result), False),
        (trend_view.calendar_periods(result), False),
        (trend_view.cohort_weeks(result), True),
    )
    for view, folded in views:
        if view is None:
            continue
        title, header, rows = view
        table = _table(header, [[esc(c) for c in row] for row in rows], 2)
        parts.append(
            f"<details><summary>{esc(title)}</summary>{table}</details>"
            if folded
            else f"<h3>{esc(title)}</h3>{table}"
        )
    if not parts:
        return ""
    return (
        "<section id='lift-trend'><h2>Lift over time</h2><p class='muted'>Relative lifts "
        "without CUPED; – where a week has too little data. Novelty: the lift fades "
        "significantly with weeks since first exposure.</p>" + "".join(parts) + "</section>"
    )


def _engagement(result: dict[str, Any]) -> str:
    rows = engagement_view.summary(result)
    if rows is None:
        return ""
    items = "".join(f"<li>{esc(line)}</li>" for line in engagement_view.findings(result))
    table = _table(engagement_view.HEADER, [[esc(c) for c in row] for row in rows])
    return (
        f"<section id='engagement'><h2>Engagement insights</h2>{table}"
        f"<p class='muted'>{esc(engagement_view.CAPTION)}</p><ul>{items}</ul></section>"
    )


def _trend(history: Sequence[dict[str, Any]]) -> str:
    if len(history) < 2:
        return ""
    return (
        "<section id='trend'><h2>Trend over earlier audits</h2>"
        f"<div class='chart'>{html_charts.trend_plot(history)}</div></section>"
    )


def _gaps(result: dict[str, Any]) -> str:
    gaps = result.get("gaps") or []
    if not gaps:
        return ""
    rows = [
        [
            esc(g.get("severity")),
            esc(g.get("area")),
            esc(g.get("finding")),
            esc(g.get("recommendation")),
        ]
        for g in gaps
    ]
    table = _table(["severity", "area", "finding", "recommendation"], rows, 4)
    return f"<section id='gaps'><h2>Gaps</h2>{table.replace('<td>', '<td class=wrap>')}</section>"


def _priorities(result: dict[str, Any]) -> str:
    rows = sorted(result.get("priorities") or [], key=lambda p: p.get("rank") or 0)
    if not rows:
        return ""
    body = [
        [
            esc(p.get("rank")),
            esc(p.get("arm")),
            esc(numbers.pct(p.get("roi"))),
            esc(numbers.money(p.get("investment"))),
        ]
        for p in rows
    ]
    return (
        "<section id='priorities'><h2>Priorities</h2>"
        "<p class='muted'>Biggest impact for the least resources first; keep testing new ideas "
        "against the current winner.</p>"
        + _table(["rank", "arm", "ROI", "investment"], body, 2)
        + "</section>"
    )


def _quality(result: dict[str, Any]) -> str:
    dq = result["data_quality"]
    srm = dq["srm"]
    counts = ", ".join(f"{esc(a)} {n:,}" for a, n in srm["observed"].items())
    ok = "ok" if srm["ok"] else "<strong>MISMATCH: the split is not as planned</strong>"
    rows = [[esc(c["name"]), esc(c["status"]), esc(c["detail"])] for c in dq.get("checks", [])]
    table = _table(["check", "status", "detail"], rows, 3)
    return (
        f"<section id='quality'><h2>Data quality</h2><p>Sample ratio: p = "
        f"{esc(numbers.p_value(srm['p_value']))} ({counts}): {ok}</p>{table}</section>"
    )


def _footer(result: dict[str, Any]) -> str:
    tool = result.get("tool", {})
    prov = result.get("provenance") or {}
    lines = [
        f"{esc(tool.get('name', 'personalroi'))} {esc(tool.get('version', ''))}, "
        f"result schema {esc(result.get('schema_version'))}",
        f"config hash: {esc(prov.get('config_hash') or 'not recorded')}",
        f"data fingerprint: {esc(prov.get('data_fingerprint') or 'not recorded')}",
    ]
    return "<footer>" + "<br>".join(lines) + "</footer>"
