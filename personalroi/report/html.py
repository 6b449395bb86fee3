"""The stakeholder report: one self-contained HTML file that works offline and on a phone.

The page is built from jinja2 templates (personalroi/report/templates/) with
autoescape on, so every value is escaped unless it is `Markup`; the only Markup
is chart SVG, which `html_charts.safe_svg` checks before marking it. No script,
no CDN, no external font, and a Content-Security-Policy forbids scripts outright,
so even a string that slipped past escaping could not run.

Order: the audit's verdict first, then the plain-language summary, the money,
the gaps and priorities, and the statistical evidence; a glossary at the end.
jinja2 is imported here only, and this module only when HTML is rendered, so
`personalroi --help` stays fast.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from personalroi.i18n import current, t
from personalroi.report import baseline_view, clv_view, governance_view, money_view
from personalroi.report import html_evidence as evidence
from personalroi.report import html_view as view

if TYPE_CHECKING:
    from jinja2 import Environment
    from markupsafe import Markup

    from personalroi.document import AuditJson
    from personalroi.document.history import HistoryEntryJson


@cache
def environment() -> Environment:
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader("personalroi.report", "templates"),
        autoescape=True,  # every template, whatever its file name
        undefined=StrictUndefined,  # a misspelt field fails the tests instead of rendering ""
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # The templates' own words, in the language of the rendering that calls them.
    env.globals["t"] = t
    return env


@dataclass(frozen=True)
class Page:
    """Everything the templates show, as plain text (and checked chart Markup); each field
    is a template variable of the same name."""

    lang: str
    title: str
    verdict: view.Verdict
    summary: view.Summary
    roi: view.RoiView | None
    roi_by_level: view.Table | None
    level_note: str
    scorecard: view.ScorecardView | None
    gaps: view.Table | None
    priorities: view.Table | None
    lifts: evidence.Chart | None
    segments: list[evidence.Chart]
    lift_trend: list[evidence.TrendTable]
    baseline: evidence.TrendTable | None
    clv: list[evidence.TrendTable]
    clv_caption: str
    baseline_caption: str
    history_chart: Markup | None
    engagement: evidence.Engagement | None
    governance: governance_view.GovernanceBlock | None
    attribution: evidence.Attribution | None
    quality: evidence.Quality
    glossary: list[tuple[str, str]]
    footer: list[str]


def page(result: AuditJson, history: Sequence[HistoryEntryJson] = ()) -> Page:
    return Page(
        lang=current().value,
        title=str(result["experiment"]["name"]),
        verdict=view.verdict(result),
        summary=view.summary(result),
        roi=view.roi(result),
        roi_by_level=view.roi_by_level(result),
        level_note=money_view.level_note(),
        scorecard=view.scorecard(result),
        gaps=view.gaps(result),
        priorities=view.priorities(result),
        lifts=evidence.lifts(result),
        segments=evidence.segments(result),
        lift_trend=evidence.lift_trend(result),
        baseline=evidence.baseline(result),
        clv=evidence.clv(result),
        clv_caption=clv_view.caption(),
        baseline_caption=baseline_view.caption(),
        history_chart=evidence.history_chart(history),
        engagement=evidence.engagement(result),
        governance=governance_view.html_view(result),
        attribution=evidence.attribution(result),
        quality=evidence.quality(result),
        glossary=evidence.glossary(),
        footer=evidence.footer(result),
    )


def render_html(result: AuditJson, history: Sequence[HistoryEntryJson] = ()) -> str:
    """The full page. `history` (oldest first: recorded_at, score, roi) adds a trend chart."""
    return environment().get_template("report.html.j2").render(vars(page(result, history)))
