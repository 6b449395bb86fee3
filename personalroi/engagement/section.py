"""The `engagement` section of the audit result: load the sums, compute every insight,
adjust the tests' p-values as one family, and write the findings (docs/engagement.md)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, TypeVar

from personalroi.config.model import Config
from personalroi.data.saved_table import saved_or_own
from personalroi.engagement import bounce_ctr, confusion, time_pages
from personalroi.engagement.aggregates import EngagementData
from personalroi.engagement.result import (
    BounceRow,
    ClickRow,
    CtrRow,
    EngagementSection,
    PagesWindows,
    TimeOnSite,
)
from personalroi.engagement.table import load_engagement, read_engagement_file
from personalroi.i18n.phrase import Phrase
from personalroi.stats.correction import adjust

if TYPE_CHECKING:
    from personalroi.data.dataset import Dataset
    from personalroi.plan.query_plan import QueryPlan

WINDOWS_METHOD = "quantile bins of visitor time on site, all arms pooled"
PAGES_WINDOWS_METHOD = "quantile bins of visitor pages per session, all arms pooled"

Row = TypeVar("Row", BounceRow, CtrRow, ClickRow)


def engagement_section(
    config: Config, plan: QueryPlan, data: Dataset, unit_table: str
) -> EngagementSection | None:
    """The `engagement` section for a config with an engagement section, else None: from
    the audit's unit table, or (aggregated input) the saved `units.aggregated.engagement`."""
    if config.engagement is None:
        return None
    sums = saved_or_own(
        plan,
        data,
        "engagement",
        read_engagement_file,
        lambda: load_engagement(data.con, plan, unit_table),
    )
    return None if sums is None else build_section(config, sums, data.control, data.treatments)


def _adjusted(
    rows: tuple[Row, ...] | None, p_adjusted: Iterator[float | None], alpha: float
) -> tuple[Row, ...] | None:
    """`rows` with the next len(rows) adjusted p-values of the family."""
    if rows is None:
        return None
    out = []
    for row in rows:
        p = next(p_adjusted)
        out.append(replace(row, p_value_adjusted=p, significant=p is not None and p < alpha))
    return tuple(out)


def build_section(
    config: Config, sums: EngagementData, control: str, treatments: list[str]
) -> EngagementSection:
    eng = config.engagement
    assert eng is not None
    exp, econ = config.experiment, config.economics
    alpha = exp.alpha
    arms = [control, *treatments]
    groups = {(g.arm, g.segment): g for g in sums.groups if g.arm in arms}
    overall = {a: groups[(a, None)] for a in arms if (a, None) in groups}
    segments: list[str | None] = [None]
    segments += sorted({s for (_, s) in groups if s is not None})
    findings: list[Phrase] = []
    time_on_site = pages = bounce = ctr = clicks = None
    if eng.time_on_site is not None:
        corr = time_pages.correlations(overall, alpha)
        windows = time_pages.best_windows(sums.windows, sums.edges, arms, alpha)
        method = f"{eng.windows} {WINDOWS_METHOD}"
        time_on_site = TimeOnSite(corr, tuple(sums.edges), method, windows)
        findings += time_pages.time_findings(corr, windows)
    pages_windows = None
    if eng.pages is not None and sums.pages_edges:
        segments_ = time_pages.best_windows(sums.pages_windows, sums.pages_edges, arms, alpha)
        method = f"{eng.windows} {PAGES_WINDOWS_METHOD}"
        pages_windows = PagesWindows(tuple(sums.pages_edges), method, segments_)
    if eng.pages is not None and control in overall:
        pages = time_pages.pages_distribution(overall, control, treatments, alpha)
        findings += time_pages.pages_findings(pages)
    if pages_windows is not None:
        findings += time_pages.window_findings(
            pages_windows.segments,
            time_pages.pages_label,
            Phrase.of("eng.measure.pages_per_session"),
        )
    confused = None
    if sums.medians:
        confused = confusion.confusion_rows(
            groups, sums.long, sums.medians, control, treatments, alpha, exp.correction
        )
        flagged = [confusion.finding(r) for r in confused if r.confusion]
        findings += flagged or ([confusion.all_clear(confused)] if confused else [])
    if eng.bounced is not None:
        bounce = bounce_ctr.bounce_rows(
            groups, control, treatments, segments, alpha, econ.eligible_units_per_month,
            eng.value is not None,
        )  # fmt: skip
    if eng.has_clicks:
        ctr = bounce_ctr.ctr_rows(groups, control, treatments, segments, alpha)
        clicks = bounce_ctr.click_rows(groups, treatments, segments, alpha)
    # Bounce, CTR and click tests are one family, adjusted together in this order.
    tested = [*(bounce or ()), *(ctr or ()), *(clicks or ())]
    p_adjusted = iter(adjust([r.p_value for r in tested], exp.correction))
    bounce = _adjusted(bounce, p_adjusted, alpha)
    ctr = _adjusted(ctr, p_adjusted, alpha)
    clicks = _adjusted(clicks, p_adjusted, alpha)
    if bounce is not None:
        findings += bounce_ctr.bounce_findings(bounce, econ.currency)
    if ctr is not None and clicks is not None:
        findings += bounce_ctr.ctr_findings(ctr)
        findings += bounce_ctr.click_findings(clicks)
    return EngagementSection(
        eng.segment, econ.currency, time_on_site, pages, bounce, ctr, clicks,
        tuple(f.text() for f in findings), pages_windows, confused, tuple(findings),
    )  # fmt: skip
